"""How far round the camera stands, on real footage: `perfectrep.bodyframe.camera_view`'s azimuth against the truth.

The one real view with 3D truth is the Pose2Sim view (../shared/media/pose2sim_single_cam01.mp4): its 4-camera
triangulation, in that camera's frame, gives the true azimuth of the camera from the person's front (the hips' and
ankles' lateral axis, as `BodyFrame` fits it). Printed beside it: the estimate from the lifted 3D alone, from the 2D
widths of the shoulders and hips alone (`_width_azimuth`), and the two averaged (what the analysis uses when it has
the 2D). With `--real DIR` (an output folder of `benchmarks/eval_real.py --out DIR`), the same three estimates for
each squat and deadlift clip there, beside the clip's description in ../shared/media/real/truth.json (by eye: no
azimuth truth exists for those).

    python benchmarks/eval_view.py [--real DIR]
"""
import argparse, json, sys
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MEDIA = ROOT.parent / 'shared' / 'media'


def estimates(joints, kpts, exercise='squat') -> tuple:
    "(3D alone, 2D widths alone, the two averaged) azimuth in degrees from the front, 0-180."
    from perfectrep.bodyframe import camera_view, _width_azimuth
    return (abs(camera_view(joints, exercise)['azimuth_deg']), _width_azimuth(np.asarray(joints), np.asarray(kpts)),
            abs(camera_view(joints, exercise, kpts)['azimuth_deg']))


def true_azimuth(X) -> float:
    "Degrees from the person's front to the camera (0-180), from 3D joints in the camera's frame (17 H36M joints)."
    from perfectrep.bodyframe import BodyFrame, _standing_up
    f = BodyFrame.fit(X, _standing_up(X))
    to_cam = np.array([0., 0., -1.])
    return abs(float(np.degrees(np.arctan2(to_cam @ f.lateral, to_cam @ f.forward))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--real', default=None, help='an eval_real.py output folder: the estimates of its squat and deadlift clips')
    a = ap.parse_args()
    truth = MEDIA / 'pose2sim_single_cam01_truth.npz'
    if not truth.exists(): sys.exit(f'no truth: {truth} is absent (it is in the developers\' ../shared)')
    from perfectrep.detect import detect_video
    from perfectrep.infer import lift_keypoints
    d = np.load(truth)
    X = np.zeros((len(d['X_cam']), 17, 3)); X[:, d['h36m_idx']] = d['X_cam']   # the joints the frame needs are all there
    kp = detect_video(MEDIA / 'pose2sim_single_cam01.mp4', native_logs=False)
    lifted = lift_keypoints(kp.kpts, kp.width, kp.height)
    e3, ew, eb = estimates(lifted, kp.kpts)
    print(f'pose2sim cam01: true azimuth {true_azimuth(X):5.1f} deg; estimated from the lifted 3D {e3:5.1f}, '
          f'from the 2D widths {ew:5.1f}, the two averaged (used) {eb:5.1f}')
    if a.real is None: return
    notes = json.loads((MEDIA / 'real' / 'truth.json').read_text())
    print(f'\n{"clip":38s} {"3D":>6s} {"widths":>6s} {"used":>6s}  description')
    for rep in sorted(Path(a.real).glob('*/report.json')):
        ex = json.loads(rep.read_text()).get('exercise')
        lift = rep.parent / 'lift'
        if ex not in ('squat', 'deadlift') or not (lift / 'poses3d.npy').exists(): continue
        e3, ew, eb = estimates(np.load(lift / 'poses3d.npy'), np.load(lift / 'poses2d.npy'), ex)
        print(f'{rep.parent.name:38s} {e3:6.1f} {ew:6.1f} {eb:6.1f}  {notes.get(rep.parent.name + ".mp4", {}).get("note", "")[:60]}')


if __name__ == '__main__':
    main()
