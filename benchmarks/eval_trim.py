"""Real clips trimmed as a lifter trims them: the count of every trimmed clip must be the reps it holds.

Each real clip with at least two counted reps (../shared/media/real) is analysed whole (or its report is read from an
`eval_real.py` run, --runs DIR), then cut with imageio-ffmpeg's ffmpeg (re-encoded at CRF 18, audio dropped) to hold
its first k reps: from `lead` seconds before the first rep's start to `tail` seconds after the k-th rep's end, for
every k and for (lead, tail) of (0.3, 0.3) s, a clip trimmed tight, (1.0, 1.0) s, and from the clip's own start to 0.4 s
after the k-th rep (the phone stopped after rep k). Each cut is analysed with the
whole `perfectrep-analyze` command (no --exercise) and must count k reps (the lower-body-only clip: within one, as in
truth.json) and recognise the clip's lift. A set trimmed tight leaves little standing before and after it: what tells
a rest from a rep, a misfit standing start from the lifter (`perfectrep.detect.misfit_ends`), and a rep from its half
rests on less.

    python benchmarks/eval_trim.py [--runs DIR] [--out out/eval_trim] [--only NAME ...]

Prints one row per cut and the number wrong; exits 1 when any is.
"""
import argparse, json, subprocess, sys
from pathlib import Path
from eval_real import ROOT, REAL, analyse, load_truth

CUTS = ((0.3, 0.3), (1.0, 1.0), (None, 0.4))   # seconds kept before the first rep (None: from the clip's start) and after the last


def cut(video: Path, dst: Path, start: float, stop: float):
    "`video` from `start` to `stop` seconds, re-encoded."
    import imageio_ffmpeg
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), '-v', 'error', '-y', '-ss', f'{start:.3f}', '-i', str(video), '-t', f'{stop - start:.3f}',
                    '-an', '-c:v', 'libx264', '-crf', '18', '-pix_fmt', 'yuv420p', str(dst)], check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--runs', type=Path, help="an eval_real.py output folder: the whole clips' reports are read from it, not made again")
    ap.add_argument('--out', type=Path, default=ROOT / 'out' / 'eval_trim')
    ap.add_argument('--only', nargs='*', help='clip names (or name prefixes) to run')
    a = ap.parse_args()
    if not REAL.exists(): sys.exit(f'no real clips at {REAL}')
    truth = load_truth()
    a.out.mkdir(parents=True, exist_ok=True)
    wrong = n = 0
    for name, t in truth.items():
        if t['exercise'] == 'other' or not t.get('reps') or t['reps'] < 2: continue
        if a.only and not any(name.startswith(o) for o in a.only): continue
        stem = Path(name).stem
        whole = json.loads((a.runs / stem / 'report.json').read_text()) if a.runs else analyse(REAL / name, a.out / stem)[1]
        if whole is None or whole['n_reps'] < 2:
            print(f'{stem}: the whole clip gave {whole and whole["n_reps"]} reps; not trimmed'); continue
        fps, reps, tol = whole['fps'], whole['reps'], t.get('tol', 0)
        for lead, tail in CUTS:
            for k in range(1, len(reps) + 1):
                if k == len(reps) and (lead, tail) != CUTS[0]: continue      # the whole set trimmed loosely: near the clip as filmed
                start = 0. if lead is None else max(reps[0]['start'] / fps - lead, 0.)
                stop = min(reps[k - 1]['end'] / fps + tail, whole['duration_s'])
                dst = a.out / 'cuts' / f'{stem}_{k}_{"start" if lead is None else f"{lead:g}"}.mp4'
                dst.parent.mkdir(exist_ok=True)
                cut(REAL / name, dst, start, stop)
                got = analyse(dst, a.out / dst.stem)[1]
                ok = got is not None and got['exercise'] == t['exercise'] and abs(got['n_reps'] - k) <= tol
                n, wrong = n + 1, wrong + (not ok)
                said = (f"{got['n_reps']} rep{'s' * (got['n_reps'] != 1)} of {got['exercise']}, {len(got['partial_reps'])} partial"
                        if got else 'refused')
                print(f'{stem:32s} reps 1-{k}  {start:5.2f}-{stop:5.2f} s  -> {said}{"" if ok else "   <-- WRONG"}', flush=True)
    print(f'{n} trimmed clips: {n - wrong} counted and recognised right, {wrong} wrong')
    sys.exit(1 if wrong else 0)


if __name__ == '__main__':
    main()
