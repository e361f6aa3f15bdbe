"""Rep counts across tempos: touch-and-go sets (no rest between reps), short and long rests, and clips cut right after
the last rep or starting right before the first. Held-out synthesised sets of each lift (4 reps, unseen bodies) with
0, 0.15 and 0.7 s between reps, 0.15 or 1.5 s of video before the set and 0.15 or 1.5 s after it, seen from 5 tripod azimuths (0-180 degrees, elevation 0-30, 2.5-6 m), given a
real detector's 2D error (`perfectrep.dataset.detector_error_2d`), lifted by the shipped lifter and analysed as
`perfectrep-analyze` analyses keypoints (the exercise given). Prints the share of sets counted exactly per lift, and per
rest, start and end, with the counts. With --no-turn, the deadlift's touch-and-go turns (`perfectrep.reps.TURN_PROMINENCE`) are
switched off and its rest level set back to 0.2, as before they existed.

    python benchmarks/eval_rep_tempo.py [--lifts deadlift squat bench] [--seeds 2] [--no-turn]
"""
import argparse, tempfile
from pathlib import Path
import numpy as np

RESTS, EDGES, AZIMUTHS = (0.0, 0.15, 0.7), (0.15, 1.5), (0, 45, 90, 135, 180)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--lifts', nargs='+', default=['deadlift', 'squat', 'bench'])
    ap.add_argument('--seeds', type=int, default=2, help='sets per lift, rest, end and azimuth')
    ap.add_argument('--no-turn', action='store_true', help='count without the deadlift\'s touch-and-go turns (level 0.2)')
    a = ap.parse_args()
    from perfectrep.synth import synth_set
    from perfectrep.examples import unseen_body
    from perfectrep.cameras import project_motion
    from perfectrep.dataset import detector_error_2d
    from perfectrep.pipeline import analyze, tripod_camera
    import perfectrep.reps as R
    if a.no_turn: R.TURN_PROMINENCE.clear(); R.REST_LEVEL['deadlift'] = 0.2
    with tempfile.TemporaryDirectory() as tmp:
        for lift in a.lifts:
            rows = []
            for rest, before, after in ((r, b, e) for r in RESTS for b in EDGES for e in EDGES):
                    for az in AZIMUTHS:
                        for s in range(a.seeds):
                            rng = np.random.default_rng([int(rest * 100), int(after * 100), az, s] + [int(before * 100)] * (before != 1.5))
                            st = synth_set(lift, 4, fps=30, seed=int(rng.integers(1e9)), idle=(before, after), tempo={'rest': rest},
                                           body=unseen_body(rng))
                            dist = rng.uniform(2.5, 6)
                            cam = tripod_camera(az, rng.uniform(0, 30), dist)
                            px, _ = project_motion(st.joints, cam)
                            p = Path(tmp) / 'k.npy'; np.save(p, detector_error_2d(px, rng))
                            rep = analyze(p, exercise=lift, outdir=None, fps=30., size='1920x1080')
                            rows.append((rest, before, after, rep.n_reps, st.n_reps))
            r = np.array(rows)
            print(f'{lift}: counted exactly {np.mean(r[:, 3] == r[:, 4]):.0%} of {len(r)} sets')
            for rest, before, after in ((r_, b, e) for r_ in RESTS for b in EDGES for e in EDGES):
                m = (r[:, 0] == rest) & (r[:, 1] == before) & (r[:, 2] == after)
                print(f'  {rest:4.2f} s between reps, {before:4.2f} s before and {after:4.2f} s after the set: {np.mean(r[m, 3] == r[m, 4]):4.0%} '
                      f'(counts {" ".join(str(int(c)) for c in r[m, 3])}, truth {int(r[m, 4][0])})')


if __name__ == '__main__':
    main()
