# %%
#| default_exp skeleton

# %% [markdown]
# # Skeleton
#
# > The 17-joint Human3.6M skeleton as an object, horizontal flipping, and converters to it from COCO-17, Halpe-26, OpenPose BODY_25, MediaPipe-33 and Fit3D-25 keypoints.

# %%
#| export
from __future__ import annotations
from dataclasses import dataclass, field
import numpy as np
import torch

# %%
#| hide
from fastcore.test import test_eq, test_ne, test_fail, test_close

# %% [markdown]
# ## The skeleton
#
# Joints are in Human3.6M order. `mirror[j]` is the joint that `j` becomes under a left/right flip.

# %%
#| export
JOINT_NAMES = ('pelvis', 'right_hip', 'right_knee', 'right_ankle', 'left_hip', 'left_knee', 'left_ankle',
               'spine', 'thorax', 'nose', 'head_top', 'left_shoulder', 'left_elbow', 'left_wrist',
               'right_shoulder', 'right_elbow', 'right_wrist')
PARENTS = (-1, 0, 1, 2, 0, 4, 5, 0, 7, 8, 9, 8, 11, 12, 8, 14, 15)
MIRROR = (0, 4, 5, 6, 1, 2, 3, 7, 8, 9, 10, 14, 15, 16, 11, 12, 13)
J = dict(zip(JOINT_NAMES, range(17)))  # joint index by name

@dataclass(frozen=True)
class Skeleton:
    "A kinematic tree: joint names, each joint's parent (-1 for the root) and its left/right mirror."
    names: tuple = JOINT_NAMES
    parents: tuple = PARENTS
    mirror: tuple = MIRROR

    @property
    def n_joints(self) -> int: return len(self.names)
    @property
    def bones(self) -> list[tuple[int, int]]:
        "(child, parent) pairs, one per non-root joint."
        return [(j, p) for j, p in enumerate(self.parents) if p >= 0]
    @property
    def left(self) -> list[int]: return [j for j, n in enumerate(self.names) if n.startswith('left')]
    @property
    def right(self) -> list[int]: return [j for j, n in enumerate(self.names) if n.startswith('right')]
    def index(self, name:str) -> int: return self.names.index(name)

    def bone_lengths(self, x # (..., J, 3) joint positions, metres
                    ):
        "Length of every bone, (..., J-1), in the units of `x`."
        c, p = zip(*self.bones)
        d = x[..., list(c), :] - x[..., list(p), :]
        return torch.linalg.norm(d, dim=-1) if torch.is_tensor(x) else np.linalg.norm(d, axis=-1)

    def _repr_markdown_(self):
        rows = [f'| {j} | {n} | {self.names[p] if p >= 0 else "-"} | {self.names[m]} |'
                for j, (n, p, m) in enumerate(zip(self.names, self.parents, self.mirror))]
        return '| idx | joint | parent | mirror |\n|---|---|---|---|\n' + '\n'.join(rows)

H36M = Skeleton()

# %%
test_eq(H36M.n_joints, 17)
test_eq(len(H36M.bones), 16)
test_eq([H36M.mirror[m] for m in H36M.mirror], list(range(17)))  # mirroring is an involution
for j in H36M.left: assert H36M.names[H36M.mirror[j]] == H36M.names[j].replace('left', 'right')
H36M

# %% [markdown]
# ## Horizontal flip
#
# Flipping negates x (about 0 for normalised 2D and camera-space 3D, or about the image's vertical
# centre line for pixel coordinates) and swaps every left joint with its right twin. Any extra
# channels (confidence) travel with their joint.

# %%
#| export
def flip_pose(x, # (..., J, C) keypoints: C is 2 or 3 (x, y[, z or confidence]); numpy or torch
              width:float|None=None, # image width in pixels for pixel keypoints; None flips about x = 0
              skeleton:Skeleton=H36M):
    "Mirror `x` left to right: negate x (or reflect it in the image) and swap the mirror pairs."
    y = x[..., list(skeleton.mirror), :]
    y = y.clone() if torch.is_tensor(y) else y.copy()
    y[..., 0] = -y[..., 0] if width is None else (width - y[..., 0])
    return y

