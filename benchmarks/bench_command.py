"""The whole command as a user runs it: `perfectrep-analyze VIDEO` in its own process (start-up, decode, detect, lift,
recognise, reps and form, annotated video, report), beside MediaPipe's decode + pose alone on the same video in the
same run, and `perfectrep-lift --no-render`; every command's `--help`. Prints per-stage seconds (from report.json's
timing_s) and the ratios.

    python benchmarks/bench_command.py [VIDEO ...]      (default: the shared Sports2D and Pose2Sim videos)
"""
import json, subprocess, sys, tempfile, time
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


def timed(cmd) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    return time.perf_counter() - t0, r


def main():
    videos = [Path(v) for v in sys.argv[1:]] or [SHARED / 'sports2d_demo.mp4', SHARED / 'pose2sim_single_cam01.mp4']
    for cmd in ('perfectrep-analyze', 'perfectrep-lift', 'perfectrep-train', 'perfectrep-eval', 'perfectrep-prepare'):
        dt, r = timed([BIN / cmd, '--help'])
        print(f'{cmd} --help: {dt:.2f} s' + ('' if r.returncode == 0 else f' (exit {r.returncode})'))
    for v in videos:
        import av
        with av.open(str(v)) as c:
            s = c.streams.video[0]
            length = float(s.duration * s.time_base) if s.duration else c.duration / 1e6
            size, fps = f'{s.codec_context.width}x{s.codec_context.height}', float(s.average_rate)
        with tempfile.TemporaryDirectory() as d:
            mp_s, r = timed([sys.executable, '-c', MEDIAPIPE_ALONE, v])
            mp_frames = r.stdout.split()[0] if r.returncode == 0 else '?'
            lift_s, _ = timed([BIN / 'perfectrep-lift', v, '-o', Path(d) / 'lift', '--no-render', '--quiet'])
            an_s, r = timed([BIN / 'perfectrep-analyze', v, '-o', Path(d) / 'an', '--quiet'])
            if r.returncode: print(f'{v.name}: analyze failed: {r.stderr.strip()[-300:]}'); continue
            t = json.loads((Path(d) / 'an' / 'report.json').read_text()).get('timing_s', {})
        inside = sum(t.values())
        print(f'\n{v.name}: {length:.1f} s, {size}, {fps:g} fps')
        print(f'  MediaPipe decode + pose alone (every frame, {mp_frames} frames): {mp_s:.1f} s')
        print(f'  perfectrep-lift --no-render: {lift_s:.1f} s = {lift_s / mp_s:.2f}x MediaPipe alone')
        print(f'  perfectrep-analyze (annotated video and report): {an_s:.1f} s = {an_s / length:.2f}x the video\'s length')
        print('  stages: start-up and imports ' + f'{an_s - inside:.1f} s, ' + ', '.join(f'{k} {v:.1f} s' for k, v in t.items()))


if __name__ == '__main__':
    main()
