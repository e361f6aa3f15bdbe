"""Real clips trimmed as a lifter trims them: the count of every trimmed clip must be the reps it holds.

Each real clip with at least two counted reps (../shared/media/real) is analysed whole (or its report is read from an
`eval_real.py` run, --runs DIR), then cut with imageio-ffmpeg's ffmpeg (re-encoded at CRF 18, audio dropped) to hold
its first k reps: from `lead` seconds before the first rep's start to `tail` seconds after the k-th rep's end, for
every k and for (lead, tail) of (0.3, 0.3) s, a clip trimmed tight, (1.0, 1.0) s, and from the clip's own start to 0.4 s
after the k-th rep (the phone stopped after rep k); and a squat or bench press from the bottom of its first rep to the
clip's end (the phone started late: the first rep's way up only, not a rep of the video). Each cut is analysed with the
whole `perfectrep-analyze` command (no --exercise) and must count the reps it holds (the lower-body-only clip: within
one, as in truth.json) and recognise the clip's lift; a squat begun at a bottom must say so in its notes
(`perfectrep.reps.RepSegmentation.unstarted`). Each row shows which of the report's notes on a video beginning or
ending inside a rep were given ([begins inside], [ends inside]). A set trimmed tight leaves little standing before and after it: what tells
a rest from a rep, a misfit standing start from the lifter (`perfectrep.detect.misfit_ends`), and a rep from its half
rests on less.

    python benchmarks/eval_trim.py [--runs DIR] [--out out/eval_trim] [--only NAME ...]

Prints one row per cut and the number wrong; exits 1 when any is.
"""
import argparse, json, subprocess, sys
from pathlib import Path
from eval_real import ROOT, REAL, analyse, load_truth

CUTS = ((0.3, 0.3), (1.0, 1.0), (None, 0.4))   # seconds kept before the first rep (None: from the clip's start) and after the last
INSIDE = {'begins inside': 'the video begins with the hips well below standing', 'ends inside': 'the video ends with the hips still well below standing'}


def inside(report: dict) -> list:
    "Which of the notes on a video beginning or ending inside a rep the report gives."
    return [k for k, v in INSIDE.items() if any(n.startswith(v) for n in report.get('notes', []))]


def cut(video: Path, dst: Path, start: float, stop: float):
    "`video` from `start` to `stop` seconds, re-encoded."
    import imageio_ffmpeg
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), '-v', 'error', '-y', '-ss', f'{start:.3f}', '-i', str(video), '-t', f'{stop - start:.3f}',
                    '-an', '-c:v', 'libx264', '-crf', '18', '-pix_fmt', 'yuv420p', str(dst)], check=True)


def one(video: Path, dst: Path, start: float, stop: float, k: int, t: dict, what: str, out: Path, begins: bool = False) -> bool:
    "Cut `video` to `dst`, analyse it, print one row; whether it counted `k` reps (within the clip's tolerance) of its lift, and said it `begins` inside a rep where asked."
    dst.parent.mkdir(exist_ok=True)
    cut(video, dst, start, stop)
    got = analyse(dst, out / dst.stem)[1]
    notes = inside(got) if got else []
    ok = (got is not None and got['exercise'] == t['exercise'] and abs(got['n_reps'] - k) <= t.get('tol', 0)
          and (not begins or 'begins inside' in notes))
    said = (f"{got['n_reps']} rep{'s' * (got['n_reps'] != 1)} of {got['exercise']}, {len(got['partial_reps'])} partial"
            + ''.join(f' [{x}]' for x in notes) if got else 'refused')
    print(f'{video.stem:32s} {what:9s} {start:5.2f}-{stop:5.2f} s  -> {said}{"" if ok else "   <-- WRONG"}', flush=True)
    return ok


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
        fps, reps = whole['fps'], whole['reps']
        for lead, tail in CUTS:
            for k in range(1, len(reps) + 1):
                if k == len(reps) and (lead, tail) != CUTS[0]: continue      # the whole set trimmed loosely: near the clip as filmed
                start = 0. if lead is None else max(reps[0]['start'] / fps - lead, 0.)
                stop = min(reps[k - 1]['end'] / fps + tail, whole['duration_s'])
                dst = a.out / 'cuts' / f'{stem}_{k}_{"start" if lead is None else f"{lead:g}"}.mp4'
                ok = one(REAL / name, dst, start, stop, k, t, f'reps 1-{k}', a.out)
                n, wrong = n + 1, wrong + (not ok)
        if t['exercise'] in ('squat', 'bench'):                              # the phone started late: from rep 1's bottom to the end
            dst = a.out / 'cuts' / f'{stem}_from_bottom.mp4'
            ok = one(REAL / name, dst, reps[0]['bottom_frame'] / fps, whole['duration_s'], len(reps) - 1, t, f'reps 2-{len(reps)}', a.out,
                     begins=t['exercise'] == 'squat')
            n, wrong = n + 1, wrong + (not ok)
    print(f'{n} trimmed clips: {n - wrong} counted and recognised right, {wrong} wrong')
    sys.exit(1 if wrong else 0)


if __name__ == '__main__':
    main()
