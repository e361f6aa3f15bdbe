"""The full PerfectRep test suite, as run by `make test` and CI.

Each check below is one counted test; `nbdev-test` counts one test per notebook. The last line
printed (and written to `.ci/last-summary.txt`) is `N passed, N failed`.
"""
import os, re, subprocess, sys, time, tomllib, zipfile, tempfile
from pathlib import Path

if {'-h', '--help'} & set(sys.argv[1:]):
    print(__doc__.strip() + '\n\nUsage: python tools/run_tests.py (no options; `make test` runs it)'); sys.exit(0)

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SHARED = ROOT.parent/'shared'
results = []  # (name, ok, seconds, detail)
# nbdev-test runs two notebooks at once on this 2-core target: one BLAS/torch thread each avoids oversubscription
os.environ.setdefault('OMP_NUM_THREADS', '1')
os.environ.setdefault('MKL_NUM_THREADS', '1')


def sh(*args, **kw):
    "Run a command in the project root, capturing its output."
    return subprocess.run([str(a) for a in args], cwd=ROOT, capture_output=True, text=True, **kw)


def check(name):
    "Decorator: run a check, record pass/fail and its time."
    def deco(f):
        t0 = time.time()
        try: ok, detail = f()
        except Exception as e: ok, detail = False, f'{type(e).__name__}: {e}'
        dt = time.time() - t0
        results.append((name, ok, dt, detail))
        print(f"{'PASS' if ok else 'FAIL'} {name} ({dt:.1f}s)" + ('' if ok or not detail else f"\n{detail}"), flush=True)
        return f
    return deco


def git_changes(path):
    "Files under `path` that differ from the index, or are untracked."
    if not (ROOT/'.git').exists(): return ''
    return sh('git', 'status', '--porcelain', '--', path).stdout.strip()


@check('notebooks are clean (nbdev-clean leaves no diff)')
def _():
    before = git_changes('nbs')
    r = sh(BIN/'nbdev-clean')
    after = git_changes('nbs')
    return r.returncode == 0 and after == before, (r.stderr or '') + (f"nbdev-clean changed:\n{after}" if after != before else '')


@check('perfectrep/ matches the notebooks (nbdev-export leaves no diff)')
def _():
    before = git_changes('perfectrep')
    r = sh(BIN/'nbdev-export')
    after = git_changes('perfectrep')
    return r.returncode == 0 and after == before, (r.stderr or '') + (f"nbdev-export changed:\n{after}" if after != before else '')


def notebooks():
    return sorted(p for p in (ROOT/'nbs').rglob('*.ipynb')
                  if not any(part.startswith(('_', '.')) for part in p.relative_to(ROOT/'nbs').parts))


def run_nbdev_test():
    "nbdev-test over all notebooks; the `data` flag runs too when ../shared exists."
    flags = ['--flags', 'data'] if SHARED.exists() else []
    if not SHARED.exists(): print('note: ../shared is absent, cells flagged `data` are left out', flush=True)
    nbs = notebooks()
    t0 = time.time()
    r = sh(BIN/'nbdev-test', '--timing', '--n-workers', '2', *flags)
    dt = time.time() - t0
    sys.stdout.write(r.stdout); sys.stderr.write(r.stderr[-20000:])
    failed = set()
    if r.returncode != 0:
        tail = r.stderr.split('nbdev Tests Failed On The Following Notebooks:')[-1]
        failed = {ln.strip() for ln in tail.splitlines() if ln.strip().endswith('.ipynb')}
        if not failed: failed = {'nbdev-test'}
    for nb in nbs:
        ok = nb.name not in failed
        results.append((f'nbdev-test {nb.relative_to(ROOT)}', ok, dt/len(nbs), ''))
    if 'nbdev-test' in failed: results.append(('nbdev-test', False, dt, r.stderr[-2000:]))
    print(f"nbdev-test: {len(nbs)-len(failed & {n.name for n in nbs})} of {len(nbs)} notebooks passed ({dt:.0f}s)", flush=True)


run_nbdev_test()


@check('no module imports one that comes after it in the notebook order (tools/import_graph.py)')
def _():
    r = sh(sys.executable, ROOT/'tools'/'import_graph.py')
    return r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]


@check('docs pipeline (nbdev-proc-nbs) runs with no import-cell complaint')
def _():
    r = sh(BIN/'nbdev-proc-nbs')
    out = r.stdout + r.stderr
    bad = 'cells containing imports' in out
    return r.returncode == 0 and not bad, out[-3000:]


def scripts():
    cfg = tomllib.loads((ROOT/'pyproject.toml').read_text())
    return list(cfg['project'].get('scripts', {}))


for name in scripts():
    @check(f'{name} --help')
    def _(name=name):
        r = sh(BIN/name, '--help', timeout=120)
        return r.returncode == 0 and 'usage' in r.stdout.lower(), (r.stdout + r.stderr)[-2000:]


@check('the wheel contains every module')
def _():
    with tempfile.TemporaryDirectory() as d:
        r = sh(sys.executable, '-m', 'build', '--wheel', '--no-isolation', '--outdir', d)
        if r.returncode: return False, (r.stdout + r.stderr)[-3000:]
        whl = next(Path(d).glob('*.whl'))
        names = set(zipfile.ZipFile(whl).namelist())
    mods = {p.relative_to(ROOT).as_posix() for p in (ROOT/'perfectrep').rglob('*.py') if '__pycache__' not in p.parts}
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT/'perfectrep').rglob('*')
            if p.is_file() and p.suffix in ('.safetensors', '.json', '.yaml', '.md')}
    missing = sorted((mods | data) - names)
    return not missing, f'missing from the wheel: {missing}' if missing else ''


@check('JupyterLab renders the 3D player and its slider moves the pose (tools/jupyterlab_widget_test.py)')
def _():
    # headless chromium drives JupyterLab; exit 77 (no chromium or jupyterlab here) is a skip, counted as a pass
    r = sh(sys.executable, ROOT/'tools'/'jupyterlab_widget_test.py', timeout=240)
    out = (r.stdout + r.stderr).strip()
    if r.returncode == 77:
        reason = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else 'exit 77'
        detail = reason if reason.startswith('skipped: ') else f'skipped: {reason}'
        print(f'note: {detail}', flush=True)
        return True, detail
    return r.returncode == 0 and 'widget rendered, slider moved the pose' in r.stdout, out[-3000:]


npass = sum(ok for _, ok, _, _ in results)
nfail = len(results) - npass
for name, ok, dt, _ in results:
    if not ok: print(f'FAILED: {name}')
line = f'{npass} passed, {nfail} failed'
(ROOT/'.ci').mkdir(exist_ok=True)
(ROOT/'.ci'/'last-summary.txt').write_text(line + '\n')
print(line)
sys.exit(1 if nfail else 0)