# %%
rng = np.random.default_rng(0)
pose = rng.normal(size=(4, 17, 3))
test_close(flip_pose(flip_pose(pose)), pose)                          # flipping twice is the identity
test_close(flip_pose(flip_pose(pose[..., :2] + 500, width=1920), width=1920), pose[..., :2] + 500)
tp = torch.tensor(pose)
test_close(flip_pose(flip_pose(tp)), tp)
f = flip_pose(pose)
test_close(f[:, J['left_wrist'], 0], -pose[:, J['right_wrist'], 0])   # the right wrist becomes the left one
test_close(f[:, J['left_wrist'], 1:], pose[:, J['right_wrist'], 1:])

# %% [markdown]
# ## Converters from other keypoint formats
#
# Each converter takes `(..., K, 2)` or `(..., K, 3)` keypoints in the source format, in the
# source's order, and returns `(..., 17, 3)`: x, y in the same units and a confidence channel. A
# source without confidence counts as fully confident. A joint that is absent in the source (NaN
# coordinates or confidence 0) gets confidence 0. A joint the target needs but the source lacks is
# synthesised as the mean of source joints, with the *minimum* of their confidences: conservative,
# so that a synthesised pelvis is never more trusted than the hips it came from.
#
# A mapping is a list of 17 entries, each a tuple of source indices whose mean is the target joint.

# %%
#| export
COCO17_NAMES = ('nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder',
                'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist', 'left_hip', 'right_hip',
                'left_knee', 'right_knee', 'left_ankle', 'right_ankle')

# Each entry: source indices averaged into the target joint (Human3.6M order)
COCO17_MAP = [(11, 12), (12,), (14,), (16,), (11,), (13,), (15,), (11, 12, 5, 6), (5, 6), (0,), (1, 2),
              (5,), (7,), (9,), (6,), (8,), (10,)]
HALPE26_MAP = [(19,), (12,), (14,), (16,), (11,), (13,), (15,), (18, 19), (18,), (0,), (17,),
               (5,), (7,), (9,), (6,), (8,), (10,)]
BODY25_MAP = [(8,), (9,), (10,), (11,), (12,), (13,), (14,), (1, 8), (1,), (0,), (15, 16),
              (5,), (6,), (7,), (2,), (3,), (4,)]
MEDIAPIPE33_MAP = [(23, 24), (24,), (26,), (28,), (23,), (25,), (27,), (23, 24, 11, 12), (11, 12), (0,), (2, 5),
                   (11,), (13,), (15,), (12,), (14,), (16,)]
FIT3D25_MAP = [(j,) for j in range(17)]  # joints 0-16 of Fit3D share the Human3.6M topology and order
KEYPOINT_FORMATS = {'coco17': (17, COCO17_MAP), 'halpe26': (26, HALPE26_MAP), 'body25': (25, BODY25_MAP),
                    'mediapipe33': (33, MEDIAPIPE33_MAP), 'fit3d25': (25, FIT3D25_MAP)}

