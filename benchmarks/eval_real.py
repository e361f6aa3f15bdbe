"""Real footage: the whole `perfectrep-analyze` command, no --exercise, on every video in ../shared/media/real.

Prints one row per video (truth and recognised exercise with its confidence, truth and counted reps, the estimated
camera view, seconds) and the totals; exits 1 when a target is missed (a video refused, an exercise wrong, a scored
rep count outside its tolerance).

    python benchmarks/eval_real.py [--only NAME ...] [--out out/eval_real] [--mirror | --perturb HOW] [--compare DIR [--write]]

With --mirror every clip is first flipped left to right (the same set filmed from the other side, or a phone's
mirrored front camera; written beside the outputs with imageio-ffmpeg's ffmpeg, audio dropped) and analysed the
same way: the exercise and the count must not change. --perturb HOW changes the clips in another way a user's
phone or tripod does (`tilt`: the camera rolled 6 degrees, the picture rotated about its centre and cropped to keep
its size; `small`: 480 pixels high, as a messaging app sends it; `dark`: dimmer and flatter, a badly lit gym; `rate`:
24 frames per second; `far`: the tripod three times as far, the picture at a third of its size in the middle of a gray
frame of its own size; `side`: turned a quarter clockwise with no rotation tag, as a phone held on its side whose tag was lost;
`blur`: out of focus (a Gaussian blur of 3 px at the clip's size); `grain`: a dim gym's sensor noise, changing from frame to
frame (uniform, +-24 of 255), a little darker; `shake`: a hand-held phone, the picture drifting and shaking by up to
4 % of its size each way (about 1 and 2.5 times a second at 30 fps), a tenth cropped off and scaled back; `bright`:
washed out, a window or a lamp behind the lifter; `compressed`: forwarded by a messaging app, 360 pixels high and
encoded at CRF 38, blocky; `feet`: framed tighter, the bottom 15 % of the picture cut off (a close lifter's feet or
shins out of view); `head`: the top 15 % cut off instead; `letterbox`: re-posted to a social feed, fitted into a 1080x1920 frame with black
bars, 1920x1080 for a portrait clip; `reel`: the same over a blurred copy of itself zoomed to fill the frame, a large
blurred person above and below the lifter; `fast`: played twice as fast, every other frame kept, as a feed's edit speeds a set
up; `loop`: played twice, as a feed loops a clip (the count must double: at the seam the lifter jumps from the last
pose to the first, a cut that no rep may span; one clip cannot double: the rendered close-grip bench begins and
ends with the bar on the chest, so its two halves around the seam make one rep from lockout to lockout. The
hand-held walk-in loses its lifter for 0.4 s across the seam (gone from the picture at its end, not yet found at its
start), where no jump is seen: it counted a rep there until the lost frames were bridged and only a turn inside a
loss rounded, `perfectrep.infer.lift_keypoints`); `story`: a landscape clip cut to its middle 9:16 for a story (a portrait
one as it is); `slowmo`: a phone's slow motion, filmed at 120 fps (each frame of
the clip repeated) and played at 30 with the tag Android writes (`com.android.capture.fps`): four times as long, timed
in real time (`perfectrep.video.Video.real_fps`)); `vfr`: a phone that lowered its frame rate while filming (dim light):
after the first second every fifth frame dropped (30 fps becomes 24), the others kept at their own times, so rep
durations must stay as they were (`perfectrep.video.Video.held`); `upright`: a squat rack's upright between the camera
and the lifter, a dark vertical bar 2.5 % of the picture wide at 42-44.5 % of its width (across most lifters' bodies);
`bump`: the tripod knocked halfway through the clip, the picture jumping by 5 % of its width and of its height at once
(a tenth cropped off and scaled back, the crop moved: `perfectrep.detect.camera_motion` must hold the lifter still);
`cover`: the lower 40 % of the picture hidden (grey) for 0.2 s at a third and at two thirds of the clip, someone
crouching in front of the camera or a bench carried past close to it (the lifter must be found again afterwards, not a
spotter, and the legs BlazePose guesses under the cover must not make a rep); `cover_top`: the upper 40 % hidden so
instead (a head or a shoulder passing close to the camera: a lifter lost for a moment while standing between two reps
must not make a rep of it);
`lens`: a phone switching lenses halfway, the picture 1.5x larger about its middle from one frame to the next (not a
cut of an edited video: `perfectrep.detect.camera_motion` must hold the lifter still);
--mirror is --perturb mirror. --compare DIR reads the reports of another run (for example the
unflipped one) and says, rep by rep, how the judge's calls and the form metrics moved between the two: a test-retest
of the whole analysis on real footage, where no truth for the metrics exists. The two runs see the same scene, so
their disagreement is a lower bound of the real error; where it passes the synthesised detector error of that metric
from that view (`perfectrep/configs/lifted_error.yaml`), that error is too small for real footage. With
--write, the 90th percentile of each metric's difference (the difference of two independent normal errors of one
spread has its 90th percentile where one error has its 98th, the tolerance's definition, 2.33 standard deviations;
errors that the two runs share make it smaller still) is written to `perfectrep/configs/real_retest.yaml` for the lifts
and metrics with at least MIN_PAIRS reps: the analysis of a real video never uses a smaller tolerance. A rep where
either run did not judge a metric for the rep's own reason (report.json's `not_judged_here`: its joints hidden, the
body not seen) is left out of that metric's differences: no tolerance is used there, and what the runs guessed
(a squat's lockout with the shoulders above the picture) is no measure of the error where it is judged. So is a rep
filmed from a view that cannot judge the metric in either run (`perfectrep.form.judged_from`: the knees' width from the
side, the torso's lean from the front).
"""
import argparse, json, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / 'shared' / 'media' / 'real'
BIN = Path(sys.executable).parent


