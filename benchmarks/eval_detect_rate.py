"""What detecting at a lower frame rate changes: the same analysis with the 2D detected at `--fps` and at `--base` frames per
second at most (the 2D interpolated in between), compared rep by rep.

- Real videos (../shared/media/real): rep counts, rep boundaries (seconds), every rep metric both runs measured (mean
  absolute difference, in the metric's own unit), the scored and possible faults and the judge's calls per rep, the 2D
  (median joint distance as a share of the person's height), and the seconds the 2D took.
- Synthesised sets (squat, deadlift, bench, 5 seeds each, seen by the demo camera, with the detector's measured error): the
  same comparison, the 2D kept at every other frame and interpolated as `upsample_keypoints` does for a video.
- The Pose2Sim view with triangulated 3D truth: the lifter's P-MPJPE with the 2D detected at every frame (60 fps), at 30
  and at `--fps`.

    python benchmarks/eval_detect_rate.py [--fps 15] [--base 30] [--only NAME ...]
"""
import argparse, sys, tempfile, time
from collections import defaultdict
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'benchmarks'))
from eval_real import REAL, load_truth        # noqa: E402
from eval_wild import MEDIA, wild_scores      # noqa: E402


SCORED = ('minor', 'major')


def _scored(rep): return [f for f in rep.faults if f.severity in SCORED]
def _called(rep): return [c for c in rep.calls if c.result in ('pass', 'fail')]


def verdicts(rep) -> tuple:
    "What a lifter reads on one rep: the scored faults, the possible ones, the judge's pass/fail calls."
    return ({f.name for f in _scored(rep)}, {n.name for n in rep.notes if n.severity == 'possible'},
            {(c.name, c.result) for c in _called(rep)})


def changed(x, y) -> list:
    "What rep `x` says that rep `y` does not: scored faults and pass/fail calls, each with how sure it is."
    sy, _, cy = verdicts(y)
    return ([f'{f.name} {f.severity} (sure {f.sure:.3f}, {f.metric} {f.value:.3g})' for f in _scored(x) if f.name not in sy]
            + [f'{c.name} {c.result} (sure {c.sure:.3f}, {c.metric} {c.value:.3g})' for c in _called(x) if (c.name, c.result) not in cy])


def compare(a, b, diffs: dict) -> tuple:
    """Rep counts of two reports, the boundaries' mean difference (s), the metrics' differences added to `diffs`, and per
    rep whether the scored faults, the possible ones and the judge's calls came out alike (counted in `diffs['_verdicts']`)."""
    if a.n_reps != b.n_reps or not a.reps: return a.n_reps, b.n_reps, float('nan')
    bounds = np.mean([abs(x.start - y.start) + abs(x.end - y.end) for x, y in zip(a.reps, b.reps)]) / 2 / a.fps
    for x, y in zip(a.reps, b.reps):
        (sx, px, cx), (sy, py, cy) = verdicts(x), verdicts(y)
        diffs['_verdicts'].append((sx == sy, px == py, cx == cy, len(sx ^ sy), len(cx ^ cy)))
        for k in x.metrics.keys() & y.metrics.keys():
            u, v = x.metrics[k], y.metrics[k]
            if isinstance(u, (int, float)) and isinstance(v, (int, float)) and np.isfinite(u) and np.isfinite(v):
                diffs[k].append(abs(u - v))
    return a.n_reps, b.n_reps, bounds


def kpts_diff(a, b) -> float:
    "Median distance between two 2D tracks of one person, as a share of their height, where both saw the joint."
    ka, kb = a.kpts.kpts, b.kpts.kpts
    n = min(len(ka), len(kb))
    ok = (ka[:n, :, 2] > 0) & (kb[:n, :, 2] > 0)
    h = np.median(np.ptp(ka[:n, :, 1], axis=1))
    return float(np.median(np.linalg.norm(ka[:n, :, :2] - kb[:n, :, :2], axis=-1)[ok]) / h) if ok.any() else float('nan')