def convert_keypoints(kpts, # (..., K, 2|3) keypoints in the source format: x, y[, confidence]
                      fmt:str # one of `KEYPOINT_FORMATS`: coco17, halpe26, body25, mediapipe33, fit3d25
                     ) -> np.ndarray: # (..., 17, 3): x, y, confidence
    "Convert keypoints of a known format to the 17 Human3.6M joints with a confidence channel."
    if fmt not in KEYPOINT_FORMATS: raise ValueError(f'unknown keypoint format {fmt!r}; expected one of {list(KEYPOINT_FORMATS)}')
    k, mapping = KEYPOINT_FORMATS[fmt]
    kpts = np.asarray(kpts, dtype=np.float64)
    if kpts.shape[-2] != k or kpts.shape[-1] not in (2, 3):
        raise ValueError(f'{fmt} keypoints must have shape (..., {k}, 2 or 3), got {kpts.shape}')
    xy = kpts[..., :2]
    conf = kpts[..., 2] if kpts.shape[-1] == 3 else np.ones(kpts.shape[:-1])
    conf = np.where(np.isfinite(xy).all(-1) & np.isfinite(conf), np.clip(conf, 0, 1), 0.0)
    out = np.zeros(kpts.shape[:-2] + (17, 3))
    for j, src in enumerate(mapping):
        src = list(src)
        c = conf[..., src].min(-1)
        p = np.nan_to_num(xy[..., src, :]).mean(-2)
        out[..., j, :2] = np.where(c[..., None] > 0, p, 0.0)
        out[..., j, 2] = c
    return out

def coco17_to_h36m(k): "COCO-17 (ViTPose, MMPose, YOLO-pose) to the 17 joints."; return convert_keypoints(k, 'coco17')
def halpe26_to_h36m(k): "AlphaPose Halpe-26 to the 17 joints."; return convert_keypoints(k, 'halpe26')
def body25_to_h36m(k): "OpenPose BODY_25 to the 17 joints."; return convert_keypoints(k, 'body25')
def mediapipe33_to_h36m(k): "MediaPipe BlazePose 33 landmarks (x, y, visibility) to the 17 joints."; return convert_keypoints(k, 'mediapipe33')

def fit3d25_to_h36m(x, # (..., 25, C) Fit3D joints (3D in metres, or 2D)
                    lr_swapped:bool=False # True when the sequence labels the person's right side as left (see `perfectrep.fit3d`)
                   ) -> np.ndarray: # (..., 17, C)
    "Fit3D's 25 joints to the 17: joints 0-16 share the topology; 17-24 (feet, hands) are dropped."
    x = np.asarray(x)
    if x.shape[-2] != 25: raise ValueError(f'Fit3D joints must have shape (..., 25, C), got {x.shape}')
    y = x[..., :17, :]
    return y[..., list(MIRROR), :].copy() if lr_swapped else y.copy()

# %% [markdown]
# A hand-built COCO person standing in a 1000 x 1000 image: every target joint must land where the
# mapping says, and a missing left ankle must come out with confidence 0.

# %%
coco = np.zeros((17, 3)); coco[:, 2] = 0.9
named = dict(nose=(500, 100), left_eye=(510, 90), right_eye=(490, 90), left_ear=(520, 95), right_ear=(480, 95),
             left_shoulder=(560, 200), right_shoulder=(440, 200), left_elbow=(580, 300), right_elbow=(420, 300),
             left_wrist=(590, 400), right_wrist=(410, 400), left_hip=(540, 450), right_hip=(460, 450),
             left_knee=(545, 650), right_knee=(455, 650), left_ankle=(550, 850), right_ankle=(450, 850))
for i, n in enumerate(COCO17_NAMES): coco[i, :2] = named[n]
coco[COCO17_NAMES.index('right_hip'), 2] = 0.5
coco[COCO17_NAMES.index('left_ankle')] = np.nan
h = coco17_to_h36m(coco)
test_eq(h.shape, (17, 3))
test_close(h[J['pelvis']], [500, 450, 0.5])        # mid-hips, with the lower of the two confidences
test_close(h[J['thorax']], [500, 200, 0.9])        # mid-shoulders
test_close(h[J['spine']], [500, 325, 0.5])         # midpoint of pelvis and thorax
test_close(h[J['head_top']], [500, 90, 0.9])       # mid-eyes
test_close(h[J['right_knee']], [455, 650, 0.9])
test_close(h[J['left_wrist']], [590, 400, 0.9])
test_close(h[J['left_ankle']], [0, 0, 0])          # missing in the source: confidence 0
test_fail(lambda: coco17_to_h36m(np.zeros((18, 3))), contains='coco17 keypoints must have shape')

