"""How far round the camera stands, on real footage: `perfectrep.bodyframe.camera_view`'s azimuth against the truth.

The one real view with 3D truth is the Pose2Sim view (../shared/media/pose2sim_single_cam01.mp4): its 4-camera
triangulation, in that camera's frame, gives the true azimuth of the camera from the person's front, square to the feet
(the line between the ankles) and square to the hips. Printed beside them: `camera_view`'s estimate from the lifted 3D
(square to the feet), the lifted hips' reading, and what the 2D widths of the shoulders and hips against the trunk's
length say (their ratio to the lifted 3D's is the cosine of the angle where 2D narrows as it should). With `--real DIR`
(an output folder of `benchmarks/eval_real.py --out DIR`), the same for each squat and deadlift clip there, beside the
clip's description in ../shared/media/real/truth.json (by eye: no azimuth truth exists for those).

    python benchmarks/eval_view.py [--real DIR]
"""
import argparse, json, sys
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'benchmarks'))
from eval_wild import MEDIA, cam01_truth, cam01_keypoints      # noqa: E402


def square_to(X, part:str) -> float:
    "Degrees from the front to the camera (0-180), the front square to the line between the left and right `part` ('ankle', 'hip'), from 3D joints in the camera's frame."
    from perfectrep.bodyframe import BodyFrame, _standing_up
    from perfectrep.skeleton import J
    X = np.asarray(X, float)
    f = BodyFrame.fit(X, _standing_up(X))
    lat = f.horizontal(np.median(X[:, J[f'right_{part}']] - X[:, J[f'left_{part}']], 0))
    lat /= np.linalg.norm(lat)
    to_cam = np.array([0., 0., -1.])
    return abs(float(np.degrees(np.arctan2(to_cam @ lat, to_cam @ np.cross(f.up, lat)))))


def width_azimuth(X, k) -> float:
    "Degrees round (0-90) from how foreshortened the shoulders and hips are in 2D `k` against the 3D `X`, at the most upright frames."
    from perfectrep.skeleton import J
    X, k = np.asarray(X, float), np.asarray(k, float)
    sh, hp = [J['left_shoulder'], J['right_shoulder']], [J['left_hip'], J['right_hip']]
    w2 = np.abs(k[:, sh[0], 0] - k[:, sh[1], 0]) + np.abs(k[:, hp[0], 0] - k[:, hp[1], 0])
    t2 = np.linalg.norm(k[:, sh, :2].mean(1) - k[:, hp, :2].mean(1), axis=-1)
    w3 = np.linalg.norm(X[:, sh[0]] - X[:, sh[1]], axis=-1) + np.linalg.norm(X[:, hp[0]] - X[:, hp[1]], axis=-1)
    t3 = np.linalg.norm(X[:, sh].mean(1) - X[:, hp].mean(1), axis=-1)
    up = t2 >= np.percentile(t2, 70)
    c = np.median(w2[up] / np.maximum(t2[up], 1e-6)) / max(np.median(w3 / np.maximum(t3, 1e-6)), 1e-6)
    return float(np.degrees(np.arccos(np.clip(c, 0, 1))))


def estimates(joints, kpts, exercise='squat') -> tuple:
    "(camera_view's azimuth, the lifted hips' reading, the 2D widths' reading), degrees from the front."
    from perfectrep.bodyframe import camera_view
    return abs(camera_view(joints, exercise)['azimuth_deg']), square_to(joints, 'hip'), width_azimuth(joints, kpts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--real', default=None, help='an eval_real.py output folder: the estimates of its squat and deadlift clips')
    a = ap.parse_args()
    from perfectrep.infer import lift_keypoints
    d = cam01_truth()
    X = np.zeros((len(d['X_cam']), 17, 3)); X[:, d['h36m_idx']] = d['X_cam']   # the joints the frame needs are all there
    kp = cam01_keypoints(max_fps=30.)             # as the analysis detects it
    lifted = lift_keypoints(kp.kpts, kp.width, kp.height)
    est, hips, widths = estimates(lifted, kp.kpts)
    print(f'pose2sim cam01, true azimuth: square to the feet {square_to(X, "ankle"):5.1f} deg, to the hips {square_to(X, "hip"):5.1f}')
    print(f'  estimated (camera_view, the lifted feet) {est:5.1f}; the lifted hips {hips:5.1f}; the 2D widths {widths:5.1f}')
    if a.real is None: return
    notes = json.loads((MEDIA / 'real' / 'truth.json').read_text())
    print(f'\n{"clip":38s} {"used":>6s} {"hips":>6s} {"widths":>6s}  description')
    for rep in sorted(Path(a.real).glob('*/report.json')):
        ex = json.loads(rep.read_text()).get('exercise')
        lift = rep.parent / 'lift'
        if ex not in ('squat', 'deadlift') or not (lift / 'poses3d.npy').exists(): continue
        est, hips, widths = estimates(np.load(lift / 'poses3d.npy'), np.load(lift / 'poses2d.npy'), ex)
        print(f'{rep.parent.name:38s} {est:6.1f} {hips:6.1f} {widths:6.1f}  {notes.get(rep.parent.name + ".mp4", {}).get("note", "")[:60]}')


if __name__ == '__main__':
    main()
