"""How far form metrics measured from one camera are from the truth, per view and per source; which source to use.

    python benchmarks/lifted_form_error.py               # print the tables
    python benchmarks/lifted_form_error.py --write       # also write perfectrep/configs/lifted_error.yaml
    python benchmarks/lifted_form_error.py --cache m.pkl # keep the measurements (read back on the next run)
    python benchmarks/lifted_form_error.py --raw r.pkl   # keep the lifted sets; the next run re-measures them (no lifting)
    python benchmarks/lifted_form_error.py --fresh       # choose every source anew (after retraining the lifter)

Held-out synthesised sets (seeds 1000+, never used in training; one rep of each set with an injected fault, the others
clean) of each lift are seen by virtual cameras spread evenly all round the lifter (elevation 0-30 degrees, 2.5-6 m: a
phone on a tripod or a bench), lifted by the shipped default lifter, feet planted for the standing lifts, and measured
rep by rep on the true rep boundaries, as `perfectrep-analyze` measures a video, from each source of
`perfectrep.measure`: the lifted 3D with the camera's vertical (`3d`), the lifted 3D with the lifter's own vertical
(`upright`), and the image plane (`image`). The picture's sources undo perspective with the camera's image size, as
the analysis does for a video or a keypoint file given its size (kept with the sets since session 43; sets kept before
have no size and are measured without: the shipped table is from such sets, and measured again with their sizes
recovered it scored the deadlift's lockout 62 -> 55 % and the squat's uneven hips 15 -> 10 % where judgeable in
`eval_faults.py --sets 4`). This is done twice: with a real detector's 2D error
(`perfectrep.dataset.detector_error_2d`) and with exact 2D (projected motion capture, as in the demo). Each set is
filed under the view `perfectrep.bodyframe.camera_view` estimates, as the analysis will look it up.

A source's bias is the median of measured - truth from a view: a constant offset of the lifted 3D or the picture
(from the side the lifted squat sits about 2.5 cm deeper than it does), which the analysis takes off the shape metrics
(`perfectrep.form.DEBIASED`) where the source's values follow the truth (correlation at least 0.5) and the tolerance
left is smaller. The tolerance is the `perfectrep.form.ERROR_PERCENTILE` (98th) percentile of what is left,
|measured - bias - truth|, over every rep, faulted ones included (a fault is what must be measured). A value within it
of a rule's limit is a possible fault, and a judge's call within it cannot be told. Per kind of 2D, lift, view and metric, the source with the smallest
tolerance is chosen among those whose values follow the truth (a source blind to a metric measures a constant), and
only where it beats the plain 3D by 10 % (the `3d` source where a view has fewer than --min-reps values); the
analysis measures the metric from it. A source the shipped table chose is kept unless another beats it by those 10 %
in 80 % of bootstrap resamples of the reps (`choose`; `--fresh` chooses anew, as after retraining the lifter). The
98th percentile needs many values: the shipped table comes from 150 sets (about 100 values per lift, view and metric;
with 60 sets many tolerances came out 25-50% smaller, near the largest error seen). The pooled figures (all views, the `3d` source, as measured) stand where a view is unknown. `fault_size`
records how far past each shipped rule's limit the injected faults lie: a metric whose error (one standard deviation)
from a view is larger is not judged from that view.

A metric that a rule judges has its errors (tolerance, bias, source) taken over the reps whose truth lies within
NEAR_SIZES fault sizes of the rule's limit: where a call could go either way. The errors of reps far past it do not
decide a call, and a lifted 3D that flattens large values (the deadlift's hips rising five times as fast as its
shoulders, measured twice as fast) would otherwise make the tolerance of every rep of that metric.
"""
import argparse, sys, time
from pathlib import Path
import numpy as np
import pandas as pd

SOURCE_ORDER = ('3d', 'upright', 'image', 'image_depth', 'image_unfolded')
TABLE = Path(__file__).resolve().parents[1] / 'perfectrep' / 'configs' / 'lifted_error.yaml'   # the shipped table, read and written here

