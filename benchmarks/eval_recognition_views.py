"""Which lift the command recognises, from wherever the tripod stands.

Held-out synthesised sets of each lift (four clean reps, bodies outside the training range, their own seeds and tempos)
are seen from the fault benchmark's tripod placements (`perfectrep.pipeline.tripod_camera`: azimuth 0-180 degrees from
the lifter's front in 30-degree steps, 2.5-6 m away) at elevations 0, 15, 30 and 45 degrees (45: a camera 2.7-5 m high,
on a rack or a balcony), given a real detector's 2D error (`perfectrep.dataset.detector_error_2d`), and analysed as
`perfectrep-analyze` analyses keypoints, the exercise not given. It prints, per lift, elevation and azimuth, how many sets
were recognised right (and what the wrong ones read), how many counted all four reps, and the pooled figures.

    python benchmarks/eval_recognition_views.py [--sets 2] [--lifts squat deadlift bench]
"""
import argparse, tempfile, time
from pathlib import Path
import numpy as np

AZIMUTHS, ELEVATIONS = range(0, 181, 30), (0., 15., 30., 45.)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--sets', type=int, default=2, help='sets per lift and tripod placement')
    ap.add_argument('--lifts', nargs='+', default=['squat', 'deadlift', 'bench'])
    a = ap.parse_args()
    import pandas as pd
    from perfectrep.synth import synth_set
    from perfectrep.examples import unseen_body
    from perfectrep.cameras import project_motion
    from perfectrep.dataset import detector_error_2d
    from perfectrep.pipeline import analyze, tripod_camera
    rows, t0 = [], time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / 'k.npy'
        for lift in a.lifts:
            for el in ELEVATIONS:
                for az in AZIMUTHS:
                    for s in range(a.sets):
                        rng = np.random.default_rng([az, int(el), s, len(lift), 99])
                        st = synth_set(lift, 4, fps=30, seed=int(rng.integers(10_000, 2**31)), body=unseen_body(rng))
                        px, _ = project_motion(st.joints, tripod_camera(az, el, rng.uniform(2.5, 6)))
                        np.save(p, detector_error_2d(px, rng))
                        r = analyze(p, outdir=None, fps=30., size='1920x1080')
                        rows.append(dict(lift=lift, elevation=int(el), azimuth=az, read=r.exercise,
                                         confidence=r.recognition.confidence, counted=len(r.reps) == 4))
                print(f'{lift}, {el:.0f} deg up: done ({time.perf_counter() - t0:.0f} s)', flush=True)
    df = pd.DataFrame(rows)
    df['right'] = df.read == df.lift
    pd.set_option('display.width', 200)
    cell = lambda g: f'{g.right.sum()}/{len(g)}' + ''.join(f' {r[:2]}' for r in g.read[~g.right])
    print('\nrecognised right (wrong reads: sq squat, de deadlift, be bench, ot other), by tripod azimuth from the front (degrees):')
    print(df.groupby(['lift', 'elevation', 'azimuth']).apply(cell).unstack('azimuth').to_string())
    print('\nmedian confidence of the right reads (%):')
    print((100 * df[df.right].groupby(['lift', 'elevation']).confidence.median()).round(0).unstack('elevation').to_string())
    for name, sel in (('elevation 0-30 deg (the fault benchmark\'s range)', df.elevation <= 30), ('elevation 45 deg', df.elevation == 45)):
        d = df[sel]
        print(f'{name}: recognised {d.right.sum()}/{len(d)} ({d.right.mean():.1%}); all four reps counted {d.counted.sum()}/{len(d)}; '
              + ', '.join(f'{lift} {g.right.sum()}/{len(g)}' for lift, g in d.groupby('lift')))
    print(f'{time.perf_counter() - t0:.0f} s')


if __name__ == '__main__':
    main()
