"""The package's import graph against the notebook order: every module may import only modules of
notebooks before its own (lazy imports inside functions included), so the main job flows one way
and there is no cycle. Prints the edges that break the rule; exits 1 when there is one.

    python tools/import_graph.py
"""
import re, sys
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / 'perfectrep'


def notebook_order() -> dict:
    "module name -> the position of the notebook it is exported from (its file name)."
    order = {}
    for p in PKG.glob('*.py'):
        m = re.search(r'File to edit: \.\./nbs/(\S+)\.ipynb', p.read_text()[:2000])
        if m: order[p.stem] = m.group(1)
    return order


def imports(module: str) -> set:
    "The package modules that `module` imports, anywhere in its file."
    src = (PKG / f'{module}.py').read_text()
    found = set(re.findall(r'^\s*from \.(\w+) import', src, re.M)) | set(re.findall(r'^\s*from perfectrep\.(\w+) import', src, re.M))
    found |= set(re.findall(r'^\s*import perfectrep\.(\w+)', src, re.M))
    return {m for m in found if (PKG / f'{m}.py').exists()}


def back_edges() -> list:
    order = notebook_order()
    return sorted((a, b, order[a], order[b]) for a in order for b in imports(a) if b in order and order[b] >= order[a])


if __name__ == '__main__':
    bad = back_edges()
    for a, b, na, nb in bad: print(f'{a} ({na}) imports {b} ({nb}), which comes after it')
    print(f'{len(bad)} import(s) against the notebook order' if bad else 'every module imports only modules before it: no cycle')
    sys.exit(1 if bad else 0)
