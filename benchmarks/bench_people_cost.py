"""What looking for everyone in view costs: the 2D stage (`detect_video`) of each real clip with the finder (the default)
and without it (`find_people=False`: the single-person tracker alone, as before), best of `--repeat` runs each,
alternating; and whether a second pass (several people followed on crops) was made.

    python benchmarks/bench_people_cost.py [--only NAME ...] [--repeat 2]
"""
import argparse, json, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / 'shared' / 'media' / 'real'


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--only', nargs='*', help='video names (or prefixes)')
    ap.add_argument('--repeat', type=int, default=2)
    a = ap.parse_args()
    if not REAL.is_dir(): sys.exit(f'no real videos: {REAL} is absent')
    from perfectrep.detect import detect_video
    names = sorted(n for n in json.loads((REAL / 'truth.json').read_text()) if not n.startswith('_'))
    names = [n for n in names if not a.only or any(n.startswith(o) for o in a.only)]
    head = f"{'video':40s} {'alone s':>8s} {'finder s':>8s} {'extra':>7s} {'people':>6s} {'2nd pass':>8s}"
    print(head); print('-' * len(head))
    tot = [0.0, 0.0]
    for n in names:
        best = {False: 1e9, True: 1e9}
        for _ in range(a.repeat):
            for fp in (False, True):
                t0 = time.perf_counter()
                kp = detect_video(REAL / n, native_logs=False, find_people=fp)
                best[fp] = min(best[fp], time.perf_counter() - t0)
                if fp: people, passes = kp.people, kp.passes
        second = passes > 1
        tot[0] += best[False]; tot[1] += best[True]
        print(f"{n:40s} {best[False]:8.2f} {best[True]:8.2f} {best[True] / best[False] - 1:+7.1%} {len(people):6d} {'yes' if second else 'no':>8s}", flush=True)
    print('-' * len(head))
    print(f"{'all':40s} {tot[0]:8.2f} {tot[1]:8.2f} {tot[1] / tot[0] - 1:+7.1%}")


if __name__ == '__main__':
    main()