def load_truth() -> dict:
    "The labels of the real videos: name -> exercise, reps, tolerance (truth.json, without its comment keys)."
    return {k: v for k, v in json.loads((REAL / 'truth.json').read_text()).items() if not k.startswith('_')}


_FEED = "w='if(gt(iw,ih),1080,1920)':h='if(gt(iw,ih),1920,1080)'"   # a social feed's frame, portrait for a landscape clip

# ffmpeg video filters for --perturb (ffmpeg applies the rotation metadata first, as a player shows the clip)
PERTURB = {
    'mirror': 'hflip',
    'tilt': 'rotate=6*PI/180:ow=iw:oh=ih:c=black,scale=trunc(iw*1.25/2)*2:trunc(ih*1.25/2)*2,crop=trunc(iw/1.25/2)*2:trunc(ih/1.25/2)*2',
    'small': "scale=-2:'min(480,ih)'",
    'dark': 'eq=brightness=-0.12:contrast=0.75:saturation=0.8',
    'rate': 'fps=24',
    'far': 'scale=trunc(iw/6)*2:trunc(ih/6)*2,pad=iw*3:ih*3:(ow-iw)/2:(oh-ih)/2:color=gray',
    'side': 'transpose=clock',
    'blur': 'gblur=sigma=3',
    'grain': 'noise=alls=24:allf=t,eq=brightness=-0.06',
    'bright': 'eq=brightness=0.14:contrast=0.7:saturation=0.7',
    'compressed': "scale=-2:'min(360,ih)'",
    'feet': 'crop=iw:trunc(ih*0.85/2)*2:0:0',
    'head': 'crop=iw:trunc(ih*0.85/2)*2:0:ih-trunc(ih*0.85/2)*2',
    # re-posted to a social feed: the clip fitted into a 1080x1920 frame (1920x1080 for a portrait clip), black bars
    # round it (`letterbox`), or the clip over a blurred copy of itself zoomed to fill the frame (`reel`: a large
    # blurred person above and below the real one)
    'letterbox': (f"scale={_FEED}:force_original_aspect_ratio=decrease:force_divisible_by=2,"
                  f"pad={_FEED}:x=(ow-iw)/2:y=(oh-ih)/2:color=black"),
    'reel': (f"split[a][b];[a]scale={_FEED}:force_original_aspect_ratio=increase,"
             "crop=w='if(gt(iw,ih),trunc(ih*9/32)*2,iw)':h='if(gt(iw,ih),ih,trunc(iw*9/32)*2)',gblur=sigma=20[bg];"
             f"[b]scale={_FEED}:force_original_aspect_ratio=decrease:force_divisible_by=2[fg];[bg][fg]overlay=(W-w)/2:(H-h)/2"),
    'fast': 'setpts=PTS/2',     # played twice as fast, as an edit for a feed speeds a set up (every other frame kept)
    'story': "crop=w='if(gt(iw,ih),trunc(ih*9/32)*2,iw)':h=ih",   # a landscape clip cut to its middle 9:16 for a story (a portrait one as it is)
    'slowmo': 'fps=120,setpts=4*PTS',   # a phone's slow motion: filmed at 120 fps (here each frame repeated), played at 30, tagged (`OUTPUT`)
    'loop': 'null',             # played twice (the input read twice: `INPUT`)
    'upright': 'drawbox=x=iw*0.42:y=0:w=iw*0.025:h=ih:color=0x3a3a3a@1:t=fill',   # a rack's upright between the camera and the lifter
    'vfr': "select='not(gt(t,1)*eq(mod(n,5),4))'",   # a varying frame rate: 24 fps after the first second, frames at their own times (`OUTPUT`)
    'bump': ("crop=trunc(iw*0.9/2)*2:trunc(ih*0.9/2)*2:x='if(gte(t,HALF),0,iw*0.05)':y='if(gte(t,HALF),ih*0.1,ih*0.05)',"
             "scale=trunc(iw/0.9/2)*2:trunc(ih/0.9/2)*2"),   # the tripod knocked halfway (HALF: the clip's middle, seconds)
    # the lower 40 % of the picture hidden for 0.2 s at a third and at two thirds of the clip (THIRD: a third of its
    # length, seconds): someone crouching in front of the camera, a bench or a bag carried past close to it
    'cover': "drawbox=x=0:y=ih*0.6:w=iw:h=ih*0.4:color=gray:t=fill:enable='between(t,THIRD,THIRD+0.2)+between(t,2*THIRD,2*THIRD+0.2)'",
    'cover_top': "drawbox=x=0:y=0:w=iw:h=ih*0.4:color=gray:t=fill:enable='between(t,THIRD,THIRD+0.2)+between(t,2*THIRD,2*THIRD+0.2)'",   # the upper 40 % instead
    # a phone switching lenses mid-set: the picture 1.5x larger about its middle at once, halfway (WW, HH: its size)
    'lens': ("split[a][b];[a]trim=end=HALF,setpts=PTS-STARTPTS,setsar=1[a1];[b]trim=start=HALF,setpts=PTS-STARTPTS,"
             "crop=trunc(WW/1.5/2)*2:trunc(HH/1.5/2)*2,scale=WW:HH,setsar=1[b1];[a1][b1]concat=n=2:v=1:a=0"),
    'shake': ("crop=trunc(iw*0.9/2)*2:trunc(ih*0.9/2)*2:iw*0.05*(1+0.5*sin(n*0.21)+0.3*sin(n*0.53+2)):ih*0.05*(1+0.5*sin(n*0.17+1)+0.3*sin(n*0.61)),"
              "scale=trunc(iw/0.9/2)*2:trunc(ih/0.9/2)*2"),
}
INPUT = {'loop': ['-stream_loop', '1']}   # options on the input where a perturbation is how it is read
OUTPUT = {'slowmo': ['-r', '30', '-movflags', 'use_metadata_tags', '-metadata', 'com.android.capture.fps=120.000000'],
          'vfr': ['-fps_mode', 'vfr']}   # ... on the output
