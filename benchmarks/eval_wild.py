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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', default=None, help='lifter checkpoint (default: the shipped one)')
    a = ap.parse_args()
    truth = MEDIA / 'pose2sim_single_cam01_truth.npz'
    if not truth.exists(): sys.exit(f'no truth: {truth} is absent (it is in the developers\' ../shared)')
    from perfectrep.detect import detect_video
    from perfectrep.infer import lift_keypoints
    from perfectrep.losses import p_mpjpe
    from perfectrep.skeleton import J
    d = np.load(truth)
    gt, idx, mpw = d['X_cam'], d['h36m_idx'], d['mp_world']
    kp = detect_video(MEDIA / 'pose2sim_single_cam01.mp4', max_fps=None, native_logs=False)
    score = lambda pred: float(np.mean(p_mpjpe(pred, gt)))       # millimetres
    rows = [('MediaPipe world landmarks (its own single-view 3D)', score(mpw))]
    rows.append(('PerfectRep lifter on the detector\'s 2D', score(lift_keypoints(kp.kpts, kp.width, kp.height, model=a.model)[:, idx])))
    k = kp.kpts.copy(); k[:, [J['nose'], J['head_top']], 2] = 0
    rows.append(('  with the nose and head hidden (confidence 0)', score(lift_keypoints(k, kp.width, kp.height, model=a.model)[:, idx])))
    for name, v in rows: print(f'{name:55s} P-MPJPE {v:6.1f} mm')
    print(f'head hidden: {100 * (rows[2][1] / rows[1][1] - 1):+.1f}%; lifter vs MediaPipe: {100 * (rows[1][1] / rows[0][1] - 1):+.1f}%')


if __name__ == '__main__':
    main()
