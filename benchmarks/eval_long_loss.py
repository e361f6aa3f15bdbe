"""Rep counts where the lifter is lost for seconds between two reps: someone stands in front of the camera, or the lifter
steps out of the picture to chalk up and comes back to the bar. Held-out synthesised sets of each lift (4 reps, seeds
2000+, a rest of the loss plus 1 s after the second rep), seen from a tripod anywhere 0-180 degrees round, 0-20 up, 3-5 m
away, given a real detector's 2D error (`perfectrep.dataset.detector_error_2d`); the 2D of the frames in the middle of
that rest is then taken away (confidence 0), and the keypoints analysed as `perfectrep-analyze` analyses a keypoint
file (the exercise given). Prints, per lift and length of the loss, the share of sets counted exactly and the counts.

With --before, as before this benchmark: a person's track resumed only within 2 s (`perfectrep.people.track_people`'s
`rejoin` off), linked on whole boxes (a dropped ankle shrinks a crouching lifter's box), and a turn inside a loss of any
length taken for a rep's hidden turn (`perfectrep.core.HIDDEN_TURN_S` unbounded where `perfectrep.reps` reads it).

    python benchmarks/eval_long_loss.py [--lifts squat deadlift bench] [--losses 1 2 3 5] [--sets 6] [--before]
"""
import argparse, functools, tempfile
from pathlib import Path
import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--lifts', nargs='+', default=['squat', 'deadlift', 'bench'])
    ap.add_argument('--losses', nargs='+', type=float, default=[1., 2., 3., 5.], help='seconds the lifter is lost')
    ap.add_argument('--sets', type=int, default=6, help='sets per lift and loss')
    ap.add_argument('--before', action='store_true', help='as before: no rejoining, whole boxes, hidden turns in any loss')
    a = ap.parse_args()
    from perfectrep.synth import synth_set
    from perfectrep.cameras import sample_cameras, project_motion
    from perfectrep.dataset import detector_error_2d
    from perfectrep.pipeline import analyze
    import perfectrep.people as P, perfectrep.reps as R
    if a.before:
        P.track_people = functools.partial(P.track_people, rejoin=False)
        P._shared_boxes = lambda p, q: (P._box(p), P._box(q))
        R.HIDDEN_TURN_S = 1e6
    print(f'{"lift":9s} {"lost":>5s} {"exact":>6s}  counts (truth 4)')
    with tempfile.TemporaryDirectory() as tmp:
        for lift in a.lifts:
            for loss in a.losses:
                counts = []
                for i in range(a.sets):
                    st = synth_set(lift, 4, fps=30, seed=2000 + i, tempo=dict(rest=loss + 1.))
                    rng = np.random.default_rng(i)
                    cam = sample_cameras(1, rng, center=st.joints[:, 0].mean(0), azimuth=(0, 180), elevation=(0, 20), distance=(3, 5))[0]
                    px, _ = project_motion(st.joints, cam)
                    k = detector_error_2d(px, rng)
                    mid, n = (st.reps[1][1] + st.reps[2][0]) // 2, int(round(loss * 30))
                    k[mid - n // 2:mid - n // 2 + n, :, 2] = 0
                    p = Path(tmp) / 'k.npy'; np.save(p, k)
                    counts.append(analyze(p, exercise=lift, outdir=None, fps=30., size=f'{cam.width}x{cam.height}').n_reps)
                c = np.array(counts)
                print(f'{lift:9s} {loss:4.1f}s {np.mean(c == 4):6.0%}  {" ".join(map(str, c))}', flush=True)


if __name__ == '__main__':
    main()