TIMES = {'loop': 2}   # the reps of the changed clip, in reps of the clip
CRF = {'compressed': 38}   # the encoding's quality where a perturbation is the encoding (18 otherwise: the filter's effect alone)


def perturbed(video: Path, out: Path, how: str) -> Path:
    "`video` changed by the filter `PERTURB[how]`, made once into a folder of `out` named for it (re-encoded at CRF 18, audio dropped)."
    import imageio_ffmpeg
    from perfectrep.video import Video
    name = 'mirrored' if how == 'mirror' else how
    folder, dst = out / name, out / name / f'{video.stem}_{name}.mp4'
    if not dst.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_suffix('.part.mp4')
        vf = PERTURB[how]
        for mark, share in (('HALF', 1 / 2), ('THIRD', 1 / 3)):      # times in the clip, from its length
            if mark in vf: vf = vf.replace(mark, f'{Video(video).duration * share:.3f}')
        vf = vf.replace('WW', str(Video(video).width)).replace('HH', str(Video(video).height))   # its size as shown (turned upright)
        subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), '-v', 'error', '-y', *INPUT.get(how, []), '-i', str(video), '-vf', vf, '-an',
                        '-c:v', 'libx264', '-crf', str(CRF.get(how, 18)), '-preset', 'veryfast', '-pix_fmt', 'yuv420p', *OUTPUT.get(how, []), str(tmp)], check=True)
        tmp.replace(dst)
    return dst


