"""Validation error of a lifter averaged over several independent draws of the virtual cameras.

    python benchmarks/eval_lifter.py [--checkpoint PATH ...] [--draws 3] [--shared ../shared/data] [--lifts]

`--hide-head` adds the same with the nose and head top unseen (coordinates and confidence 0, as for a face
behind the plates or a lifter looking away) and prints how much each error grows.

`perfectrep-eval` scores one fixed draw of random cameras (one per validation clip), so two
models trained on different clip lengths are seen from different cameras, and one draw of 207
cameras alone moves MPJPE by up to 3 mm. This script scores each checkpoint on HDM05 performer mm
(never trained on) with clean 2D and with noisy 2D (3% of joints dropped), each over `--draws`
camera draws (seeds 0, 1, ...), and prints the mean and every draw's figure (MPJPE / P-MPJPE, mm,
averaged over actions, flip test on). `--lifts` adds the held-out synthesised lifts (unseen bodies).
Each checkpoint is evaluated on windows of its own length (its `maxlen`).
"""
import argparse, os, sys, time
from pathlib import Path

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--checkpoint', nargs='*', default=[None], help='lifters (.safetensors or .pt); default: the shipped one')
    ap.add_argument('--draws', type=int, default=3, help='independent camera draws per evaluation')
    ap.add_argument('--shared', default=str(Path(__file__).resolve().parents[1].parent / 'shared' / 'data'),
                    help='folder holding hdm05/ and cmu-mocap6/')
    ap.add_argument('--lifts', action='store_true', help='also score the held-out synthesised lifts')
    ap.add_argument('--hide-head', action='store_true', help='also score with the nose and head top unseen')
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args(argv)
    import numpy as np, torch
    from perfectrep.core import PerfectRepError
    from perfectrep.model import DEFAULT_LIFTER
    from perfectrep.run import load_config
    from perfectrep.tasks import load_weights
    from perfectrep.train import evaluate
    torch.set_num_threads(a.threads)
    os.environ.setdefault('PERFECTREP_DATA', a.shared)
    if not (Path(os.environ['PERFECTREP_DATA']) / 'hdm05').is_dir():
        print(f'error: no hdm05/ under {os.environ["PERFECTREP_DATA"]}', file=sys.stderr); sys.exit(2)
    base = Path(__file__).resolve().parents[1] / 'perfectrep' / 'configs' / 'default_cpu_lifts.yaml'
    for ck in a.checkpoint:
        path = ck or str(DEFAULT_LIFTER)
        try: model = load_weights(path).eval()
        except PerfectRepError as e: print(f'error: {e}', file=sys.stderr); sys.exit(2)
        L = int(model.cfg.maxlen)
        print(f'{path}: maxlen {L}, {sum(p.numel() for p in model.parameters()):,} parameters')
        runs = [('HDM05 mm, clean 2D', {}, False, False), ('HDM05 mm, noisy 2D + 3% dropped', {}, True, False)]
        if a.lifts: runs.append(('held-out synthesised lifts, clean 2D', dict(data='lifts', synth=8), False, False))
        if a.hide_head: runs += [(n + ', head hidden', dict(e, unseen=['nose', 'head_top']), noisy, True) for n, e, noisy, _ in runs if not noisy]
        seen = {}
        for name, extra, noisy, hide in runs:
            t0, res = time.time(), []
            for d in range(a.draws):
                cfg = load_config(base, dict(extra, clip_len=L, seed=d, progress=False, checkpoint=path))
                r = evaluate(cfg, noisy=noisy, model=model)          # `unseen` joints are cleared from the input
                res.append((r['mpjpe'], r['p_mpjpe']))
            m = seen[name] = np.array(res)
            grow = ''
            if hide:
                b = seen[name.removesuffix(', head hidden')]
                grow = f'   growth {m[:, 0].mean() / b[:, 0].mean() - 1:+.1%} / {m[:, 1].mean() / b[:, 1].mean() - 1:+.1%}'
            print(f'  {name:<52} MPJPE {m[:, 0].mean():6.1f} (draws {" ".join(f"{v:.1f}" for v in m[:, 0])})'
                  f'   P-MPJPE {m[:, 1].mean():6.1f} (draws {" ".join(f"{v:.1f}" for v in m[:, 1])})   {time.time() - t0:.0f} s{grow}', flush=True)


if __name__ == '__main__': main()