def held_out_set(exercise:str, i:int):
    "The i-th held-out synthesised set of a lift (seed 1000 + i, never used in training): 4 reps, one with the i-th fault."
    from perfectrep.synth import synth_set, LIFT_FAULTS
    fs = LIFT_FAULTS[exercise]
    return synth_set(exercise, 4, fps=30, seed=1000 + i, faults={1 + i % 2: fs[i % len(fs)]})

def measure(n_sets:int, seed:int=123, raw:list|None=None):
    "Lift the held-out sets and measure them; `raw`, a list, is given each set's 2D, lifted 3D and truth (see `remeasure`)."
    from perfectrep.cameras import sample_cameras, project_motion
    from perfectrep.dataset import detector_error_2d
    from perfectrep.infer import lift_keypoints
    from perfectrep.model import load_lifter
    from perfectrep.bodyframe import camera_view
    from perfectrep.geometry import plant_feet
    model = load_lifter(None)
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_sets):
        for ex in ('squat', 'deadlift', 'bench'):
            st = held_out_set(ex, i)
            az = -180 + 360 * (i + np.array([0., 1.])) / n_sets          # the sets' cameras spread evenly all round
            cam = sample_cameras(1, rng, center=st.joints[:, 0].mean(0), azimuth=tuple(az), elevation=(0, 30), distance=(2.5, 6))[0]
            px, _ = project_motion(st.joints, cam)
            truth = true_metrics(ex, st.joints, st.reps)
            for noise in ('detector', 'exact'):
                kp = detector_error_2d(px, rng) if noise == 'detector' else np.concatenate([px, np.ones(px.shape[:2] + (1,))], -1)
                lifted = lift_keypoints(kp, cam.width, cam.height, model=model)
                view = camera_view(lifted, ex)['label']
                if ex != 'bench': lifted = plant_feet(lifted)
                one = dict(noise=noise, exercise=ex, set=i, view=view, kp=kp.astype(np.float32), lifted=lifted.astype(np.float32),
                           reps=st.reps, faulted=[bool(f) for f in st.faults], truth=truth, joints=st.joints,
                           size=(cam.width, cam.height))
                if raw is not None: raw.append(one)
                rows += _rows(one)
        progress(i + 1, n_sets, 'sets of each lift')
    return pd.DataFrame(rows)