def analyse(video: Path, out: Path) -> tuple[subprocess.CompletedProcess, dict | None]:
    "`perfectrep-analyze video -o out` run as a user runs it (its own process): the finished process and its report.json (None when it failed)."
    r = subprocess.run([str(BIN / 'perfectrep-analyze'), str(video), '-o', str(out), '--quiet'], capture_output=True, text=True)
    return r, json.loads((out / 'report.json').read_text()) if r.returncode == 0 else None


def run_one(video: Path, out: Path) -> dict:
    "Run the command as a user would and read its report.json into one row."
    t0 = time.perf_counter()
    r, rep = analyse(video, out)
    dt = time.perf_counter() - t0
    row = dict(video=video.name, seconds=dt, rc=r.returncode, error=r.stderr.strip().splitlines()[-1] if r.returncode else '')
    if rep is not None:
        row.update(exercise=rep['exercise'], confidence=rep.get('exercise_confidence'), runner_up=rep.get('exercise_runner_up'),
                   reps=rep['n_reps'], view=(rep.get('view') or {}).get('label', '?'), duration=rep.get('duration_s'))
    return row


COMPARED = ('depth_m', 'lockout_deg', 'torso_lean_deg', 'knee_ankle_ratio', 'rise_ratio', 'lean_gain_deg', 'hip_shift_m',
            'bar_drift_m', 'touch_m', 'min_knee_deg', 'min_hip_deg')


MIN_PAIRS = 20      # reps of a lift, and values of a metric, needed before its retest floor is written


