"""How far form metrics measured on lifted 3D are from the truth: the measurement error of one camera.

    python benchmarks/lifted_form_error.py               # print the table
    python benchmarks/lifted_form_error.py --write       # also write perfectrep/configs/lifted_error.yaml

Held-out synthesised sets (seeds 1000+, never used in training) of each lift are projected through
random virtual cameras (elevation 0-20 degrees, 3-6 m: a phone on a tripod or a bench), lifted by
the shipped default lifter, feet planted for the standing lifts, and measured rep by rep on the true
rep boundaries, exactly as `perfectrep-analyze` measures a video. Only reps without an injected fault
are used, so every difference is measurement error. The 90th percentile of the absolute error of
each metric is what `perfectrep.form` uses as the tolerance for lifted input: a value that misses a
rule's limit by less than this is reported as a possible fault, not scored.
"""
import argparse, sys, time
from pathlib import Path
import numpy as np
import pandas as pd

def measure(n_sets:int, seed:int=123):
    from perfectrep.synth import synth_set
    from perfectrep.cameras import sample_cameras, project_motion
    from perfectrep.infer import lift_keypoints
    from perfectrep.form import assess_form
    from perfectrep.geometry import plant_feet
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_sets):
        for ex in ('squat', 'deadlift', 'bench'):
            st = synth_set(ex, 4, fps=30, seed=1000 + i)
            cam = sample_cameras(1, rng, center=st.joints[:, 0].mean(0), elevation=(0, 20), distance=(3, 6))[0]
            px, _ = project_motion(st.joints, cam)
            lifted = lift_keypoints(np.concatenate([px, np.ones(px.shape[:-1] + (1,))], -1), cam.width, cam.height)
            if ex != 'bench': lifted = plant_feet(lifted)
            truth = assess_form(st.joints, 30, ex, reps=st.reps, up='z')
            est = assess_form(lifted, 30, ex, reps=st.reps, up='-y')
            for r, (t, e) in enumerate(zip(truth, est)):
                if st.faults[r]: continue
                for m, tv in t.metrics.items():
                    ev = e.metrics.get(m)
                    if isinstance(tv, (bool, str)) or ev is None or not (np.isfinite(tv) and np.isfinite(ev)): continue
                    rows.append(dict(exercise=ex, metric=m, truth=tv, lifted=ev, error=ev - tv))
    df = pd.DataFrame(rows)
    df['abs'] = df.error.abs()
    return df.groupby(['exercise', 'metric']).agg(reps=('error', 'size'), truth_median=('truth', 'median'),
                                                  bias=('error', 'median'), abs_p50=('abs', 'median'),
                                                  abs_p90=('abs', lambda a: float(np.percentile(a, 90))))

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--sets', type=int, default=12, help='held-out sets of each lift')
    ap.add_argument('--write', action='store_true', help='write perfectrep/configs/lifted_error.yaml')
    a = ap.parse_args(argv)
    t0 = time.time()
    tab = measure(a.sets)
    pd.set_option('display.width', 200)
    print(tab.round(3).to_string())
    print(f'\n{a.sets} sets of each lift, 4 reps each, fault-free reps only; {time.time() - t0:.0f} s')
    if a.write:
        import yaml
        out = Path(__file__).resolve().parents[1] / 'perfectrep' / 'configs' / 'lifted_error.yaml'
        d = {ex: {m: round(float(v), 3) for m, v in tab.loc[ex, 'abs_p90'].items()} for ex in tab.index.get_level_values(0).unique()}
        head = ('# Measurement error of form metrics on 3D lifted from one camera by the shipped default lifter:\n'
                '# the 90th percentile of |lifted - truth| on fault-free held-out synthesised reps, per exercise and\n'
                f'# metric (units as in perfectrep.form). Written by `python benchmarks/lifted_form_error.py --write`\n'
                f'# ({a.sets} sets of each lift). Retrain the lifter -> run it again.\n')
        out.write_text(head + yaml.safe_dump(d, sort_keys=True))
        print(f'wrote {out}')

if __name__ == '__main__':
    main()
