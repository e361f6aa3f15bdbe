"""How much the built-in detector disagrees with itself on a mirrored video: a measure of its 2D error that needs no
truth, so it can be taken on the real lifting clips as well as on the one real view with triangulated truth.

Each clip is tracked twice as `perfectrep-analyze` tracks it (MediaPipe's video mode): once as filmed, once mirrored
left to right; the mirrored skeleton is mirrored back. A detector that saw the body exactly would give the same joints
both times, so the difference is error; if the two errors were independent, each one's spread would be the
difference's over sqrt(2) (a lower bound: what the detector gets wrong both ways, it gets wrong alike). Per joint and
axis: that spread as a fraction of the person's standing height, as a standard deviation and robustly (1.4826 x the
median absolute deviation: the many small errors), and the lag-1 time correlation of the difference; then the gross
errors, frames where the two lie more than OUTLIER robust spreads apart: their share, median size and mean run.

The ratio of a lifting clip's spread to the Pose2Sim view's says how the error measured against truth on that view
(`benchmarks/detector_noise.py`, which sets `perfectrep.dataset.DETECTOR_STD`) carries over to lifting footage.

    python benchmarks/detector_mirror.py [--fps 15] [--only NAME ...]
"""
import argparse, json, sys
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MEDIA = ROOT.parent / 'shared' / 'media'
LIFTS = ('squat', 'deadlift', 'bench')
OUTLIER = 4.   # a difference this many robust spreads off is a gross error (of either tracking), not the small wobble
NAMES = ('pelvis', 'rhip', 'rknee', 'rankle', 'lhip', 'lknee', 'lankle', 'spine', 'thorax', 'nose', 'head',
         'lsho', 'lelb', 'lwri', 'rsho', 'relb', 'rwri')
# left and right pooled in the table: (name, indices)
ROWS = (('hip', (1, 4)), ('knee', (2, 5)), ('ankle', (3, 6)), ('shoulder', (11, 14)), ('elbow', (12, 15)),
        ('wrist', (13, 16)), ('nose', (9,)), ('head top', (10,)))


def frames(path: Path, fps: float | None):
    "RGB frames of `path`, at most `fps` a second (None: all), and the rate they come at."
    import cv2
    cap = cv2.VideoCapture(str(path))
    if not cap.isOpened(): sys.exit(f'{path}: cannot be opened')
    native = cap.get(cv2.CAP_PROP_FPS) or 30.
    step = max(1, int(round(native / fps))) if fps else 1
    out, i = [], 0
    while True:
        ok, f = cap.read()
        if not ok: break
        if i % step == 0: out.append(cv2.cvtColor(f, cv2.COLOR_BGR2RGB))
        i += 1
    return out, native / step


def both_ways(imgs) -> tuple[np.ndarray, np.ndarray]:
    "(T, 17, 3) pixels and confidence as filmed and from the mirrored video mirrored back (NaN where nobody was found)."
    from perfectrep.detect import PoseDetector, landmarks_to_h36m, silence_native_stderr
    from perfectrep.skeleton import flip_pose
    h, w = imgs[0].shape[:2]
    out = []
    for mirror in (False, True):
        ks = []
        with silence_native_stderr(), PoseDetector() as det:
            for im in imgs:
                lm = det(im[:, ::-1] if mirror else im)
                ks.append(np.full((17, 3), np.nan) if lm is None else landmarks_to_h36m(lm, w, h))
        k = np.stack(ks)
        out.append(flip_pose(k, width=w) if mirror else k)
    return out[0], out[1]


