"""Exercise recognition alone on the real videos of ../shared/media/real, from their 2D and lifted 3D.

Each video is detected and lifted once (`perfectrep-lift --no-render`, cached under --cache); then each classifier
given is scored two ways: alone (its windows averaged over the whole video) and as `perfectrep-analyze` uses it
(`recognize_exercise`: the lift's windows, times the movement's geometry). Prints one row per video and the totals.
Fast enough to compare trained classifiers (a few seconds each once the cache is filled).

    python benchmarks/eval_recognition_real.py [--model A.safetensors B.safetensors ...] [--cache out/recognition_real]
"""
import argparse, json, subprocess, sys
from pathlib import Path
import numpy as np

from eval_real import ROOT, REAL, BIN, load_truth      # the same videos and labels as the whole-command benchmark


def lifted(video: Path, cache: Path):
    "The video's 2D keypoints (Keypoints2D) and lifted 3D, from the cache or by running perfectrep-lift."
    from perfectrep.people import Keypoints2D
    d = cache / video.stem
    if not (d / 'meta.json').exists():
        r = subprocess.run([str(BIN / 'perfectrep-lift'), str(video), '-o', str(d), '--no-render', '--quiet'], capture_output=True, text=True)
        if r.returncode: sys.exit(f'{video.name}: perfectrep-lift failed: {r.stderr.strip().splitlines()[-1:]}')
    meta = json.loads((d / 'meta.json').read_text())
    det = meta['detector']
    kp = Keypoints2D(np.load(d / 'poses2d.npy'), det['width'], det['height'], meta['fps'], det.get('source', ''))
    return kp, np.load(d / 'poses3d.npy').astype(np.float64)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--model', nargs='*', default=[None], help='classifier .safetensors files (default: the shipped one)')
    ap.add_argument('--cache', default=str(ROOT / 'out' / 'recognition_real'), help='folder of the lifted videos')
    ap.add_argument('--only', nargs='*', help='video names (or name prefixes)')
    a = ap.parse_args()
    if not REAL.is_dir(): sys.exit(f'no real videos: {REAL} is absent (it is in the developers\' ../shared)')
    from perfectrep.classifier import load_classifier
    from perfectrep.recognize import recognize_exercise
    truth = load_truth()
    names = [n for n in truth if not a.only or any(n.startswith(o) for o in a.only)]
    data = {n: lifted(REAL / n, Path(a.cache)) for n in names}
    for m in a.model:
        net = load_classifier(m)
        print(f'\nclassifier: {m or "shipped"}')
        head = f"{'video':40s} {'truth':>8s} {'alone':>14s} {'with windows and geometry':>26s}"
        print(head); print('-' * len(head))
        ok_alone = ok_both = 0
        for n in names:
            kp, X = data[n]
            t = truth[n]['exercise']
            r0 = recognize_exercise(X, kp.fps, kpts=kp, model=net, geometry=False)
            r1 = recognize_exercise(X, kp.fps, kpts=kp, model=net)
            ok_alone += r0.label == t; ok_both += r1.label == t
            cell = lambda r: f"{r.label + ('' if r.label == t else '*')} {r.confidence:4.0%}"
            print(f'{n:40s} {t:>8s} {cell(r0):>14s} {cell(r1):>26s}')
        print(f'{len(names)} videos: alone {ok_alone}/{len(names)}, with windows and geometry {ok_both}/{len(names)}')


if __name__ == '__main__': main()
