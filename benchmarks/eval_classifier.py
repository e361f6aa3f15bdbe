"""Accuracy and confusion matrices of the exercise classifier on held-out data.

    python benchmarks/eval_classifier.py [--model PATH] [--shared ../shared/data] [--views 5] [--seed 0]

Held-out sets (none of them is used to train the shipped classifier):
- HDM05 performer mm: `squat1Reps` clips are squats, the 10 other classes 'other' (real motion capture);
- CMU subject 13, trials 29-31, cut into labelled segments (code `perfectrep.mocap.CMU13_SQUAT` = squat);
- synthesised squat, deadlift and bench sets with bodies outside the training range
  (`perfectrep.recognize.unseen_body`), seen from the training range of camera views and from
  unseen high views (elevation 45-60 degrees; training uses -10 to 45).
Each motion is seen from `--views` random virtual cameras and recognised whole (`recognize`), as a
user's clip would be. Real sets also get a noisy-2D run (per-joint offsets, 3% of body height), a
run from the camera's root-relative 3D (a perfect lifter: `recognize(..., kind='3d')`, the path
`perfectrep-analyze` takes for 3D input) and one from the 2D lifted by the shipped default lifter.
"""
import argparse, sys, time
from pathlib import Path

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', default=None, help='classifier .safetensors (default: the shipped one)')
    ap.add_argument('--shared', default=str(Path(__file__).resolve().parents[1].parent / 'shared' / 'data'),
                    help='folder holding hdm05/ and cmu-mocap6/')
    ap.add_argument('--views', type=int, default=5, help='random virtual cameras per held-out motion')
    ap.add_argument('--synth', type=int, default=20, help='held-out synthesised sets per lift')
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args(argv)
    import torch
    import pandas as pd
    from perfectrep.core import PerfectRepError
    from perfectrep.recognize import load_classifier, evaluate_classifier, markdown_table
    from perfectrep.examples import hdm05_examples, cmu13_examples, synth_examples
    torch.set_num_threads(1)
    try: model = load_classifier(a.model)
    except PerfectRepError as e: print(f'error: {e}', file=sys.stderr); sys.exit(2)
    shared = Path(a.shared)
    sets = []
    if (shared / 'hdm05').is_dir():
        mm = hdm05_examples(shared / 'hdm05', ('mm',), fps=30)
        sets += [('HDM05 mm', mm, {}), ('HDM05 mm, noisy 2D', mm, dict(noise_px=0.03)),
                 ('HDM05 mm, true 3D', mm, dict(inputs='3d')), ('HDM05 mm, lifted 3D', mm, dict(inputs='lifted'))]
    else: print(f'skipping HDM05: {shared / "hdm05"} not found')
    if (shared / 'cmu-mocap6').is_dir():
        cmu = cmu13_examples(shared / 'cmu-mocap6', fps=30)
        sets += [('CMU 13 segments', cmu, {}), ('CMU 13 segments, noisy 2D', cmu, dict(noise_px=0.03)),
                 ('CMU 13 segments, true 3D', cmu, dict(inputs='3d')), ('CMU 13 segments, lifted 3D', cmu, dict(inputs='lifted'))]
    else: print(f'skipping CMU: {shared / "cmu-mocap6"} not found')
    syn = synth_examples(a.synth, seed=10_000 + a.seed, fps=30, unseen=True)
    sets += [('synth lifts, unseen bodies', syn, {}),
             ('synth lifts, unseen bodies + high views', syn, dict(camera_kw=dict(elevation=(45., 60.)))),
             ('synth lifts, unseen bodies, lifted 3D', syn, dict(inputs='lifted'))]
    rows = []
    for name, ex, kw in sets:
        t0 = time.time()
        ev = evaluate_classifier(model, ex, name, views=a.views, seed=a.seed, **kw)
        rows.append(dict(ev.summary(), seconds=round(time.time() - t0, 1)))
        print(f'\n## {name}: accuracy {ev.accuracy:.1%}, squat vs other {ev.binary_accuracy():.1%} '
              f'({len(ev.table)} samples = {ev.table.name.nunique()} motions x {a.views} views)')
        print(markdown_table(ev.confusion))
        if 'synth' not in name:
            print('\nsquat vs other:'); print(markdown_table(ev.binary_confusion()))
    print('\n## Summary'); print(markdown_table(pd.DataFrame(rows).set_index('set')))

if __name__ == '__main__': main()