def spreads(a: np.ndarray, b: np.ndarray, min_conf: float = 0.5) -> dict:
    "Per joint and axis: the spread of one view's error (difference / sqrt 2) in standing heights, lag-1 correlation, frames used."
    from perfectrep.core import runs
    ok = np.isfinite(a[..., 0]).all(1) & np.isfinite(b[..., 0]).all(1)
    a, b = a[ok], b[ok]
    if len(a) < 5: return {}
    height = np.percentile(np.ptp(a[..., 1], axis=1), 90)       # ankles to head top when standing
    d = (a[..., :2] - b[..., :2]) / height                        # (T, 17, 2)
    sure = (a[..., 2] >= min_conf) & (b[..., 2] >= min_conf)
    res = {}
    for j in range(17):
        dj = d[sure[:, j], j]
        if len(dj) < 5: continue
        dj = dj - np.median(dj, 0)                               # a constant offset between the two ways is bias, not spread
        lag = [np.corrcoef(dj[1:, c], dj[:-1, c])[0, 1] for c in range(2)]
        rob = 1.4826 * np.median(np.abs(dj), 0)                 # the spread of the many small errors, gross ones left out
        far = (np.abs(dj) > OUTLIER * np.maximum(rob, 1e-4)).any(1)   # a gross error of either tracking
        res[j] = dict(x=float(dj[:, 0].std() / np.sqrt(2)), y=float(dj[:, 1].std() / np.sqrt(2)), lag=float(np.nanmean(lag)), n=len(dj),
                      rx=float(rob[0] / np.sqrt(2)), ry=float(rob[1] / np.sqrt(2)), far=float(far.mean()),
                      far_size=float(np.median(np.linalg.norm(dj[far], axis=-1))) if far.any() else np.nan,
                      far_run=float(np.mean([e - s for s, e in runs(far)])) if far.any() else np.nan)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--fps', type=float, default=15., help='frames a second tracked (the Pose2Sim view: every frame)')
    ap.add_argument('--only', nargs='*', default=None, help='clip names (default: every lifting clip)')
    a = ap.parse_args()
    truth = json.loads((MEDIA / 'real' / 'truth.json').read_text())
    clips = [n for n, t in truth.items() if n.endswith('.mp4') and t['exercise'] in LIFTS and (not a.only or n in a.only)]
    res = {}
    imgs, fps = frames(MEDIA / 'pose2sim_single_cam01.mp4', None)
    res['pose2sim_single_cam01.mp4'] = spreads(*both_ways(imgs))
    for n in clips:
        imgs, fps = frames(MEDIA / 'real' / n, a.fps)
        res[n] = spreads(*both_ways(imgs))
        print(f'{n}: {len(imgs)} frames at {fps:.1f} fps, {len(res[n])} joints measured', file=sys.stderr)

    def row(r, idx, c):
        v = [r[j][c] for j in idx if j in r]
        return float(np.sqrt(np.nanmean(np.square(v)))) if v else np.nan

    ref = res.pop('pose2sim_single_cam01.mp4')
    med = lambda idx, c: np.nanmedian([row(r, idx, c) for r in res.values()])
    print(f'\nspread of one tracking\'s error, % of the standing height (x / y); lifting clips: median over {len(res)} clips')
    print(f'{"":10s} {"standard deviation":^42s} {"robust (1.4826 x MAD)":^42s}')
    print(f'{"joint":10s}' + f' {"Pose2Sim x":>10s} {"y":>6s} {"lifts x":>8s} {"y":>6s} {"ratio x":>8s} {"y":>6s}' * 2 + f' {"lag-1":>6s}')
    ratios, robust = [], []
    for name, idx in ROWS:
        line = f'{name:10s}'
        for sx, sy, keep in (('x', 'y', ratios), ('rx', 'ry', robust)):
            px, py, lx, ly = row(ref, idx, sx), row(ref, idx, sy), med(idx, sx), med(idx, sy)
            keep += [lx / px, ly / py]
            line += f' {px:10.2%} {py:6.2%} {lx:8.2%} {ly:6.2%} {lx / px:8.2f} {ly / py:6.2f}'
        print(line + f' {med(idx, "lag"):6.2f}')
    print(f'median ratio, lifting clips to the Pose2Sim view: {np.median(ratios):.2f} (standard deviation), {np.median(robust):.2f} (robust)')
    print(f'\ngross errors (either tracking more than {OUTLIER:g} robust spreads of the difference off): share of the frames, '
          f'median size (% of the standing height), mean run (frames)')
    print(f'{"joint":10s} {"Pose2Sim":>9s} {"size":>6s} {"run":>5s} {"lifts":>7s} {"size":>6s} {"run":>5s}')
    for name, idx in ROWS:
        print(f'{name:10s} {row(ref, idx, "far"):9.1%} {row(ref, idx, "far_size"):6.1%} {row(ref, idx, "far_run"):5.1f} '
              f'{med(idx, "far"):7.1%} {med(idx, "far_size"):6.1%} {med(idx, "far_run"):5.1f}')
    print(f'\nper clip, median over joints of the spread (x, y), % of the standing height:')
    for n, r in res.items():
        if r: print(f'  {n:40s} {np.median([v["x"] for v in r.values()]):6.2%} {np.median([v["y"] for v in r.values()]):6.2%}')


if __name__ == '__main__':
    main()
