"""Repetition segmentation speed: a 60-second squat set at 50 fps (3,000 frames, 3D), segmented with
`perfectrep.reps.segment_reps`; also a 2D version and a 120 fps one. Prints the best of 5 timings.

    python benchmarks/bench_reps.py
"""
import time
import numpy as np
from perfectrep.synth import synth_set
from perfectrep.reps import segment_reps


def best_of(f, n=5):
    ts = []
    for _ in range(n):
        t0 = time.perf_counter(); out = f(); ts.append(time.perf_counter() - t0)
    return min(ts), out


def main():
    rows = []
    for fps in (50, 120):
        s = synth_set('squat', 17, fps=fps, seed=0, idle=(2, 2))             # about 61 s
        dur = len(s.joints) / fps
        t, seg = best_of(lambda: segment_reps(s.motion, exercise='squat'))
        rows.append((f'3D squat set, {dur:.0f} s at {fps} fps ({len(s.joints)} frames)', t, seg.n_reps, s.n_reps))
    s = synth_set('squat', 17, fps=50, seed=0, idle=(2, 2))
    kp = s.joints[..., [0, 2]] * [400, -400] + [960, 900]                   # a side view in pixels
    kp = np.concatenate([kp, np.ones(kp.shape[:2] + (1,))], -1)
    t, seg = best_of(lambda: segment_reps(kp, fps=50, exercise='squat'))
    rows.append((f'2D keypoints, {len(kp) / 50:.0f} s at 50 fps ({len(kp)} frames)', t, seg.n_reps, s.n_reps))
    for name, t, found, true in rows:
        print(f'{name}: {t:.3f} s (best of 5), {found} reps found of {true}')
    assert rows[0][1] < 1.0, f'the 60 s / 50 fps set took {rows[0][1]:.2f} s (target < 1 s)'


if __name__ == '__main__':
    main()
