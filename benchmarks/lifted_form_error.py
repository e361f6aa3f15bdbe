"""How far form metrics measured on lifted 3D are from the truth: the measurement error of one camera, per view.

    python benchmarks/lifted_form_error.py               # print the tables
    python benchmarks/lifted_form_error.py --write       # also write perfectrep/configs/lifted_error.yaml

Held-out synthesised sets (seeds 1000+, never used in training) of each lift are seen by random virtual cameras all
round the lifter (elevation 0-30 degrees, 2.5-6 m: a phone on a tripod or a bench), given a real detector's 2D error
(`perfectrep.dataset.detector_error_2d`), lifted by the shipped default lifter, feet planted for the standing lifts, and
measured rep by rep on the true rep boundaries, as `perfectrep-analyze` measures a video. Each set is filed under the
view `perfectrep.bodyframe.camera_view` estimates from the lifted 3D and the 2D, as the analysis will look it up. Only
reps without an injected fault are used, so every difference is measurement error. The 90th percentile of the absolute
error of each metric, over all views and per view, is what `perfectrep.form` uses as the tolerance for lifted input: a
value within it of a rule's limit is a possible fault, and a judge's call within it cannot be told. A view keeps its
own figure for a metric only where it has at least --min-reps values of it; elsewhere the pooled figure stands.
"""
import argparse, sys, time
from pathlib import Path
import numpy as np
import pandas as pd

def measure(n_sets:int, seed:int=123):
    from perfectrep.synth import synth_set
    from perfectrep.cameras import sample_cameras, project_motion
    from perfectrep.dataset import detector_error_2d
    from perfectrep.infer import lift_keypoints
    from perfectrep.form import assess_form
    from perfectrep.bodyframe import camera_view
    from perfectrep.geometry import plant_feet
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_sets):
        for ex in ('squat', 'deadlift', 'bench'):
            st = synth_set(ex, 4, fps=30, seed=1000 + i)
            cam = sample_cameras(1, rng, center=st.joints[:, 0].mean(0), elevation=(0, 30), distance=(2.5, 6))[0]
            px, _ = project_motion(st.joints, cam)
            kp = detector_error_2d(px, rng)
            lifted = lift_keypoints(kp, cam.width, cam.height)
            view = camera_view(lifted, ex, kp)['label']
            if ex != 'bench': lifted = plant_feet(lifted)
            truth = assess_form(st.joints, 30, ex, reps=st.reps, up='z')
            est = assess_form(lifted, 30, ex, reps=st.reps, up='-y')
            for r, (t, e) in enumerate(zip(truth, est)):
                if st.faults[r]: continue
                for m, tv in t.metrics.items():
                    ev = e.metrics.get(m)
                    if isinstance(tv, (bool, str)) or ev is None or not (np.isfinite(tv) and np.isfinite(ev)): continue
                    rows.append(dict(exercise=ex, view=view, rep=(i, r), metric=m, truth=tv, lifted=ev, error=ev - tv))
        print(f'\r{i + 1}/{n_sets} sets of each lift', end='', file=sys.stderr, flush=True)
    print(file=sys.stderr)
    df = pd.DataFrame(rows)
    df['abs'] = df.error.abs()
    return df

def p90(df, keys):
    return df.groupby(keys).agg(reps=('error', 'size'), bias=('error', 'median'), abs_p50=('abs', 'median'),
                                abs_p90=('abs', lambda a: float(np.percentile(a, 90))))

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--sets', type=int, default=40, help='held-out sets of each lift')
    ap.add_argument('--min-reps', type=int, default=12, help='values a view needs to keep its own figure for a metric')
    ap.add_argument('--write', action='store_true', help='write perfectrep/configs/lifted_error.yaml')
    a = ap.parse_args(argv)
    t0 = time.time()
    df = measure(a.sets)
    pooled, by_view = p90(df, ['exercise', 'metric']), p90(df, ['exercise', 'view', 'metric'])
    pd.set_option('display.width', 200); pd.set_option('display.max_rows', 500)
    print('all views:'); print(pooled.round(3).to_string())
    wide = by_view.abs_p90.unstack('view').round(3)
    print('\n90th percentile of |lifted - truth| per view; fault-free reps per lift and view:',
          df.groupby(['exercise', 'view']).rep.nunique().to_dict())
    print(wide.to_string())
    print(f'\n{a.sets} sets of each lift, 4 reps each, fault-free reps only; {time.time() - t0:.0f} s')
    if a.write:
        import yaml
        out = Path(__file__).resolve().parents[1] / 'perfectrep' / 'configs' / 'lifted_error.yaml'
        exs = pooled.index.get_level_values(0).unique()
        d = {ex: {m: round(float(v), 3) for m, v in pooled.loc[ex, 'abs_p90'].items()} for ex in exs}
        kept = by_view[by_view.reps >= a.min_reps]
        views = {ex: {v: {m: round(float(x), 3) for m, x in kept.loc[(ex, v), 'abs_p90'].items()}
                      for v in kept.loc[ex].index.get_level_values(0).unique()} for ex in exs if ex in kept.index}
        head = ('# Measurement error of form metrics on 3D lifted from one camera by the shipped default lifter, from a real\n'
                "# detector's 2D: the 90th percentile of |lifted - truth| on fault-free held-out synthesised reps, per exercise and\n"
                '# metric over all views, and under `by_view` per estimated camera view where it had enough reps (units as in\n'
                f'# perfectrep.form). Written by `python benchmarks/lifted_form_error.py --write` ({a.sets} sets of each lift,\n'
                f'# views with at least {a.min_reps} reps). Retrain the lifter -> run it again.\n')
        out.write_text(head + yaml.safe_dump({**d, 'by_view': views}, sort_keys=True))
        print(f'wrote {out}')

if __name__ == '__main__':
    main()