# %% [markdown]
# Halpe-26 is COCO plus a head, neck and hip point, which the conversion uses instead of midpoints.

# %%
halpe = np.zeros((26, 3)); halpe[:17] = np.nan_to_num(coco); halpe[:, 2] = 1
halpe[17] = (500, 40, 0.8); halpe[18] = (500, 190, 0.7); halpe[19] = (500, 460, 0.6)
h = halpe26_to_h36m(halpe)
test_close(h[J['head_top']], [500, 40, 0.8])
test_close(h[J['thorax']], [500, 190, 0.7])
test_close(h[J['pelvis']], [500, 460, 0.6])
test_close(h[J['spine']], [500, 325, 0.6])
test_close(h[J['right_ankle']], [450, 850, 1])

# %% [markdown]
# OpenPose BODY_25 has its own neck and mid-hip; OpenPose writes undetected joints as (0, 0, 0).

# %%
b25 = np.zeros((25, 3))
b25[0] = (500, 100, .9); b25[1] = (500, 200, .9); b25[2] = (440, 200, .9); b25[3] = (420, 300, .9); b25[4] = (410, 400, .9)
b25[5] = (560, 200, .9); b25[6] = (580, 300, .9); b25[7] = (590, 400, .9); b25[8] = (500, 450, .8)
b25[9] = (460, 450, .9); b25[10] = (455, 650, .9); b25[11] = (450, 850, .9); b25[12] = (540, 450, .9)
b25[13] = (545, 650, .9); b25[14] = (0, 0, 0); b25[15] = (490, 90, .9); b25[16] = (510, 90, .9)
h = body25_to_h36m(b25)
test_close(h[J['pelvis']], [500, 450, .8])
test_close(h[J['right_wrist']], [410, 400, .9])
test_close(h[J['left_shoulder']], [560, 200, .9])
test_close(h[J['spine']], [500, 325, .8])
test_close(h[J['head_top']], [500, 90, .9])
test_eq(h[J['left_ankle'], 2], 0)

# %% [markdown]
# MediaPipe's 33 landmarks: x, y normalised to the image and a visibility score.

# %%
mp = np.zeros((33, 3)); mp[:, 2] = 0.95
mp[0] = (.5, .1, .99); mp[2] = (.51, .09, .9); mp[5] = (.49, .09, .9)
mp[11] = (.56, .2, .9); mp[12] = (.44, .2, .9); mp[13] = (.58, .3, .9); mp[14] = (.42, .3, .9)
mp[15] = (.59, .4, .9); mp[16] = (.41, .4, .9); mp[23] = (.54, .45, .9); mp[24] = (.46, .45, .9)
mp[25] = (.545, .65, .9); mp[26] = (.455, .65, .9); mp[27] = (.55, .85, .3); mp[28] = (.45, .85, .9)
h = mediapipe33_to_h36m(mp)
test_close(h[J['pelvis']], [.5, .45, .9])
test_close(h[J['right_hip']], [.46, .45, .9])
test_close(h[J['left_ankle']], [.55, .85, .3])
test_close(h[J['nose']], [.5, .1, .99])
test_close(h[J['head_top']], [.5, .09, .9])

# %% [markdown]
# Fit3D's first 17 joints are already in this order; feet and hands are dropped. When a sequence's
# labels turn out to be mirrored (the person's right hip stored as index 4), `lr_swapped=True`
# swaps every left/right pair *without* moving any point.

# %%
f3 = np.random.default_rng(1).normal(size=(5, 25, 3))
test_close(fit3d25_to_h36m(f3), f3[:, :17])
sw = fit3d25_to_h36m(f3, lr_swapped=True)
test_close(sw[:, J['right_hip']], f3[:, J['left_hip']])
test_close(sw[:, J['left_wrist']], f3[:, J['right_wrist']])
test_close(sw[:, J['pelvis']], f3[:, 0])