def progress(i:int, n:int, what:str):
    "Say `i` of `n` done: one line rewritten in place on a terminal; otherwise (a log) a line at every fifth and at the end."
    if sys.stderr.isatty(): print(f'\r{i}/{n} {what}', end='\n' if i == n else '', file=sys.stderr, flush=True)
    elif i % max(1, n // 5) == 0 or i == n: print(f'{i}/{n} {what}', file=sys.stderr, flush=True)

def _rows(one:dict) -> list:
    "Every metric of one lifted set from every source, against the truth: one row each."
    from perfectrep.form import assess_form
    from perfectrep.measure import measurement
    kp, lifted, ex, truth = one['kp'].astype(float), one['lifted'].astype(float), one['exercise'], one['truth']
    names = [m for m, v in truth[0].items() if not isinstance(v, (bool, str))]
    rows = []
    for src in SOURCE_ORDER:
        m = measurement(lifted, kp, ex, {n: src for n in names}, size=one.get('size'))   # perspective undone as the analysis does
        if src != '3d' and src not in m.joints: continue
        est = assess_form(lifted, 30, ex, reps=one['reps'], up='-y', measurement=m)
        for r, (t, e) in enumerate(zip(truth, est)):
            for n in names:
                tv, ev = t[n], e.metrics.get(n)
                if ev is None or not (np.isfinite(tv) and np.isfinite(ev)): continue
                rows.append(dict(noise=one['noise'], exercise=ex, view=one['view'], source=src, rep=(one['set'], r),
                                 faulted=one['faulted'][r], metric=n, truth=tv, measured=ev, error=ev - tv))
    return rows

def true_metrics(exercise:str, joints, reps) -> list:
    "A synthesised set's true metrics per rep (its joints Z up, 30 fps), as the current metrics measure them."
    from perfectrep.form import assess_form
    return [t.metrics for t in assess_form(joints, 30, exercise, reps=reps, up='z')]

def remeasure(raw:list) -> pd.DataFrame:
    "Measure kept sets again with the current metrics, the truth too (after changing how a metric is measured: no lifting)."
    rows, truth = [], {}
    for k, one in enumerate(raw):
        # the truth is measured again too, as the lifted sets are: a table written after the squat's depth was measured
        # around the bottom, against the deepest frame's truth kept with the sets, took 0.7 cm too much bias off the
        # lifted depth. Sets kept without their true joints are synthesised again (the same seed, the same motion);
        # each set is kept twice (a detector's 2D, exact 2D), its truth measured once
        key = (one['exercise'], one['set'])
        if key not in truth:
            joints = one['joints'] if 'joints' in one else held_out_set(*key).joints
            truth[key] = true_metrics(one['exercise'], joints, one['reps'])
        rows += _rows({**one, 'truth': truth[key]})
        progress(k + 1, len(raw), 'lifted sets measured')
    return pd.DataFrame(rows)

MIN_R = 0.5   # a source follows the truth of a metric when their correlation is at least this
NEAR_SIZES = 2.  # a judged metric's errors are taken over the reps whose truth lies within this many fault sizes of its rule's limit

def near_limits(df, sizes:dict, k:float=NEAR_SIZES):
    "The rows of `df` whose truth lies within `k` fault sizes (`fault_sizes`) of a limit of a rule judging their metric; the other metrics' rows all."
    from perfectrep.form import load_rules
    keep, t = np.ones(len(df), bool), df.truth.to_numpy()
    for ex, rules in load_rules().items():
        for r in rules:
            size = sizes.get(ex, {}).get(r['metric'])
            if not r['weight'] or not size: continue
            rows = ((df.exercise == ex) & (df.metric == r['metric'])).to_numpy()
            near = np.zeros(len(df), bool)
            for b in r['good']:
                if b is not None: near |= np.abs(t - b) <= k * size
            keep &= ~rows | near
    return df[keep]

def error_stats(df, keys, debias:bool=False):
    """Per group: values, correlation with the truth (`r`), bias (the median error), median and 90th percentile of
    |error|, and the tolerance (`perfectrep.form.ERROR_PERCENTILE`). With `debias`, where a shape metric's
    (`perfectrep.form.DEBIASED`) values follow the truth (`MIN_R`) and what is left is smaller, the bias is `taken` off
    before the rest, as the analysis takes it off (an offset taken off a value that does not follow the truth would not
    make it a measurement; one whose errors are lopsided can leave a larger 98th percentile than it took)."""
    from perfectrep.form import ERROR_PERCENTILE, DEBIASED
    tol = lambda a: float(np.percentile(a, ERROR_PERCENTILE))
    def one(g):
        e, t, m = g.error.to_numpy(), g.truth.to_numpy(), g.measured.to_numpy()
        r = float(np.corrcoef(t, m)[0, 1]) if min(m.std(ddof=1), t.std(ddof=1)) > 1e-9 else 0.   # 0 where either is constant
        bias = float(np.median(e))
        taken = bool(debias and g.name[keys.index('metric')] in DEBIASED and r >= MIN_R and tol(np.abs(e - bias)) < tol(np.abs(e)))
        dev = np.abs(e - bias) if taken else np.abs(e)
        return pd.Series(dict(reps=len(e), r=r, bias=bias, taken=taken, abs_p50=float(np.median(dev)),
                              abs_p90=float(np.percentile(dev, 90)), tol=tol(dev)))
    return df.groupby(keys).apply(one).astype({'reps': int, 'taken': bool})

SURE_CHOICE = 0.8   # a re-measured table changes a metric's source only where the new one beats the old in this share of resamples
RESAMPLES = 400

def beats(g, a:str, b:str, margin:float, debias:dict, seed:int=0) -> float:
    """The share of bootstrap resamples of one (exercise, view, metric)'s reps, drawn with replacement and paired (the
    same reps for both sources), in which source `a`'s tolerance is below `margin` times source `b`'s (each less its
    bias where `debias[source]`, as `error_stats` takes it off)."""
    from perfectrep.form import ERROR_PERCENTILE
    e = g.pivot_table(index='rep', columns='source', values='error')[[a, b]].dropna().to_numpy()
    if len(e) < 2: return 0.
    x = e[np.random.default_rng(seed).integers(0, len(e), (RESAMPLES, len(e)))]          # (resamples, reps, 2)
    x = x - np.median(x, axis=1, keepdims=True) * np.array([debias.get(a, False), debias.get(b, False)], float)
    t = np.percentile(np.abs(x), ERROR_PERCENTILE, axis=1)
    return float(np.mean(t[:, 0] < margin * t[:, 1]))

FLATTENS = 0.5   # a source whose errors on the reps past a rule's limit lean toward the limit by more than this share of its tolerance is not chosen
MIN_PAST = 3     # ... judged where a view has at least this many such reps

def flattening(d, e) -> pd.Series:
    """Per (exercise, view, metric, source) of `e` (`error_stats`, its bias taken off where `taken`): whether the
    source reads the faults of a rule judging an angle of the movement's plane (`perfectrep.form.SAGITTAL`) smaller
    than they are: the median of its errors (less its bias) on the reps whose truth lies past the rule's good range,
    counted toward the range, more than FLATTENS of its tolerance (at least MIN_PAST such reps).

    The tolerance is a percentile over every rep near the limit, most of them clean, and a source can be precise on
    those and still read the faults short of the limit. From a three-quarter view the flat picture read a squat's
    knees stopping 25 degrees short of lockout about 15 degrees straighter (the movement's plane at a slant shortens a
    bend, not a straight leg): its tolerance (11-13 degrees) held for the locked-out reps, and the fault benchmark
    scored 12-38 % of the faulted reps from 30 and 150 degrees. Only those angles: heights and times are not
    foreshortened so, and the lifted 3D's flattening of the deadlift's hips rising five times as fast as its
    shoulders (read twice as fast) still leaves those faults far past the limit."""
    from perfectrep.form import load_rules, SAGITTAL
    goods = {}
    for ex, rules in load_rules().items():
        for r in rules:
            if r['weight'] and r['metric'] in SAGITTAL and r['metric'].endswith('_deg'):
                goods.setdefault((ex, r['metric']), []).append(r['good'])
    out = pd.Series(False, index=e.index)
    for key, g in d.groupby(['exercise', 'view', 'metric', 'source']):
        if key not in e.index or (key[0], key[2]) not in goods: continue
        b = e.loc[key, 'bias'] if e.loc[key, 'taken'] else 0.
        t, err = g.truth.to_numpy(), g.error.to_numpy() - b
        toward = np.full(len(t), np.nan)
        for lo, hi in goods[(key[0], key[2])]:
            if lo is not None: toward = np.where(t < lo, err, toward)
            if hi is not None: toward = np.where(t > hi, -err, toward)
        past = toward[np.isfinite(toward)]
        out[key] = bool(len(past) >= MIN_PAST and np.median(past) > FLATTENS * e.loc[key, 'tol'])
    return out

def choose(df, noise:str, min_reps:int, margin:float=0.9, min_r:float=MIN_R, previous:dict|None=None,
           sure:float=SURE_CHOICE) -> pd.Series:
    """Per (exercise, view, metric): the source with the smallest tolerance (its bias taken off) with this kind of 2D, among those
    whose values follow the truth (correlation at least `min_r`: a source blind to a metric, such as the picture to what
    moves along the line of sight, measures a constant that can look accurate on clean reps); another source than the
    plain 3D only when its tolerance is below `margin` times the 3D's, and the picture with the lifted depth (`image_depth`,
    the two combined) only when below `margin` times the best of the others: where it is not clearly better, the
    lifter's guess of depth it adds buys nothing (the squat's depth from the front three-quarter, 7.6 against 7.7 cm,
    scored 25% of the shallow reps from 30 and 60 degrees in `eval_faults.py --sets 4` where the lifted 3D with the
    lifter's own vertical scored 38-62%).

    `previous` ((exercise, view, metric) -> source: the table being replaced) keeps each metric's source unless the new
    choice beats it by `margin` in `sure` of the resamples of the reps (`beats`). A 98th percentile rests on about 100
    values, and two sources a margin apart on one draw of the held-out sets can swap places on another: after the squat's
    depth was measured around the bottom, the lifted 3D with the lifter's own vertical came out at 0.895 of the plain
    3D's tolerance from the rear three-quarter (0.907 before), better by the margin in 53 % of the resamples; taken, it
    read a real back squat filmed from there (gym_backsquat_rack_side_short.mp4, thighs at parallel) 4.6 cm shallower,
    a fail 99.3 % sure. A re-measured table changes a source where the change is shown, not on a draw's noise."""
    d = df[df.noise == noise]
    keys = ['exercise', 'view', 'metric', 'source']
    e = error_stats(d, keys, debias=True)
    e = e[e.reps >= min_reps]
    err, base_err = e.tol.where((e.r >= min_r) & ~flattening(d, e)).unstack('source'), e.tol.unstack('source')['3d']
    taken = e.taken.unstack('source')
    groups = dict(list(d.groupby(['exercise', 'view', 'metric']))) if previous else {}   # the reps, where a change must be shown
    out = {}
    for key, row in err.iterrows():
        base = base_err[key]                       # the plain 3D is the default, followed or not
        best = row.drop('3d', errors='ignore').dropna()
        if 'image_depth' in best and len(best) > 1 and best['image_depth'] >= margin * best.drop('image_depth').min():
            best = best.drop('image_depth')
        out[key] = best.idxmin() if len(best) and not (best.min() >= margin * base) else '3d'
        old = (previous or {}).get(key)
        if old and old != out[key] and (old == '3d' or old in row.dropna().index):     # the old one still follows the truth
            if beats(groups[key], out[key], old, margin, taken.loc[key].fillna(False).to_dict()) < sure: out[key] = old
    return pd.Series(out).rename_axis(['exercise', 'view', 'metric'])

def tables(df, chosen:dict):
    "The errors of the chosen sources (per kind of 2D): pooled over views (3d source, as measured) and per view (bias taken off)."
    key = pd.concat({n: c for n, c in chosen.items()}, names=['noise']).rename('chosen').reset_index()
    d = df.merge(key, on=['noise', 'exercise', 'view', 'metric'], how='left')
    d['chosen'] = d.chosen.fillna('3d')
    d = d[d.source == d.chosen]
    return error_stats(df[df.source == '3d'], ['noise', 'exercise', 'metric']), error_stats(d, ['noise', 'exercise', 'view', 'metric'], True)

AGREE_PERCENTILE = 99.5   # the lifted 3D and the picture further apart than this percentile of their synthesised differences: one has failed

def agreement(df, chosen:pd.Series, min_reps:int, min_r:float=MIN_R) -> dict:
    """Per exercise and judged angle of the movement plane (`perfectrep.form.SAGITTAL`) measured from the lifted 3D (its
    chosen source, `3d` or `upright`) from the side, how far that value and the picture's (the `image` source, as
    measured: no bias taken off either) may lie apart with a real detector's 2D: the AGREE_PERCENTILE-th percentile of
    their difference over every rep, where the picture's values follow the truth (`min_r`). Further apart on a real
    video, one of the two has failed (a lifter that bends the knees of someone standing straight in the picture): the
    analysis does not judge it there. From the side the picture shows those angles as they are; from elsewhere both
    sources carry the projection's error, and their difference is broad and long-tailed: checked from every view and
    for every judged metric, the fault benchmark lost a quarter to a third of the squat's hips-first reps from 60-150
    degrees and half of its shallow reps from behind (`benchmarks/eval_faults.py --sets 4`)."""
    from perfectrep.form import load_rules, SAGITTAL
    judged = {(ex, r['metric']) for ex, rs in load_rules().items() for r in rs if r['weight']}
    out = {}
    for (ex, view, m), g in df[df.noise == 'detector'].groupby(['exercise', 'view', 'metric']):
        src = chosen.get((ex, view, m), '3d')
        if (ex, m) not in judged or src == 'image' or view != 'side' or m not in SAGITTAL or not m.endswith('_deg'): continue
        im = g[g.source == 'image']
        if len(im) < min_reps or min(im.truth.std(), im.measured.std()) < 1e-9 or np.corrcoef(im.truth, im.measured)[0, 1] < min_r: continue
        p = g[g.source.isin([src, 'image'])].pivot_table(index='rep', columns='source', values='measured').dropna()
        if src not in p or len(p) < min_reps: continue
        out.setdefault(ex, {}).setdefault(view, {})[m] = round(float(np.percentile(np.abs(p[src] - p['image']), AGREE_PERCENTILE)), 3)
    return out

def fault_sizes(df) -> dict:
    "Per exercise and judged metric: the median distance past the shipped rule's good range of the true values that lie beyond it."
    from perfectrep.form import load_rules
    d = df[(df.noise == 'detector') & (df.source == '3d')]
    out = {}
    for ex, rules in load_rules().items():
        for r in rules:
            if not r['weight']: continue
            t = d[(d.exercise == ex) & (d.metric == r['metric'])].truth.to_numpy()
            lo, hi = (-np.inf if r['good'][0] is None else r['good'][0]), (np.inf if r['good'][1] is None else r['good'][1])
            past = np.maximum(lo - t, t - hi)
            past = past[past > 0]
            if len(past) >= 3: out.setdefault(ex, {})[r['metric']] = round(float(np.median(past)), 3)
    return out

def shipped_sources() -> dict:
    "The shipped lifted_error.yaml's sources: noise -> {(exercise, view, metric): source}, '3d' for a metric of a measured view not listed."
    import yaml
    if not TABLE.exists(): return {}
    d = yaml.safe_load(TABLE.read_text())
    out = {}
    for n, srcs in (d.get('sources') or {}).items():
        tab = (d.get(n) or {}).get('by_view') or {}
        out[n] = {(ex, v, m): '3d' for ex, views in tab.items() for v, ms in views.items() for m in ms}
        out[n].update({(ex, v, m): s for ex, views in srcs.items() for v, ms in views.items() for m, s in ms.items()})
    return out

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--sets', type=int, default=150, help='held-out sets of each lift')
    ap.add_argument('--min-reps', type=int, default=12, help='values a view needs to keep its own figure and source for a metric')
    ap.add_argument('--write', action='store_true', help='write perfectrep/configs/lifted_error.yaml')
    ap.add_argument('--fresh', action='store_true', help="choose every metric's source anew (a retrained lifter), not keeping "
                                                         "the shipped table's where no other is shown better")
    ap.add_argument('--cache', help='a .pkl file: the measurements are kept there and read back on the next run')
    ap.add_argument('--raw', help='a .pkl file: the 2D and lifted 3D of every set are kept there; on the next run they are '
                                  'measured again with the current metrics, without lifting (to try a way of measuring)')
    a = ap.parse_args(argv)
    t0 = time.time()
    cache, raw = (Path(a.cache) if a.cache else None), (Path(a.raw) if a.raw else None)
    if raw and raw.exists(): df = remeasure(pd.read_pickle(raw))
    elif cache and cache.exists(): df = pd.read_pickle(cache)
    else:
        kept = [] if raw else None
        df = measure(a.sets, raw=kept)
        if raw: pd.to_pickle(kept, raw)
    if cache and not cache.exists(): df.to_pickle(cache)
    sizes = fault_sizes(df)
    near = near_limits(df, sizes)                   # where a call could go either way
    previous = {} if a.fresh else shipped_sources()   # the table being replaced: its sources kept unless a change is shown
    chosen = {n: choose(near, n, a.min_reps, previous=previous.get(n)) for n in ('detector', 'exact')}
    pooled, by_view = tables(near, chosen)
    pd.set_option('display.width', 220); pd.set_option('display.max_rows', 1000)
    print('tolerance (98th percentile of |measured - truth|) per source, detector 2D, by view:')
    print(error_stats(near[near.noise == 'detector'], ['exercise', 'metric', 'view', 'source'], True).tol.unstack('source').round(3).to_string())
    for n, c in chosen.items(): print(f'\nchosen sources with {n} 2D (not 3d):'); print(c[c != '3d'].to_string())
    print('\nhow far past the limit the faults lie (median):', sizes)
    agree = agreement(df, chosen['detector'], a.min_reps)
    print(f'\nhow far the lifted 3D and the picture may lie apart ({AGREE_PERCENTILE}th percentile), detector 2D:', agree)
    for noise in ('detector', 'exact'):
        print(f'\n{noise} 2D: tolerance of the chosen source per view; reps per lift and view:',
              near[near.noise == noise].groupby(['exercise', 'view']).rep.nunique().to_dict())
        print(by_view.loc[noise].tol.unstack('view').round(3).to_string())
        print(f'{noise} 2D: bias (median error) of the chosen source per view, taken off the shape metrics that follow the truth:')
        print(by_view.loc[noise].bias.where(by_view.loc[noise].taken).unstack('view').dropna(how='all').round(3).to_string())
    print(f'\n{a.sets} sets of each lift, 4 reps each (one faulted); {time.time() - t0:.0f} s')
    if a.write:
        import yaml
        from perfectrep.form import ERROR_PERCENTILE
        out = TABLE
        def section(noise):
            pl, bv = pooled.loc[noise], by_view.loc[noise]
            bv = bv[bv.reps >= a.min_reps]
            d = {ex: {m: round(float(v), 3) for m, v in pl.loc[ex, 'tol'].items()} for ex in pl.index.get_level_values(0).unique()}
            d['by_view'] = {ex: {v: {m: round(float(x), 3) for m, x in bv.loc[(ex, v), 'tol'].items()}
                                 for v in bv.loc[ex].index.get_level_values(0).unique()} for ex in d if ex in bv.index}
            return d
        def biases(noise):
            bv = by_view.loc[noise]
            bv = bv[(bv.reps >= a.min_reps) & bv.taken]
            out = {}
            for (ex, v, m), b in bv.bias.items(): out.setdefault(ex, {}).setdefault(v, {})[m] = round(float(b), 4)
            return out
        srcs = {n: {} for n in chosen}
        for n, c in chosen.items():
            for (ex, v, m), s in c.items():
                if s != '3d': srcs[n].setdefault(ex, {}).setdefault(v, {})[m] = s
        head = ('# How well each form metric is measured from one camera by the shipped default lifter. `sources`: per kind\n'
                '# of 2D (a real detector\'s, or exact), exercise and camera view, the source each metric is measured from\n'
                '# (upright = the lifted 3D with the lifter\'s own vertical, image = the image plane, image_depth = with the\n'
                '# lifted depth, image_unfolded = its horizontal unfolded by the view; not listed: the lifted 3D with the camera\'s\n'
                '# vertical), chosen by the smallest tolerance among those that do not read the faults of an angle short of\n'
                '# the limit (perfectrep.measure.SOURCES, benchmarks/lifted_form_error.py). `detector` and `exact`: the\n'
                f'# tolerance, the {ERROR_PERCENTILE}th percentile of |measured - truth| of that source\n'
                '# on held-out synthesised reps, pooled over views (3D source) and `by_view` where a view had enough values;\n'
                f'# for a metric a rule judges, over the reps whose truth lies within {NEAR_SIZES:g} fault sizes of the rule\'s limit\n'
                f'# (units as in perfectrep.form). Written by `python benchmarks/lifted_form_error.py --write` ({a.sets} sets of\n'
                f'# each lift, views with at least {a.min_reps} values). Retrain the lifter -> run it again with --fresh.\n')
        head += ('# `fault_size`: how far past the shipped rule\'s limit the synthesised faults lie (median): a metric whose\n'
                 '# error from a view (one standard deviation) is larger is not judged from that view.\n'
                 '# `bias`: per kind of 2D, exercise and view, the median error of the chosen source of each metric of\n'
                 '# perfectrep.form.DEBIASED where its values follow the truth (correlation at least 0.5) and what is left is\n'
                 '# smaller; the analysis takes it off the measured value, and the `by_view` tolerances are of what is left.\n'
                 f'# `agree`: per exercise and view (the side), how far a judged angle measured from the lifted 3D and the same\n'
                 f'# angle measured in the picture may lie apart with a detector\'s 2D ({AGREE_PERCENTILE}th percentile of their\n'
                 '# difference, where the picture follows the truth); further apart on a video, the angle is not judged there.\n')
        out.write_text(head + yaml.safe_dump({'sources': srcs, 'detector': section('detector'), 'exact': section('exact'),
                                              'fault_size': sizes, 'bias': {n: biases(n) for n in chosen}, 'agree': agree},
                                             sort_keys=True))
        print(f'wrote {out}')
    return df

if __name__ == '__main__':
    main()
