"""Speed of in-the-wild inference (`perfectrep.infer`) on the ../shared/media videos.

For each video it prints frames per second of:
  decode        PyAV decoding, frames scaled to the detector's size (background thread)
  decode+detect decoding plus MediaPipe BlazePose and person tracking (`detect_video`)
  lift          lifting and stitching only (`lift_keypoints`, flip test on), per lifter size
  render        the side-by-side MP4 only (decode at render size, 2D overlay, 3D figure, H.264)
  end to end    `run_lift(render=False)`: decode, detect, lift, write the files, per lifter size

Targets (2-core CPU): end to end without rendering faster than real time for a 30 fps video
(>= 30 frames/s), and lifting plus stitching at most a quarter of the detection time.
The machine is shared, so the load average is printed with the figures, and each stage also gets
its process CPU time (all threads): under contention, frames per CPU-second is the steadier figure
(an idle 2-core machine gives between 1x and 2x that in wall-clock frames per second).

    python benchmarks/bench_infer.py                        # tiny, lite and base lifters (random weights; speed only)
    python benchmarks/bench_infer.py --models tiny --quick  # one lifter, no rendering pass
    python benchmarks/bench_infer.py --models path/to/lifter.safetensors
    python benchmarks/bench_infer.py --threads 1            # on a busy shared machine: torch's 2 threads thrash
"""
from __future__ import annotations
import argparse, os, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import numpy as np
import torch
from perfectrep.model import DSTformer, DSTformerConfig, load_lifter, DEFAULT_LIFTER
from perfectrep.video import Video
from perfectrep.detect import detect_video
from perfectrep.infer import lift_keypoints, run_lift
from perfectrep.viz import render_video

MEDIA = ROOT.parent / 'shared' / 'media'


def lifter(spec: str):
    "A preset name (random weights: speed does not depend on them) or a checkpoint path."
    if spec in DSTformerConfig.PRESETS:
        torch.manual_seed(0)
        return DSTformer(DSTformerConfig.preset(spec)).eval()
    return load_lifter(spec)


CPU = {}

def timed(f, *a, **kw):
    "Run f; return (result, wall seconds); the process CPU seconds go to CPU['last']."
    t, c = time.perf_counter(), time.process_time()
    r = f(*a, **kw)
    CPU['last'] = time.process_time() - c
    return r, time.perf_counter() - t

def line(label, T, wall, extra=''):
    print(f'  {label:<22} {T / wall:7.1f} frames/s  {T / CPU["last"]:7.1f} frames/CPU-s   ({wall:.2f} s{"; " + extra if extra else ""})')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--models', default=None, help='comma-separated presets or checkpoints (default: the shipped lifter if present, else tiny,lite,base)')
    ap.add_argument('--videos', default='sports2d_demo.mp4,pose2sim_single_cam01.mp4')
    ap.add_argument('--max-side', type=int, default=640, help='detector input size (longer side, pixels)')
    ap.add_argument('--render-height', type=int, default=480)
    ap.add_argument('--quick', action='store_true', help='skip the rendering pass')
    ap.add_argument('--threads', type=int, default=0, help='torch threads (0: torch default)')
    args = ap.parse_args()
    if args.threads: torch.set_num_threads(args.threads)
    if not MEDIA.exists(): sys.exit(f'{MEDIA} not found: the benchmark needs the shared media videos')
    specs = args.models.split(',') if args.models else ([str(DEFAULT_LIFTER)] if DEFAULT_LIFTER.exists() else ['tiny', 'lite', 'base'])
    models = {Path(s).stem if s not in DSTformerConfig.PRESETS else s: lifter(s) for s in specs}
    print(f'load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; torch threads {torch.get_num_threads()}; '
          f'detector input {args.max_side} px; lifters: ' + ', '.join(f'{k} (maxlen {m.cfg.maxlen})' for k, m in models.items()))
    for name in args.videos.split(','):
        v = Video(MEDIA / name)
        T = v.n_frames
        print(f'\n== {name}: {v.width}x{v.height}, {v.fps:g} fps, {T} frames ({T / v.fps:.1f} s)')
        _, t_dec = timed(lambda: sum(1 for _ in v.frames(args.max_side, prefetch=8)))
        line('decode', T, t_dec)
        kp, t_det = timed(detect_video, v.path, max_side=args.max_side, native_logs=False)
        c_det = CPU['last']
        line('decode+detect', T, t_det, kp.summary().split('; ', 1)[1])
        for mname, m in models.items():
            lift_keypoints(kp.kpts[:8], kp.width, kp.height, model=m)          # warm-up
            _, t_lift = timed(lift_keypoints, kp.kpts, kp.width, kp.height, model=m)
            line(f'lift [{mname}]', T, t_lift, f'{t_lift / t_det:.2f} x detection wall time, {CPU["last"] / c_det:.2f} x its CPU time; target <= 0.25')
        if not args.quick:
            poses = lift_keypoints(kp.kpts, kp.width, kp.height, model=next(iter(models.values())))
            with tempfile.TemporaryDirectory() as d:
                ms = round(args.render_height * max(v.width, v.height) / v.height)
                _, t_ren = timed(render_video, Path(d) / 'r.mp4', poses, kp.kpts, (kp.width, kp.height), v.fps,
                                 frames=v.frames(ms, prefetch=8), height=args.render_height)
            line('render', T, t_ren, f'{args.render_height} px high')
        for mname, m in models.items():
            with tempfile.TemporaryDirectory() as d:
                _, t_e2e = timed(run_lift, v.path, Path(d) / 'out', model=m, render=False, max_side=args.max_side)
            line(f'end to end [{mname}]', T, t_e2e, f'{T / t_e2e / 30:.2f} x real time for a 30 fps video')
    print(f'\nload average at the end {os.getloadavg()[0]:.1f}')


if __name__ == '__main__':
    main()
