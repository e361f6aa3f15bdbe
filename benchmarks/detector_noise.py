"""How the built-in detector's 2D differs from the truth on a real video: MediaPipe on the Pose2Sim view against the
projection of its 4-camera triangulation (../shared/media/pose2sim_single_cam01_truth.npz). The camera's pinhole
(one focal length, principal point) is fitted by confidence-weighted least squares; then per joint: bias and spread
as fractions of the person's height, lag-1 time correlation, confidence; frames where a left/right swap fits better.
These figures set `perfectrep.dataset.DETECTOR_STD`; the median error's length per joint (`stays`, robust to the
truth's own gross errors, which move the bias columns) sets `perfectrep.dataset.DETECTOR_BIAS`, the offset that stays
over a clip. Beside the spread (std), a robust one (1.4826 x the median absolute
deviation), which the frames where the truth itself is off do not move: in the fast part of the movement the
triangulation and this camera's picture lie 50-60 px apart, with the detector's joints on the body in the picture
(`benchmarks/eval_wild.py`), and those frames make most of the std of the knees, ankles and wrists: the `gross` column
is the share of frames further off than OUTLIER robust spreads (20-32 % of them for those joints), `size` their median.

    python benchmarks/detector_noise.py
"""
import argparse, sys
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'benchmarks'))
from eval_wild import cam01_truth, cam01_keypoints      # noqa: E402

OUTLIER = 4.   # further off than this many robust spreads: a gross error (the share of frames and its median size are shown)


def main():
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()   # --help prints the usage
    d = cam01_truth()
    X, idx, names = d['X_cam'], d['h36m_idx'], d['names']
    kp = cam01_keypoints()                        # every frame (60 fps)
    k = kp.kpts[:, idx]
    a, uv, w = (X[..., :2] / X[..., 2:]).reshape(-1, 2), k[..., :2].reshape(-1, 2), np.repeat(k[..., 2].reshape(-1), 2)
    A = np.zeros((2 * len(a), 3)); b = uv.reshape(-1)
    A[0::2, 0], A[0::2, 1], A[1::2, 0], A[1::2, 2] = a[:, 0], 1, a[:, 1], 1      # u = f a_x + cx, v = f a_y + cy
    f, cx, cy = np.linalg.lstsq(A * w[:, None], b * w, rcond=None)[0]
    proj = f * X[..., :2] / X[..., 2:] + [cx, cy]
    H = np.ptp(proj[..., 1], axis=1).mean()
    r = (k[..., :2] - proj) / H
    print(f'pinhole f {f:.0f} px, centre ({cx:.0f}, {cy:.0f}); person {H:.0f} px tall; '
          f'median error {np.median(np.linalg.norm(r, axis=-1)):.2%} of the height ({np.median(np.linalg.norm(r, axis=-1)) * H:.1f} px)')
    mad = lambda q: 1.4826 * np.median(np.abs(q - np.median(q)))
    print(f'{"joint":8s} {"bias x":>7s} {"bias y":>7s} {"std x":>7s} {"std y":>7s} {"rob. x":>7s} {"rob. y":>7s} {"lag-1":>6s} {"conf":>5s} {"gross":>6s} {"size":>6s} {"stays":>6s}')
    for j, n in enumerate(names):
        q = r[:, j]
        lag = np.mean([np.corrcoef(q[1:, c], q[:-1, c])[0, 1] for c in range(2)])
        dev = q - np.median(q, 0)                   # gross errors: further off than OUTLIER robust spreads on either axis
        far = (np.abs(dev) > OUTLIER * np.array([mad(q[:, 0]), mad(q[:, 1])])).any(1)
        size = np.median(np.linalg.norm(dev[far], axis=-1)) if far.any() else np.nan
        print(f'{n:8s} {q[:, 0].mean():7.3f} {q[:, 1].mean():7.3f} {q[:, 0].std():7.3f} {q[:, 1].std():7.3f} {mad(q[:, 0]):7.3f} {mad(q[:, 1]):7.3f} '
              f'{lag:6.2f} {k[:, j, 2].mean():5.2f} {far.mean():6.0%} {size:6.3f} {np.hypot(*np.median(q, 0)):6.3f}')
    left, right = [4, 5, 6, 8, 9, 10], [1, 2, 3, 11, 12, 13]
    sw = k.copy(); sw[:, left], sw[:, right] = k[:, right], k[:, left]
    e0 = np.linalg.norm(k[..., :2] - proj, axis=-1).mean(1); e1 = np.linalg.norm(sw[..., :2] - proj, axis=-1).mean(1)
    print(f'frames where swapping left and right fits better: {int((e1 < e0).sum())} of {len(k)}')


if __name__ == '__main__':
    main()
