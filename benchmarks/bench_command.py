"""The whole command as a user runs it: `perfectrep-analyze VIDEO` in its own process (start-up, decoding, detection, lifting,
recognition, reps and form, annotated video, report), beside MediaPipe's decode + pose alone on the same video in the same
run, and `perfectrep-lift --no-render`; every command's `--help`; for a 60 fps video, `perfectrep-lift --no-render` with
detection on every frame against the default cap (30 fps); `perfectrep-analyze --detect-fps 15`, the faster setting.
Prints the stages' seconds (report.json's timing_s: the 2D stage runs beside the imports and the lifter's loading, so
stages overlap), the processor time used (both cores: up to 2x the wall time), and the ratios.

    python benchmarks/bench_command.py [VIDEO ...]      (default: the shared Sports2D and Pose2Sim videos)
    python benchmarks/bench_command.py --made           a 20 s 1080p 30 fps set and the same at 60 fps, made here
    python benchmarks/bench_command.py --repeat 3 ...   every timed command run 3 times, its median shown (this
                                                        machine's speed drifts by 10-35 % between runs)

`--made` builds its two videos with imageio-ffmpeg's ffmpeg (a dependency already) from the shared rendered front squat
(6.6 s, 1920x1080, 30 fps) played three times, then converted to 60 fps by blending each two neighbouring frames into
one between them (not by showing each frame twice: on identical frames the tracker's work is not a real video's), so it
tells what the 30 fps cap saves on a clip long enough that start-up does not hide it (the shared 60 fps video lasts 1.7 s).
"""
import json, resource, subprocess, sys, tempfile, time
import numpy as np
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SHARED = ROOT.parent / 'shared' / 'media'

MEDIAPIPE_ALONE = r'''
import sys, time, av, numpy as np, mediapipe as mp
t0 = time.perf_counter()
c = av.open(sys.argv[1]); s = c.streams.video[0]; s.thread_type = 'AUTO'
pose = mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1)
n = 0
for fr in c.decode(s):
    w, h = fr.width, fr.height; k = 640 / max(w, h)
    img = fr.to_ndarray(format='rgb24', width=int(w * k) // 2 * 2, height=int(h * k) // 2 * 2) if k < 1 else fr.to_ndarray(format='rgb24')
    pose.process(img); n += 1
print(n, time.perf_counter() - t0)
'''

DECODE_ALONE = r'''
import sys, time
from perfectrep.video import Video, Frames
t0 = time.perf_counter()
v = Video(sys.argv[1]); f = Frames(v, max(v.side_at(480), 640)); f.wait()
print(len(f), time.perf_counter() - t0)
'''


REPEAT = 1   # runs of each timed command (--repeat): its median wall and processor seconds are shown


def timed(cmd) -> tuple[float, float, subprocess.CompletedProcess]:
    "Wall seconds, processor seconds (user + system, all threads) and the result of a command in its own process, the median of `REPEAT` runs."
    runs = [_timed_once(cmd) for _ in range(REPEAT)]
    runs[-1][2].wall = runs[-1][0]                   # the last run's own wall time, beside its output
    return float(np.median([r[0] for r in runs])), float(np.median([r[1] for r in runs])), runs[-1][2]


def _timed_once(cmd) -> tuple[float, float, subprocess.CompletedProcess]:
    "One run of `timed`."
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), r


