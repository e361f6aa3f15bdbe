"""What looking for everyone in view costs: the 2D stage (`detect_video`) of each real clip with the finder (the default)
and without it (`find_people=False`: the single-person tracker alone, as before), `--repeat` pairs of runs back to
back, in wall time and in processor time (every thread of the process: what the finder adds whether or not a core was
idle); per clip the best of each and the median of the pairs' ratios (this host's speed drifts by 25 %: a pair run back
to back shares it, the best of several runs does not); the finder's work alone: its looks of the last run replayed by a new
finder with nothing else running, in processor time (its building and the landmark model's included), against the best
run without it (the work it adds, free of the other threads' noise; not what a second pass adds); and whether a second
pass (several people followed on crops) was made.

With --analysis: the whole analysis instead (`perfectrep.pipeline.analyze` in this process: 2D, lifting, recognition,
form, annotated video and report; the imports already done), with the finder and without it, in pairs, after one analysis to warm up.

    python benchmarks/bench_people_cost.py [--only NAME ...] [--repeat 2] [--analysis]
"""
import argparse, json, sys, time
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / 'shared' / 'media' / 'real'


def clip_names(only):
    "The real clips of truth.json, or those whose names start with one of `only`."
    names = sorted(n for n in json.loads((REAL / 'truth.json').read_text()) if not n.startswith('_'))
    return [n for n in names if not only or any(n.startswith(o) for o in only)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--only', nargs='*', help='video names (or prefixes)')
    ap.add_argument('--repeat', type=int, default=2)
    ap.add_argument('--analysis', action='store_true', help='time the whole analysis, not the 2D stage')
    a = ap.parse_args()
    if not REAL.is_dir(): sys.exit(f'no real videos: {REAL} is absent')
    if a.analysis: return whole(a)
    from perfectrep import detect
    from perfectrep.detect import detect_video
    asked = []                                            # the finder's looks in a run: (image, width, height, known, tiles)
    look = detect.PeopleFinder.__call__
    def recorded(self, image, width, height, known=(), tiles=True):
        asked.append((image, width, height, list(known), tiles))
        return look(self, image, width, height, known, tiles=tiles)
    detect.PeopleFinder.__call__ = recorded
    def replayed():                                       # processor time of the same looks by a new finder, alone
        c = time.process_time()
        with detect.PeopleFinder() as f:
            for image, width, height, known, tiles in asked: look(f, image, width, height, known, tiles=tiles)
        return time.process_time() - c
    names = clip_names(a.only)
    detect_video(REAL / names[0], native_logs=False, stop=30)   # warm: imports and the first graph, not charged to the first clip
    asked.clear()
    head = (f"{'video':40s} {'alone s':>8s} {'finder s':>8s} {'extra':>7s} {'paired':>7s} {'cpu alone':>9s} {'cpu finder':>10s} "
            f"{'extra':>7s} {'paired':>7s} {'looks':>5s} {'alone':>7s} {'people':>6s} {'2nd pass':>8s}")
    print(head); print('-' * len(head))
    tot, over = np.zeros(5), np.zeros(5, int)
    for n in names:
        runs = {False: [], True: []}                      # (wall, cpu) per run
        for _ in range(a.repeat):
            for fp in (False, True):
                t0, c0 = time.perf_counter(), time.process_time(); asked.clear()
                kp = detect_video(REAL / n, native_logs=False, find_people=fp)
                runs[fp].append((time.perf_counter() - t0, time.process_time() - c0))
                if fp: people, passes = kp.people, kp.passes
        r0, r1 = np.array(runs[False]), np.array(runs[True])
        best0, best1, paired = r0.min(0), r1.min(0), np.median(r1 / r0, 0) - 1
        second, n_looks, work = passes > 1, len(asked), replayed()
        tot += [best0[0], best1[0], best0[1], best1[1], work]
        if not second: over += [best1[0] > 1.1 * best0[0], paired[0] > 0.1, best1[1] > 1.1 * best0[1], paired[1] > 0.1, work > 0.1 * best0[1]]
        print(f"{n:40s} {best0[0]:8.2f} {best1[0]:8.2f} {best1[0] / best0[0] - 1:+7.1%} {paired[0]:+7.1%} {best0[1]:9.2f} "
              f"{best1[1]:10.2f} {best1[1] / best0[1] - 1:+7.1%} {paired[1]:+7.1%} {n_looks:5d} {work / best0[1]:+7.1%} {len(people):6d} {'yes' if second else 'no':>8s}", flush=True)
    print('-' * len(head))
    print(f"{'all':40s} {tot[0]:8.2f} {tot[1]:8.2f} {tot[1] / tot[0] - 1:+7.1%} {'':7s} {tot[2]:9.2f} {tot[3]:10.2f} {tot[3] / tot[2] - 1:+7.1%} {'':7s} {'':5s} {tot[4] / tot[2]:+7.1%}")
    print(f'clips without a second pass more than 10 % dearer: wall time {over[0]} (best of each), {over[1]} (paired); '
          f'processor time {over[2]} (best), {over[3]} (paired); the finder\'s looks replayed alone {over[4]}')


def whole(a):
    "The whole analysis of each clip with and without the finder, in back-to-back pairs: wall time, best of each and median of the pairs' ratios."
    import tempfile
    from perfectrep import detect
    from perfectrep.pipeline import analyze
    with_finder = detect.Detection
    alone = lambda *args, **kw: with_finder(*args, find_people=False, **kw)
    names = clip_names(a.only)
    with tempfile.TemporaryDirectory() as tmp: analyze(REAL / names[0], outdir=tmp)     # warm: imports, models, caches
    head = f"{'video':40s} {'alone s':>8s} {'finder s':>8s} {'extra':>7s} {'paired':>7s}"
    print(head); print('-' * len(head))
    tot, over = np.zeros(2), np.zeros(2, int)
    for n in names:
        runs = {False: [], True: []}
        for _ in range(a.repeat):
            for fp in (False, True):
                detect.Detection = with_finder if fp else alone
                with tempfile.TemporaryDirectory() as tmp:
                    t0 = time.perf_counter()
                    analyze(REAL / n, outdir=tmp)
                    runs[fp].append(time.perf_counter() - t0)
        detect.Detection = with_finder
        r0, r1 = np.array(runs[False]), np.array(runs[True])
        best0, best1, paired = r0.min(), r1.min(), float(np.median(r1 / r0)) - 1
        tot += [best0, best1]; over += [best1 > 1.1 * best0, paired > 0.1]
        print(f"{n:40s} {best0:8.2f} {best1:8.2f} {best1 / best0 - 1:+7.1%} {paired:+7.1%}", flush=True)
    print('-' * len(head))
    print(f"{'all':40s} {tot[0]:8.2f} {tot[1]:8.2f} {tot[1] / tot[0] - 1:+7.1%}")
    print(f'clips more than 10 % dearer: {over[0]} (best of each), {over[1]} (paired)')


if __name__ == '__main__':
    main()