def compare(here: Path, there: Path, names: list) -> dict:
    "Print how the judge's calls and the form metrics of each rep moved between two runs' reports (reps paired by overlap); return each (lift, metric)'s differences."
    import numpy as np
    from perfectrep.form import load_lifted_error, load_rules, judged_from
    rules = load_rules()
    calls, diffs, durations = dict(pairs=0, same=0, changed=0, reversed=0, reversed_sure=0), {}, []
    for n in names:
        a, b = (p / Path(n).stem / 'report.json' for p in (here, there))
        if not (a.exists() and b.exists()): continue
        a, b = json.loads(a.read_text()), json.loads(b.read_text())
        if a['exercise'] != b['exercise'] or a['exercise'] == 'other': continue
        tol = load_lifted_error(view=(a.get('view') or {}).get('label')).get(a['exercise'], {})
        views = [(x.get('view') or {}).get('label') for x in (a, b)]
        for ra in a['reps']:
            ov = [min(ra['end'], rb['end']) - max(ra['start'], rb['start']) for rb in b['reps']]
            if not ov or max(ov) < 0.5 * (ra['end'] - ra['start']): continue        # no rep of the other run is this one
            rb = b['reps'][int(np.argmax(ov))]
            if all(isinstance(x.get('duration_s'), (int, float)) and x['duration_s'] > 0 for x in (ra, rb)):
                durations.append(ra['duration_s'] / rb['duration_s'] - 1)   # times in seconds: the rate read right
            # a metric not judged on the rep for the rep's own reason in either run (its joints hidden, the body not
            # seen) is not judged with any tolerance there: what the two runs guessed for it is no measurement error
            unjudged = {r['metric'] for r in rules[a['exercise']] for x in (ra, rb) if r['fault'] in x.get('not_judged_here', ())}
            for m in COMPARED:
                # nor is a metric that one run's camera view cannot judge (the knees' width from the side)
                if m in unjudged or not all(judged_from(m, v) for v in views): continue
                if isinstance(ra.get(m), (int, float)) and isinstance(rb.get(m), (int, float)) and m in tol:
                    diffs.setdefault((a['exercise'], m), []).append((abs(ra[m] - rb[m]), tol[m]))
            cb = {c['call']: c for c in rb['calls']}
            for c in ra['calls']:
                if c['call'] not in cb: continue
                d, calls['pairs'] = cb[c['call']], calls['pairs'] + 1
                if c['result'] == d['result']: calls['same'] += 1; continue
                calls['changed'] += 1
                if {c['result'], d['result']} == {'pass', 'fail'}:
                    calls['reversed'] += 1
                    calls['reversed_sure'] += min(c['sure'] or 1., d['sure'] or 1.) >= 0.99
                print(f"  {n} rep {ra['rep']} {c['call']}: {c['result']} ({c['sure']}) here, {d['result']} ({d['sure']}) there")
    print(f"judge's calls on {calls['pairs']} rep pairs: {calls['same']} the same, {calls['changed']} changed, "
          f"{calls['reversed']} pass <-> fail ({calls['reversed_sure']} of them at least 99 % sure both times)")
    if durations:
        d = 100 * np.abs(durations)
        print(f"rep durations on {len(d)} rep pairs: median |difference| {np.median(d):.1f} %, 90th percentile {np.percentile(d, 90):.1f} %, "
              f"largest {d.max():.1f} %")
    print(f"{'lift':9s} {'metric':17s} {'reps':>5s} {'median |d|':>10s} {'p90 |d|':>8s} {'synth. tol':>10s} {'|d| > tol':>9s}")
    for (ex, m), v in sorted(diffs.items()):
        d, t = np.array(v).T
        print(f"{ex:9s} {m:17s} {len(d):5d} {np.median(d):10.3f} {np.percentile(d, 90):8.3f} {np.median(t):10.3f} {np.mean(d > t):9.0%}")
    return {k: [d for d, _ in v] for k, v in diffs.items()}


