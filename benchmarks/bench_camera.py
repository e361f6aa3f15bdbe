"""What reading the camera's movement costs: per real clip, the 2D stage (`perfectrep.detect.detect_video`, which
reads it once the lifter is followed) and, on the same detection frames kept in memory, `perfectrep.detect.camera_motion`
alone, `--repeat` times (the best kept): its milliseconds a frame and its share of the 2D stage; and whether a path was
kept (a camera on a tripod: none). With `--perturb HOW` the clips are first changed as `eval_real.py --perturb` changes
them (`bump`, `shake`: a camera that moves).

    python benchmarks/bench_camera.py [--only NAME ...] [--repeat 3] [--perturb bump] [--out out/bench_camera]
"""
import argparse, dataclasses, json, sys, time
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / 'shared' / 'media' / 'real'


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--only', nargs='*', help='clips whose names start with one of these')
    ap.add_argument('--repeat', type=int, default=3, help='runs of camera_motion per clip (the best kept)')
    ap.add_argument('--perturb', help="change the clips first, as eval_real.py's --perturb does")
    ap.add_argument('--out', default='out/bench_camera', help='where the changed clips are written')
    a = ap.parse_args()
    if not (REAL / 'truth.json').exists(): sys.exit(f'no real videos: {REAL} is absent (it is in the developers\' ../shared)')
    from perfectrep.video import Video, Frames
    from perfectrep.detect import detect_video, camera_motion, detection_step
    from perfectrep.people import camera_summary
    sys.path.insert(0, str(ROOT / 'benchmarks'))
    from eval_real import perturbed
    names = sorted(n for n in json.loads((REAL / 'truth.json').read_text()) if not n.startswith('_'))
    names = [n for n in names if not a.only or any(n.startswith(o) for o in a.only)]
    print(f'{"clip":40s} {"frames":>6s} {"2D s":>6s} {"camera ms/frame":>16s} {"share":>6s}  path')
    per, shares = [], []
    for n in names:
        src = perturbed(REAL / n, Path(a.out), a.perturb) if a.perturb else REAL / n
        v = Video(src)
        store = Frames(v, 640, step=detection_step(v.real_fps, 30))
        t0 = time.perf_counter()
        kp = detect_video(src, frames=store, native_logs=False)
        t2d = time.perf_counter() - t0
        held = dataclasses.replace(kp, kpts=kp.kpts[::kp.detect_step], camera=None)   # the detected frames (a fast video's every n-th)
        best = min(_timed(lambda: camera_motion(store.get, held)) for _ in range(a.repeat))
        store.close()
        T = held.n_frames
        s = camera_summary(kp.camera, kp.kpts, kp.fps)
        per.append(1000 * best / T); shares.append(best / t2d)
        print(f'{n:40s} {T:6d} {t2d:6.1f} {1000 * best / T:16.2f} {best / t2d:6.1%}  '
              + (f'moved {s["moved_px"]:.0f} px, jump {s["largest_jump_px"]:.0f} px at {s["jump_at_s"]:.1f} s' if s else 'none'))
    print(f'{len(names)} clips: camera_motion {np.median(per):.2f} ms a frame (median; {max(per):.2f} at most), '
          f'{np.median(shares):.1%} of the 2D stage (median; {max(shares):.1%} at most)')


def _timed(f) -> float:
    t0 = time.perf_counter(); f()
    return time.perf_counter() - t0


if __name__ == '__main__':
    main()
