"""The lifter on a real detector's output: the Pose2Sim view (../shared/media/pose2sim_single_cam01.mp4) lifted from the
built-in detector's 2D and compared with the 4-camera triangulation in that camera's frame (pose2sim_single_cam01_truth.npz),
P-MPJPE (per-frame similarity Procrustes) over its 14 joints, beside MediaPipe's own single-view 3D (world landmarks);
and the same with the nose and head at confidence 0 (a face hidden by plates, or turned away). Then what bounds the score:
the lifter on the truth's own projection into this camera (2D without the detector's error; the pinhole is fitted to
the detector's 2D), and the frames split by whether the detector's 2D and that projection agree (median over the joints
within 25 px): where they do not, the 4-camera truth and this camera's own picture disagree, and no single-view lifter
fed this picture can match the truth there.

    python benchmarks/eval_wild.py [--model PATH]
"""
import argparse, sys
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MEDIA = ROOT.parent / 'shared' / 'media'
TRUTH = MEDIA / 'pose2sim_single_cam01_truth.npz'


def cam01_truth():
    "The Pose2Sim view's triangulated truth (an `np.load` of TRUTH); exits with a message where the developers' data is absent."
    if not TRUTH.exists(): sys.exit(f'no truth: {TRUTH} is absent (it is in the developers\' ../shared)')
    return np.load(TRUTH)


def cam01_keypoints(max_fps=None):
    "The built-in detector's 2D of the Pose2Sim view, detected at `max_fps` at most (None: every frame)."
    from perfectrep.detect import detect_video
    return detect_video(MEDIA / 'pose2sim_single_cam01.mp4', max_fps=max_fps, native_logs=False)


def lift_cam01(kp, model=None) -> np.ndarray:
    "The lifter's 3D (T, 17, 3) of the Pose2Sim view's 2D `kp` (`cam01_keypoints`)."
    from perfectrep.infer import lift_keypoints
    return lift_keypoints(kp.kpts, kp.width, kp.height, model=model)


def wild_scores(model=None, max_fps=None, kp=None, lifted=None) -> list:
    "(name, P-MPJPE mm) for MediaPipe's world landmarks, the lifter, and the lifter with the head hidden; 2D `kp` (`cam01_keypoints`), or detected at `max_fps` at most (None: every frame); `lifted`: the lifter's 3D of `kp` (`lift_cam01`), when already lifted."
    from perfectrep.infer import lift_keypoints
    from perfectrep.losses import p_mpjpe
    from perfectrep.skeleton import J
    d = cam01_truth()
    gt, idx, mpw = d['X_cam'], d['h36m_idx'], d['mp_world']
    kp = cam01_keypoints(max_fps) if kp is None else kp
    score = lambda pred: float(np.mean(p_mpjpe(pred, gt)))       # millimetres
    k = kp.kpts.copy(); k[:, [J['nose'], J['head_top']], 2] = 0
    lifted = lift_cam01(kp, model) if lifted is None else lifted
    return [('mediapipe', score(mpw)), ('lifter', score(lifted[:, idx])),
            ('head hidden', score(lift_keypoints(k, kp.width, kp.height, model=model)[:, idx]))]


def fit_pinhole(X, uv, ok) -> np.ndarray:
    "(fx, fy, cx, cy) pixels: the pinhole that best projects camera-frame points `X` (..., 3) onto pixels `uv` (..., 2) where `ok`."
    out = []
    for ax in (0, 1):
        r = (X[..., ax] / X[..., 2])[ok]
        (f, c), *_ = np.linalg.lstsq(np.stack([r, np.ones_like(r)], 1), uv[..., ax][ok], rcond=None)
        out.append((f, c))
    return np.array([out[0][0], out[1][0], out[0][1], out[1][1]])


def floor_scores(model=None, agree_px:float=25., kp=None, lifted=None) -> dict:
    "The lifter on the truth's projection (2D exact), and the detector-2D lifter's and that one's error where the detector agrees with the truth's projection within `agree_px` and where not; `kp` and `lifted` as for `wild_scores`."
    from perfectrep.infer import lift_keypoints
    from perfectrep.losses import p_mpjpe
    from perfectrep.skeleton import J
    d = cam01_truth()
    gt, idx = d['X_cam'], d['h36m_idx']
    kp = cam01_keypoints() if kp is None else kp
    det = kp.kpts[:, idx]
    fx, fy, cx, cy = fit_pinhole(gt, det[..., :2], det[..., 2] > 0.5)
    proj = np.stack([fx * gt[..., 0] / gt[..., 2] + cx, fy * gt[..., 1] / gt[..., 2] + cy], -1)
    exact = kp.kpts.copy()
    exact[:, idx, :2] = proj
    exact[:, J['spine'], :2] = (exact[:, J['pelvis'], :2] + exact[:, J['thorax'], :2]) / 2   # not in the truth; nose and head stay the detector's
    e_det = p_mpjpe((lift_cam01(kp, model) if lifted is None else lifted)[:, idx], gt)
    e_exact = p_mpjpe(lift_keypoints(exact, kp.width, kp.height, model=model)[:, idx], gt)
    agree = np.median(np.linalg.norm(proj - det[..., :2], axis=-1), 1) < agree_px
    e_mp = p_mpjpe(d['mp_world'], gt)
    return dict(focal=(fx + fy) / 2, exact=float(e_exact.mean()), n_agree=int(agree.sum()), n=len(agree),
                mp_agree=float(e_mp[agree].mean()), mp_other=float(e_mp[~agree].mean()),
                det_agree=float(e_det[agree].mean()), det_other=float(e_det[~agree].mean()),
                exact_agree=float(e_exact[agree].mean()), exact_other=float(e_exact[~agree].mean()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', default=None, help='lifter checkpoint (default: the shipped one)')
    a = ap.parse_args()
    cam01_truth()                                   # before the detection: exits where the truth is absent
    kp = cam01_keypoints()
    lifted = lift_cam01(kp, a.model)                # the detector's 2D lifted once, for both tables
    s = dict(wild_scores(a.model, kp=kp, lifted=lifted))
    rows = [('MediaPipe world landmarks (its own single-view 3D)', s['mediapipe']),
            ('PerfectRep lifter on the detector\'s 2D', s['lifter']),
            ('  with the nose and head hidden (confidence 0)', s['head hidden'])]
    for name, v in rows: print(f'{name:55s} P-MPJPE {v:6.1f} mm')
    print(f"head hidden: {100 * (s['head hidden'] / s['lifter'] - 1):+.1f}%; lifter vs MediaPipe: {100 * (s['lifter'] / s['mediapipe'] - 1):+.1f}%")
    f = floor_scores(a.model, kp=kp, lifted=lifted)
    print(f"\nWhat bounds it (pinhole fitted to the detector's 2D: focal {f['focal']:.0f} px):")
    print(f"{'the lifter on the truth projected into this camera':55s} P-MPJPE {f['exact']:6.1f} mm")
    print(f"frames where the detector's 2D agrees with that projection (median within 25 px): {f['n_agree']} of {f['n']}")
    print(f"  there:     the lifter on the detector's 2D {f['det_agree']:6.1f} mm, on the projected truth {f['exact_agree']:6.1f} mm; MediaPipe's 3D {f['mp_agree']:6.1f} mm")
    print(f"  elsewhere: the lifter on the detector's 2D {f['det_other']:6.1f} mm, on the projected truth {f['exact_other']:6.1f} mm; MediaPipe's 3D {f['mp_other']:6.1f} mm")


if __name__ == '__main__':
    main()