def write_floor(diffs: dict, runs: str, path: Path = ROOT / 'perfectrep' / 'configs' / 'real_retest.yaml'):
    "Write the 90th percentile of each metric's differences (lifts and metrics with at least MIN_PAIRS values) as the analysis's tolerance floor."
    import numpy as np, yaml
    floor = {}
    for (ex, m), d in sorted(diffs.items()):
        if len(d) >= MIN_PAIRS: floor.setdefault(ex, {})[m] = round(float(np.percentile(d, 90)), 4)
    head = ('# The least measurement error a form metric has on real footage, per lift: the 90th percentile of |a - b| over\n'
            '# the reps of two analyses of the same real clips (a test-retest; no truth is needed), leaving out the reps where\n'
            '# either run did not judge the metric for the rep\'s own reason (its joints hidden) or could not from its camera\n'
            '# view (the knees\' width from the side, the torso\'s lean from the front). The analysis of a real\n'
            '# video never uses a smaller tolerance than this (perfectrep/configs/lifted_error.yaml holds the synthesised\n'
            '# detector error per view). Written by `python benchmarks/eval_real.py --compare DIR --write`; lifts and metrics\n'
            f'# with at least {MIN_PAIRS} reps. Runs compared: {runs}.\n')
    path.write_text(head + yaml.safe_dump({'floor': floor}, sort_keys=True))
    print(f'wrote {path}')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--only', nargs='*', help='video names (or name prefixes) to run')
    ap.add_argument('--out', default=str(ROOT / 'out' / 'eval_real'), help='output folder, one subfolder per video')
    ap.add_argument('--mirror', action='store_const', const='mirror', dest='perturb', help='analyse each clip flipped left to right')
    ap.add_argument('--perturb', choices=sorted(PERTURB), help='analyse each clip changed this way (see above)')
    ap.add_argument('--compare', help="another run's output folder: how the calls and metrics of each rep moved")
    ap.add_argument('--write', action='store_true', help="with --compare: write the metrics' retest floor to perfectrep/configs/real_retest.yaml")
    a = ap.parse_args()
    if not REAL.is_dir(): sys.exit(f'no real videos: {REAL} is absent (it is in the developers\' ../shared)')
    truth = load_truth()
    names = [n for n in truth if not a.only or any(n.startswith(o) for o in a.only)]
    head = f"{'video':40s} {'truth':>8s} {'recognised':>10s} {'conf':>5s} {'2nd':>8s} {'reps':>4s} {'count':>5s} {'view':>18s} {'secs':>6s} {'x len':>5s}"
    print(head); print('-' * len(head))
    rows, bad_ex, bad_reps, refused = [], 0, 0, 0
    for n in names:
        t = truth[n]
        if a.perturb in TIMES and t['reps'] is not None:
            t = {**t, 'reps': TIMES[a.perturb] * t['reps'], 'tol': TIMES[a.perturb] * t.get('tol', 0)}
        src = perturbed(REAL / n, Path(a.out), a.perturb) if a.perturb else REAL / n
        r = run_one(src, Path(a.out) / Path(n).stem)
        r['video'] = n
        rows.append(r)
        if r['rc']:
            refused += 1
            print(f"{n:40s} {t['exercise']:>8s} REFUSED ({r['seconds']:.1f} s): {r['error']}", flush=True); continue
        ok_ex = r['exercise'] == t['exercise']
        ok_n = t['reps'] is None or abs(r['reps'] - t['reps']) <= t.get('tol', 0)
        bad_ex += not ok_ex; bad_reps += not ok_n
        conf = f"{r['confidence']:.0%}" if r.get('confidence') is not None else '-'
        ratio = r['seconds'] / r['duration'] if r.get('duration') else float('nan')
        print(f"{n:40s} {t['exercise']:>8s} {r['exercise'] + ('' if ok_ex else '*'):>10s} {conf:>5s} {str(r.get('runner_up') or '-'):>8s} "
              f"{'-' if t['reps'] is None else t['reps']:>4} {str(r['reps']) + ('' if ok_n else '*'):>5s} {r['view']:>18s} "
              f"{r['seconds']:6.1f} {ratio:5.2f}", flush=True)
    n, scored = len(rows), [m for m in names if truth[m]['reps'] is not None]
    print('-' * len(head))
    print(f'{n} videos: exercise recognised {n - refused - bad_ex}/{n}; rep counts within tolerance '
          f'{len(scored) - bad_reps - sum(1 for r in rows if r["rc"] and truth[r["video"]]["reps"] is not None)}/{len(scored)}; '
          f'refused {refused}; {sum(r["seconds"] for r in rows):.0f} s for {sum(r.get("duration") or 0 for r in rows):.0f} s of video')
    if a.compare:
        diffs = compare(Path(a.out), Path(a.compare), names)
        how = {'mirror': 'flipped left to right'}.get(a.perturb, a.perturb)
        if a.write: write_floor(diffs, f'{a.out}{f" ({how})" if a.perturb else ""} against {a.compare}')
    sys.exit(1 if (bad_ex or bad_reps or refused) else 0)


if __name__ == '__main__':
    main()
