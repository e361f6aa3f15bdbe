"""The lifter on a real detector's output: the Pose2Sim view (../shared/media/pose2sim_single_cam01.mp4) lifted from the
built-in detector's 2D and compared with the 4-camera triangulation in that camera's frame (pose2sim_single_cam01_truth.npz),
P-MPJPE (per-frame similarity Procrustes) over its 14 joints, beside MediaPipe's own single-view 3D (world landmarks);
and the same with the nose and head at confidence 0 (a face hidden by plates, or turned away).

    python benchmarks/eval_wild.py [--model PATH]
"""
import argparse, sys
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MEDIA = ROOT.parent / 'shared' / 'media'


def wild_scores(model=None, max_fps=None) -> list:
    "(name, P-MPJPE mm) for MediaPipe's world landmarks, the lifter, and the lifter with the head hidden; 2D detected at `max_fps` at most (None: every frame)."
    from perfectrep.detect import detect_video
    from perfectrep.infer import lift_keypoints
    from perfectrep.losses import p_mpjpe
    from perfectrep.skeleton import J
    d = np.load(MEDIA / 'pose2sim_single_cam01_truth.npz')
    gt, idx, mpw = d['X_cam'], d['h36m_idx'], d['mp_world']
    kp = detect_video(MEDIA / 'pose2sim_single_cam01.mp4', max_fps=max_fps, native_logs=False)
    score = lambda pred: float(np.mean(p_mpjpe(pred, gt)))       # millimetres
    k = kp.kpts.copy(); k[:, [J['nose'], J['head_top']], 2] = 0
    return [('mediapipe', score(mpw)), ('lifter', score(lift_keypoints(kp.kpts, kp.width, kp.height, model=model)[:, idx])),
            ('head hidden', score(lift_keypoints(k, kp.width, kp.height, model=model)[:, idx]))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', default=None, help='lifter checkpoint (default: the shipped one)')
    a = ap.parse_args()
    truth = MEDIA / 'pose2sim_single_cam01_truth.npz'
    if not truth.exists(): sys.exit(f'no truth: {truth} is absent (it is in the developers\' ../shared)')
    s = dict(wild_scores(a.model))
    rows = [('MediaPipe world landmarks (its own single-view 3D)', s['mediapipe']),
            ('PerfectRep lifter on the detector\'s 2D', s['lifter']),
            ('  with the nose and head hidden (confidence 0)', s['head hidden'])]
    for name, v in rows: print(f'{name:55s} P-MPJPE {v:6.1f} mm')
    print(f"head hidden: {100 * (s['head hidden'] / s['lifter'] - 1):+.1f}%; lifter vs MediaPipe: {100 * (s['lifter'] / s['mediapipe'] - 1):+.1f}%")


if __name__ == '__main__':
    main()
