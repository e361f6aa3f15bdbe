"""Run notebooks and keep their outputs (tables, figures, the report view, the 3D player's animation), so that the
documentation site built from them shows results. Cells flagged `slow` or `notest` are not run; `data` cells run
where ../shared exists. Run after changing what a notebook shows, then `nbdev-clean` and commit.

    python tools/fill_outputs.py [NOTEBOOK ...]      (default: every notebook in nbs/)
"""
import os, sys
from pathlib import Path
from fastcore.nbio import read_nb, write_nb
from execnb.shell import CaptureShell

ROOT = Path(__file__).resolve().parents[1]
SKIP = ('#| slow', '#|slow', '#| notest', '#|notest')


def skip(cell) -> bool:
    "True for cells not to run (execnb's preproc): slow or notest flags, or data cells without ../shared."
    src = cell.get('source', '')
    if any(f in src for f in SKIP): return True
    return '#| data' in src and not (ROOT.parent / 'shared').exists()


def fill(path: Path):
    nb = read_nb(path)
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        sh = CaptureShell()
        sh.run_all(nb, exc_stop=True, preproc=skip)
    finally: os.chdir(here)
    write_nb(nb, path)


if __name__ == '__main__':
    paths = [Path(p) for p in sys.argv[1:]] or sorted(p for p in (ROOT / 'nbs').glob('*.ipynb') if not p.name.startswith('_'))
    for p in paths:
        print(f'running {p.name}', flush=True)
        fill(p)
