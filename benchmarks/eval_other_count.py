"""Rep counts of a movement the analysis does not know (`--exercise other`, or a set recognised as other), in clips that
begin and end inside a rep. With no lift to anchor the phase, the reps are counted between stays at a rest pose read
from the clip itself (`perfectrep.reps._unknown_rest`); a clip that begins half way down shows there a pose the movement
passes through twice a rep. Held-out synthesised sets of each lift (3-6 reps, unseen bodies, 0 or 0.5 s still before and
after), cut 70 % of the time at a random point of the first rep and, apart, of the last, seen from a tripod (azimuth
0-180 degrees, elevation 0-30, 2.5-6 m) with a real detector's 2D error (`perfectrep.dataset.detector_error_2d`), lifted
by the shipped lifter and analysed as `perfectrep-analyze --exercise other` analyses keypoints. A count is right when
it lies between the reps wholly in the clip and the reps it shows any of; over: more (a rep counted twice, each way
apart); under: fewer. Prints per lift the three shares and the sets counted wrong.

    python benchmarks/eval_other_count.py [--lifts squat deadlift bench] [--sets 30]
"""
import argparse, tempfile
from pathlib import Path
import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--lifts', nargs='+', default=['squat', 'deadlift', 'bench'])
    ap.add_argument('--sets', type=int, default=30, help='sets per lift')
    a = ap.parse_args()
    from perfectrep.synth import synth_set
    from perfectrep.examples import unseen_body
    from perfectrep.cameras import project_motion
    from perfectrep.dataset import detector_error_2d
    from perfectrep.pipeline import analyze, tripod_camera
    fps = 30.
    with tempfile.TemporaryDirectory() as tmp:
        for lift in a.lifts:
            right = over = under = 0; wrong = []
            for s in range(a.sets):
                rng = np.random.default_rng([7, s, len(lift)])
                n, idle = int(rng.integers(3, 7)), float(rng.choice([0., 0.5]))
                st = synth_set(lift, n, fps=fps, seed=int(rng.integers(1e9)), idle=(idle, idle), body=unseen_body(rng))
                (s0, e0), (s1, e1) = st.reps[0], st.reps[-1]
                first = int(s0 + rng.uniform() * (e0 - s0)) if rng.uniform() < 0.7 else 0
                last = int(s1 + rng.uniform() * (e1 - s1)) if rng.uniform() < 0.7 else len(st.joints)
                inside = sum(first <= r0 and r1 <= last for r0, r1 in st.reps)
                shown = sum(r0 < last and r1 > first for r0, r1 in st.reps)
                cam = tripod_camera(rng.uniform(0, 180), rng.uniform(0, 30), rng.uniform(2.5, 6))
                px, _ = project_motion(st.joints[first:last], cam)
                p = Path(tmp) / 'k.npy'; np.save(p, detector_error_2d(px, rng))
                c = analyze(p, exercise='other', outdir=None, fps=fps, size='1920x1080').n_reps
                right += inside <= c <= shown; over += c > shown; under += c < inside
                if not inside <= c <= shown:
                    wrong.append(f'set {s}: {c} counted, {inside} in the clip, {shown} shown (cut at frame {first} of rep 1 '
                                 f'{s0}-{e0}, {last} of rep {n} {s1}-{e1})')
            print(f'{lift}: {right} of {a.sets} sets counted right, {over} over, {under} under')
            for w in wrong: print('  ' + w)


if __name__ == '__main__':
    main()
