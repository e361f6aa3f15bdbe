# %%
#| default_exp core

# %% [markdown]
# # Core
#
# > Data root, seeding, device choice, user-facing errors, atomic file writes and the shape vocabulary shared by every module.

# %%
#| export
from __future__ import annotations
import os, random, shutil, tempfile, contextlib
from pathlib import Path
import numpy as np
import torch

# %%
#| hide
from fastcore.test import test_eq, test_ne, test_fail, test_close

# %% [markdown]
# ## Shape vocabulary
#
# Every array in PerfectRep is described with the same letters: `B` batch, `T` frames, `J` joints
# (17 unless said otherwise), `C` channels, `D` features. 3D is in **metres**, 2D in **pixels** or
# **normalised** [-1, 1] units, and a frame rate is always passed explicitly. 2D keypoints carry a
# third channel, the detector's confidence in [0, 1].

# %%
#| export
SHAPES = {
    'B': 'batch', 'T': 'frames', 'J': 'joints (17, Human3.6M order)', 'C': 'channels',
    'D': 'features', 'R': 'representation features',
}
UNITS = {'3d': 'metres', '2d_px': 'pixels', '2d_norm': 'normalised to [-1, 1]', 'fps': 'frames per second',
         'angle': 'degrees', 'velocity': 'metres per second'}

# %% [markdown]
# ## Errors that speak to the user
#
# Bad input is reported with a `PerfectRepError`: the command-line tools print its message (which
# names the file and the problem) and exit with a non-zero status instead of showing a traceback.

# %%
#| export
class PerfectRepError(Exception):
    "An error caused by the user's input: its message says what was wrong, with which file, and what to do."
    exit_code = 2

def check_file(path, # a path that must exist and be a file
               what:str='input file' # what the file is, for the message
              ) -> Path:
    "Return `path` as a `Path`, or raise `PerfectRepError` if it is missing or not a file."
    p = Path(path)
    if not p.exists(): raise PerfectRepError(f"{what} not found: {p}")
    if not p.is_file(): raise PerfectRepError(f"{what} is not a file: {p}")
    return p

# %%
test_fail(lambda: check_file('no/such/video.mp4', 'video'), contains='video not found: no/such/video.mp4')

# %% [markdown]
# ## Data root
#
# Datasets and converted stores live under one root: `$PERFECTREP_DATA` when set, else `./data`.

# %%
#| export
def data_root(*parts:str # sub-folders to join under the root
             ) -> Path:
    "The data root (`$PERFECTREP_DATA`, default `./data`), joined with `parts`."
    return Path(os.environ.get('PERFECTREP_DATA', 'data')).expanduser().joinpath(*parts)

# %%
_old = os.environ.pop('PERFECTREP_DATA', None)
test_eq(data_root(), Path('data'))
os.environ['PERFECTREP_DATA'] = '/tmp/pr-data'
test_eq(data_root('fit3d', 'train'), Path('/tmp/pr-data/fit3d/train'))
if _old is None: del os.environ['PERFECTREP_DATA']
else: os.environ['PERFECTREP_DATA'] = _old

# %% [markdown]
# ## Seeding and devices

# %%
#| export
def seed_everything(seed:int=0 # the one seed for Python, NumPy and torch
                   ) -> np.random.Generator:
    "Seed Python, NumPy and torch (CPU and CUDA); return a fresh NumPy generator from the same seed."
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)
    return np.random.default_rng(seed)

def get_device(device:str|None=None # 'cpu', 'cuda', 'cuda:1', 'mps', or None for the best available
              ) -> torch.device:
    "The requested torch device, or the best available one: CUDA, then Apple MPS, then CPU."
    if device: return torch.device(device)
    if torch.cuda.is_available(): return torch.device('cuda')
    if getattr(torch.backends, 'mps', None) is not None and torch.backends.mps.is_available(): return torch.device('mps')
    return torch.device('cpu')

# %%
seed_everything(3); a = torch.rand(3)
seed_everything(3); test_eq(torch.rand(3), a)
test_eq(get_device('cpu').type, 'cpu')
get_device()

# %% [markdown]
# ## Atomic writes
#
# Every output file is written to a temporary file in the same folder and moved into place only
# when complete, so an error or a kill never leaves a half-written file behind.

# %%
#| export
@contextlib.contextmanager
def atomic_path(path, # the final file path
               ):
    "Context manager yielding a temporary path beside `path`; it replaces `path` only if the block succeeds."
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f'.{path.name}.', suffix='.tmp' + path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp)
    try:
        yield tmp
        with open(tmp, 'rb+') as f: os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists(): tmp.unlink()

def save_npy(path, # destination `.npy` file
             arr # the array to save
            ) -> Path:
    "Save `arr` to `path` atomically."
    with atomic_path(path) as tmp:
        with open(tmp, 'wb') as f: np.save(f, np.asarray(arr))
    return Path(path)

# %%
with tempfile.TemporaryDirectory() as d:
    p = Path(d)/'out.npy'
    save_npy(p, np.arange(3))
    test_eq(np.load(p), np.arange(3))
    def _fails():
        with atomic_path(p) as tmp:
            tmp.write_text('half')
            raise RuntimeError('killed mid-write')
    test_fail(_fails)
    test_eq(np.load(p), np.arange(3))  # the old file is intact
    test_eq(sorted(q.name for q in Path(d).iterdir()), ['out.npy'])  # and no temporary is left