def real_videos(fps: float, base: float, only, diffs, verbose=False):
    from perfectrep.pipeline import analyze
    truth = load_truth()
    print(f"{'video':40s} {'fps':>5s} {'reps':>4s} {'at ' + str(int(base)):>6s} {'at ' + str(int(fps)):>6s} {'bounds s':>8s} "
          f"{'2D %h':>6s} {'2D s':>11s}")
    same, total, t_base, t_low = 0, 0, 0., 0.
    for name, t in truth.items():
        if only and not any(name.startswith(o) for o in only): continue
        runs = {}
        for rate in (base, fps):
            t0 = time.perf_counter()
            runs[rate] = analyze(REAL / name, exercise=t['exercise'] if t['exercise'] in ('squat', 'deadlift', 'bench') else None,
                                 outdir=None, detect_fps=rate)
            runs[rate].seconds = time.perf_counter() - t0
        a, b = runs[base], runs[fps]
        na, nb, bounds = compare(a, b, diffs)
        if verbose and na == nb:
            for x, y in zip(a.reps, b.reps):
                ux, uy = changed(x, y), changed(y, x)
                if ux or uy: print(f'    rep {x.index + 1}: at {base:g} fps only {ux or "-"}; at {fps:g} fps only {uy or "-"}')
        same += na == nb; total += 1
        t_base += a.timing['keypoints_2d']; t_low += b.timing['keypoints_2d']
        print(f"{name:40s} {a.fps:5.1f} {str(t['reps']):>4s} {na:6d} {nb:6d} {bounds:8.3f} {100 * kpts_diff(a, b):6.2f} "
              f"{a.timing['keypoints_2d']:5.1f}>{b.timing['keypoints_2d']:5.1f}", flush=True)
    print(f'real videos: the same rep count in {same}/{total}; the 2D took {t_low:.1f} s instead of {t_base:.1f} s '
          f'({t_base / max(t_low, 1e-9):.2f}x faster)')


def synthesised(fps: float, base: float, diffs):
    from perfectrep.synth import synth_set
    from perfectrep.cameras import project_motion
    from perfectrep.dataset import detector_error_2d
    from perfectrep.detect import upsample_keypoints, detection_step
    from perfectrep.people import Keypoints2D
    from perfectrep.pipeline import analyze, demo_camera
    step = detection_step(base, fps)
    same, total, bounds = 0, 0, []
    with tempfile.TemporaryDirectory() as d:
        for ex in ('squat', 'deadlift', 'bench'):
            for seed in range(5):
                st = synth_set(ex, 5, fps=base, seed=seed, faults='random', walkout=ex != 'bench')
                cam = demo_camera()
                px, _ = project_motion(st.joints, cam)
                k = detector_error_2d(px, np.random.default_rng(seed), fps=base)
                low = Keypoints2D(k[::step], cam.width, cam.height, base / step,
                                  people=[dict(id=1, first=0, last=len(k[::step]) - 1, frames=len(k[::step]))])
                k_low = upsample_keypoints(low, step, len(k)).kpts
                reps = []
                for arr, tag in ((k, 'base'), (k_low, 'low')):
                    np.save(Path(d) / f'{tag}.npy', arr)
                    reps.append(analyze(Path(d) / f'{tag}.npy', exercise=ex, outdir=None, size=f'{cam.width}x{cam.height}', fps=base))
                na, nb, b = compare(*reps, diffs)
                same += na == nb; total += 1
                if np.isfinite(b): bounds.append(b)
    print(f'synthesised sets: the same rep count in {same}/{total}; boundaries {np.mean(bounds):.3f} s apart on average')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--fps', type=float, default=15., help='the lower detection rate')
    ap.add_argument('--base', type=float, default=30., help='the rate compared with')
    ap.add_argument('--only', nargs='*', help='real video names (or prefixes); no synthesised sets or Pose2Sim then')
    ap.add_argument('--verbose', action='store_true', help='per real video, the reps whose scored faults or calls differ')
    a = ap.parse_args()
    if not REAL.is_dir(): sys.exit(f'no real videos: {REAL} is absent (it is in the developers\' ../shared)')
    real_diffs, synth_diffs = defaultdict(list), defaultdict(list)
    real_videos(a.fps, a.base, a.only, real_diffs, a.verbose)
    if not a.only:
        synthesised(a.fps, a.base, synth_diffs)
    for title, diffs in (('real videos', real_diffs), ('synthesised sets', synth_diffs)):
        v = np.array(diffs.pop('_verdicts', []), dtype=float).reshape(-1, 5)
        if len(v):
            print(f'\nverdicts, {title}, over the {len(v)} reps both runs counted alike: the same scored faults on '
                  f'{v[:, 0].mean():.0%} ({v[:, 3].sum():.0f} faults differ), the same possible ones on {v[:, 1].mean():.0%}, '
                  f'the same pass/fail calls on {v[:, 2].mean():.0%} ({v[:, 4].sum():.0f} calls differ)')
        if diffs:
            print(f'\nmetrics, {title}: mean |difference| (median) over the reps both runs counted alike')
            for k, v in sorted(diffs.items()): print(f'  {k:28s} {np.mean(v):9.4f} ({np.median(v):.4f})  n={len(v)}')
    if not a.only:
        print('\nPose2Sim view, P-MPJPE of the lifter on the detected 2D:')
        for rate in (None, a.base, a.fps):
            rows = dict(wild_scores(max_fps=rate))
            print(f"  2D detected at {'every frame (60 fps)' if rate is None else f'{rate:g} fps at most':22s} "
                  f"{rows['lifter']:6.1f} mm (head hidden {rows['head hidden']:6.1f} mm)")


if __name__ == '__main__':
    main()
