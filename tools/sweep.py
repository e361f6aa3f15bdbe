"""Train several lifters side by side in a fixed wall-clock budget, then score them alike.

    python tools/sweep.py SPEC.yaml --minutes 7 --out runs/sweep [--only NAME ...]

SPEC.yaml names a base config and the runs, each a dict of settings that override it:

    config: perfectrep/configs/default_cpu_deeper.yaml
    common: {workers: 3, threads: 1}
    runs:
      small81: {mode: pretrain, checkpoint: '', model: tiny, model_args: {dim_feat: 128, depth: 4, maxlen: 81}, clip_len: 81}
      ...

All runs start together (they share the machine, as they will during the real runs), first for
two epochs to time an epoch under that load, then for as many epochs as fit in `--minutes`, the
learning rate decaying per epoch to `--final-lr` of its peak by the last one. Each run's best
checkpoint is then scored by `benchmarks/eval_lifter.py` (HDM05 mm clean and noisy, held-out
synthesised lifts, averaged over `--draws` camera draws). Logs go to OUT/NAME.log.
"""
import argparse, json, subprocess, sys, time
from pathlib import Path
import yaml
from perfectrep.train import read_metrics

ROOT = Path(__file__).resolve().parents[1]

def launch(config:str, settings:dict, log:Path) -> subprocess.Popen:
    "Start one `train` process with `settings` over `config`, its output to `log`."
    code = 'import sys; from perfectrep.run import load_config; from perfectrep.train import train; train(load_config(sys.argv[1], sys.argv[2:]))'
    args = [sys.executable, '-c', code, config]
    args += [f'{k}={json.dumps(v) if isinstance(v, (dict, list)) else v}' for k, v in settings.items()]
    return subprocess.Popen(args, stdout=open(log, 'w'), stderr=subprocess.STDOUT, cwd=ROOT)

def wait_all(procs:dict) -> dict:
    codes = {n: p.wait() for n, p in procs.items()}
    for n, c in codes.items():
        if c: print(f'{n}: exited with status {c}', flush=True)
    return codes

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('spec')
    ap.add_argument('--minutes', type=float, default=7.0, help='wall-clock budget of the main runs')
    ap.add_argument('--out', default='runs/sweep')
    ap.add_argument('--final-lr', type=float, default=0.05, help='learning rate at the last epoch, as a fraction of the peak')
    ap.add_argument('--vals', type=int, default=12, help='validations per run')
    ap.add_argument('--draws', type=int, default=3)
    ap.add_argument('--only', nargs='*', default=None)
    a = ap.parse_args(argv)
    spec = yaml.safe_load(Path(a.spec).read_text())
    runs = {n: {**spec.get('common', {}), **s} for n, s in spec['runs'].items() if a.only is None or n in a.only}
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    # 1. time two epochs of every run under the shared load
    procs = {n: launch(spec['config'], dict(s, out=str(out / f'{n}_probe'), epochs=2, val_every=1000, resume=False,
                                                progress=False), out / f'{n}_probe.log') for n, s in runs.items()}
    codes = wait_all(procs)
    plan = {}
    for n, s in runs.items():
        if codes[n]: continue
        rows = read_metrics(out / f'{n}_probe')
        ep = rows[-1]['epoch_s']
        epochs = max(2, int(a.minutes * 60 / (ep * 1.08)))
        plan[n] = dict(s, out=str(out / n), epochs=epochs, lr_decay=round(a.final_lr ** (1 / epochs), 5),
                       val_every=max(1, epochs // a.vals), max_minutes=a.minutes + 1, resume=False, progress=False)
        print(f'{n}: {ep:.1f} s per epoch under load -> {epochs} epochs, lr_decay {plan[n]["lr_decay"]}', flush=True)
    print(f'probes took {time.time() - t0:.0f} s', flush=True)
    # 2. the runs themselves
    t1 = time.time()
    codes = wait_all({n: launch(spec['config'], s, out / f'{n}.log') for n, s in plan.items()})
    print(f'runs took {(time.time() - t1) / 60:.1f} min', flush=True)
    # 3. score every best checkpoint alike (all at once; printed in order)
    evals = {}
    for n in plan:
        best = out / n / 'best.pt'
        if best.exists():
            evals[n] = subprocess.Popen([sys.executable, str(ROOT / 'benchmarks' / 'eval_lifter.py'), '--checkpoint', str(best),
                                         '--draws', str(a.draws), '--lifts'], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for n in plan:
        rows = read_metrics(out / n)
        vals = [(r['epoch'], round(r['val_mpjpe'], 1)) for r in rows if 'val_mpjpe' in r]
        print(f"\n{n}: {len(rows)} epochs, {rows[-1]['clips_per_s'] if rows else 0:.0f} clips/s, validation curve {vals}", flush=True)
        if n in evals: print(evals[n].communicate()[0], end='', flush=True)

if __name__ == '__main__': main()
