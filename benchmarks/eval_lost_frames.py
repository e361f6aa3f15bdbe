"""The lifter where the detector lost the person (frames with no joint seen), as `perfectrep.infer.lift_keypoints` lifts
them now: the lifter given each joint's 2D interpolated from the frames around at `BRIDGE_CONF` (`bridge_unseen`), the
lost frames' 3D a cubic keeping the motion's speed where it turns inside the loss, else straight
(`perfectrep.core.interpolate_gaps`); and
as before (up to c636b4b): the lost frames left empty (every joint at the origin at confidence 0), their 3D a straight line.

Held-out synthesised squat sets (seeds 1000+), projected from a tripod anywhere 0-180 degrees round, 0-20 up, 3-5 m
away, exact 2D with the knees at confidence 0.4 and the ankles at 0.2 (as BlazePose gives them in a close squat).
Three kinds of loss, one per set: 0.8 s while standing between reps with three frames seen in its middle, and the
bottom of the second rep hidden for 0.4 s and for 1 s. Prints, per kind, the mean over the sets of the largest error
of the hips' lifted height over the ankles (cm) in and round the loss (15 frames either side of a hidden bottom),
and of the rep's depth there (lifted lowest hips minus the truth's, cm): now, before, and with the 2D all seen.

With --noise the 2D carries a real detector's error (`perfectrep.dataset.detector_error_2d`) instead of being exact.

    python benchmarks/eval_lost_frames.py [--sets 8] [--noise]
"""
import argparse
import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--sets', type=int, default=8, help='synthesised sets (seeds 1000 on)')
    ap.add_argument('--noise', action='store_true', help="a real detector's 2D error instead of exact 2D")
    a = ap.parse_args()
    import perfectrep.infer as infer
    from perfectrep.synth import synth_set
    from perfectrep.cameras import sample_cameras, project_motion
    from perfectrep.core import runs, interpolate_missing
    from perfectrep.dataset import detector_error_2d
    from perfectrep.skeleton import J
    ankles, knees = [J['left_ankle'], J['right_ankle']], [J['left_knee'], J['right_knee']]
    hips = lambda x: x[:, ankles, 1].mean(1) - x[:, J['pelvis'], 1]          # camera y points down
    keep, cubic = infer.BRIDGE_CONF, infer.interpolate_gaps
    rows = {}
    for i in range(a.sets):
        st = synth_set('squat', 3, fps=30, seed=1000 + i)
        rng = np.random.default_rng(i)
        cam = sample_cameras(1, rng, center=st.joints[:, 0].mean(0), azimuth=(0, 180), elevation=(0, 20), distance=(3, 5))[0]
        px, _ = project_motion(st.joints, cam)
        kp = detector_error_2d(px, rng, drop=0.) if a.noise else np.concatenate([px, np.ones(px.shape[:2] + (1,))], -1)
        kp[:, knees, 2], kp[:, ankles, 2] = 0.4, 0.2
        truth = st.joints[:, J['pelvis'], 2] - st.joints[:, ankles, 2].mean(1)
        stand = max(runs(truth >= truth.max() - 0.02), key=lambda r: r[1] - r[0])
        mid = sum(stand) // 2
        s, e = st.reps[1]
        low = s + int(np.argmin(truth[s:e]))
        losses = {'0.8 s standing, 3 frames seen in it': (np.r_[mid - 12:mid - 1, mid + 2:mid + 12], np.arange(mid - 12, mid + 12)),
                  'bottom hidden 0.4 s': (np.arange(low - 6, low + 6), np.arange(low - 21, low + 21)),
                  'bottom hidden 1 s': (np.arange(low - 15, low + 15), np.arange(low - 30, low + 30))}
        for kind, (lost, near) in losses.items():
            k = kp.copy(); k[lost, :, 2] = 0
            for how, kk in (('now', k), ('before', k), ('all seen', kp)):
                if how == 'before': infer.BRIDGE_CONF, infer.interpolate_gaps = 0., lambda x, ok, **kw: interpolate_missing(x, ok)
                try: h = hips(infer.lift_keypoints(kk, cam.width, cam.height))
                finally: infer.BRIDGE_CONF, infer.interpolate_gaps = keep, cubic
                r = rows.setdefault((kind, how), [[], []])
                r[0].append(100 * np.abs(h[near] - truth[near]).max())
                r[1].append(100 * (h[near].min() - truth[near].min()))
        print(f'{i + 1}/{a.sets} sets', flush=True)
    print(f'\n{"loss":38s} {"lifted":11s} {"largest error cm":>17s} {"depth error cm":>15s}')
    for (kind, how), (err, depth) in rows.items():
        print(f'{kind:38s} {how:11s} {np.mean(err):17.1f} {np.mean(depth):+15.1f}')


if __name__ == '__main__':
    main()