def made_videos(d:Path) -> list[Path]:
    "A 20 s 1080p 30 fps set (the shared rendered front squat three times) and the same at 60 fps (neighbours blended between), in `d`."
    import imageio_ffmpeg
    ff, src = imageio_ffmpeg.get_ffmpeg_exe(), SHARED / 'real' / 'render_front_squat.mp4'
    x264 = ['-an', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-preset', 'veryfast', '-crf', '20']
    a, b = d / 'front_squat_x3_1080p30.mp4', d / 'front_squat_x3_1080p60.mp4'
    subprocess.run([ff, '-v', 'error', '-y', '-stream_loop', '2', '-i', src, *x264, a], check=True)
    subprocess.run([ff, '-v', 'error', '-y', '-i', a, '-vf', 'minterpolate=fps=60:mi_mode=blend', *x264, b], check=True)
    return [a, b]


def main():
    global REPEAT
    args = sys.argv[1:]
    if '--repeat' in args:
        i = args.index('--repeat'); REPEAT = max(1, int(args[i + 1])); del args[i:i + 2]
    made = tempfile.TemporaryDirectory() if '--made' in args else None
    videos = ([Path(v) for v in args if v != '--made'] + (made_videos(Path(made.name)) if made else [])
              or [SHARED / 'sports2d_demo.mp4', SHARED / 'pose2sim_single_cam01.mp4'])
    if REPEAT > 1: print(f'each time the median of {REPEAT} runs')
    for cmd in ('perfectrep-analyze', 'perfectrep-lift', 'perfectrep-train', 'perfectrep-eval', 'perfectrep-prepare'):
        dt, _, r = timed([BIN / cmd, '--help'])
        print(f'{cmd} --help: {dt:.2f} s' + ('' if r.returncode == 0 else f' (exit {r.returncode})'))
    for v in videos:
        import av
        with av.open(str(v)) as c:
            s = c.streams.video[0]
            length = float(s.duration * s.time_base) if s.duration else c.duration / 1e6
            size, fps = f'{s.codec_context.width}x{s.codec_context.height}', float(s.average_rate)
        with tempfile.TemporaryDirectory() as d:
            mp_s, _, r = timed([sys.executable, '-c', MEDIAPIPE_ALONE, v])
            mp_frames = r.stdout.split()[0] if r.returncode == 0 else '?'
            dec_s, dec_cpu, _ = timed([sys.executable, '-c', DECODE_ALONE, v])
            lift_s, lift_cpu, _ = timed([BIN / 'perfectrep-lift', v, '-o', Path(d) / 'lift', '--no-render', '--quiet'])
            every = timed([BIN / 'perfectrep-lift', v, '-o', Path(d) / 'every', '--no-render', '--quiet', '--detect-fps', '0']) if fps > 45 else None
            an_s, an_cpu, r = timed([BIN / 'perfectrep-analyze', v, '-o', Path(d) / 'an', '--quiet'])
            if r.returncode: print(f'{v.name}: analyze failed: {r.stderr.strip()[-300:]}'); continue
            rep = json.loads((Path(d) / 'an' / 'report.json').read_text())
            fast = timed([BIN / 'perfectrep-analyze', v, '-o', Path(d) / 'fast', '--quiet', '--detect-fps', '15'])
            fast_reps = json.loads((Path(d) / 'fast' / 'report.json').read_text())['n_reps'] if fast[2].returncode == 0 else '?'
        t, elapsed = rep.get('timing_s', {}), rep.get('elapsed_s', an_s)
        print(f'\n{v.name}: {length:.1f} s, {size}, {fps:g} fps; {rep["n_reps"]} rep{"s" * (rep["n_reps"] != 1)} of {rep["exercise"]}')
        print(f'  MediaPipe decode + pose alone (every frame, {mp_frames} frames, one tracker): {mp_s:.1f} s')
        print(f'  decoding alone (the annotated video\'s size, in its own thread): {dec_s:.1f} s, {dec_cpu:.1f} s of processor')
        print(f'  perfectrep-lift --no-render: {lift_s:.1f} s = {lift_s / mp_s:.2f}x MediaPipe alone ({lift_cpu:.1f} s of processor)')
        if every is not None:
            print(f'  perfectrep-lift --no-render --detect-fps 0 (every frame): {every[0]:.1f} s; '
                  f'the 30 fps cap is {every[0] / lift_s:.2f}x faster')
        print(f'  perfectrep-analyze (annotated video and report): {an_s:.1f} s = {an_s / length:.2f}x the video\'s length; '
              f'{an_cpu:.1f} s of processor ({an_cpu / an_s:.2f} cores on average)')
        print(f'  stages{" (the last run)" * (REPEAT > 1)}: start-up and exit {r.wall - elapsed:.1f} s; ' + ', '.join(f'{k} {x:.1f} s' for k, x in t.items())
              + ' (the 2D beside load_model and the imports)')
        print(f'  perfectrep-analyze --detect-fps 15: {fast[0]:.1f} s = {fast[0] / length:.2f}x the video\'s length; {fast_reps} rep{"s" * (fast_reps != 1)} '
              '(what 15 fps changes: benchmarks/eval_detect_rate.py)')


if __name__ == '__main__':
    main()
