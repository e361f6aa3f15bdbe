"""Throughput and peak memory of `perfectrep.fit3d.fit3d_to_store` on a Fit3D-format tree of >= 1,000,000 frames.

The tree (exact Fit3D layout: info json, joints3d_25 json, four cameras' parameters, rep_ann.json)
is generated first, then converted in a child process so its peak resident memory
(`resource.getrusage`) is the conversion's alone. Target: peak RSS under 1.5 GB (the converter
streams one sequence at a time).

    python benchmarks/bench_fit3d.py                      # 1,000,000 frames in a temporary folder
    python benchmarks/bench_fit3d.py --frames 100000      # quicker
    python benchmarks/bench_fit3d.py --out /data/bench    # keep the tree and the store there

Needs about 0.8 GB of disk per million frames for the tree and 1.6 GB for the store.
"""
from __future__ import annotations
import argparse, json, os, resource, shutil, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024          # Linux: kilobytes


def convert(raw, out) -> dict:
    "Child process: convert and report frames/s and peak RSS."
    from perfectrep.fit3d import fit3d_to_store
    t0 = time.perf_counter()
    st = fit3d_to_store(raw, out, overwrite=True)
    dt = time.perf_counter() - t0
    frames = sum(s['n_frames'] for s in st.sequences)
    return dict(sequences=len(st), frames=frames, seconds=round(dt, 1), frames_per_s=round(frames / dt),
                peak_rss_mb=round(_rss_mb()), store_gb=round(sum(f.stat().st_size for f in Path(out).rglob('*') if f.is_file()) / 1e9, 2))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--frames', type=int, default=1_000_000, help='total frames (default 1,000,000)')
    p.add_argument('--seq-frames', type=int, default=5000, help='frames per sequence (Fit3D averages ~4,850)')
    p.add_argument('--subjects', type=int, default=8, help='subjects (Fit3D has 8 public ones)')
    p.add_argument('--out', default=None, help='folder for the tree and the store (kept); default: a temporary folder')
    p.add_argument('--_convert', nargs=2, metavar=('RAW', 'OUT'), help=argparse.SUPPRESS)
    a = p.parse_args()
    if a._convert:
        print(json.dumps(convert(*a._convert))); return

    from perfectrep.fit3d import make_fit3d_tree
    base = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix='bench_fit3d_'))
    raw, store = base / 'raw', base / 'store'
    n_seq = -(-a.frames // a.seq_frames)
    per_subj = -(-n_seq // a.subjects)
    subjects = [f's{i:02d}' for i in range(1, a.subjects + 1)]
    actions = [('deadlift_' if i % 3 == 0 else 'squat_') + f'{i:02d}' for i in range(per_subj)]
    try:
        t0 = time.perf_counter()
        if raw.exists(): shutil.rmtree(raw)
        for k, s in enumerate(subjects):
            make_fit3d_tree(raw, subjects=[s], actions=actions, n_frames=a.seq_frames, seed=k)
        # one info file for all subjects (make_fit3d_tree wrote one per call)
        info = dict(all_camera_names=['50591643', '58860488', '60457274', '65906101'], train_subj_names=subjects,
                    subj_to_act={s: actions for s in subjects})
        (raw / 'fit3d_info.json').write_text(json.dumps(info))
        gen_s = time.perf_counter() - t0
        tree_gb = sum(f.stat().st_size for f in raw.rglob('*') if f.is_file()) / 1e9
        print(f'tree: {len(subjects)} subjects x {len(actions)} actions x {a.seq_frames} frames = '
              f'{len(subjects) * len(actions) * a.seq_frames:,} frames, {tree_gb:.2f} GB, generated in {gen_s:.0f} s', flush=True)
        r = subprocess.run([sys.executable, __file__, '--_convert', str(raw), str(store)], capture_output=True, text=True)
        if r.returncode: sys.exit(f'conversion failed:\n{r.stderr}')
        res = json.loads(r.stdout.strip().splitlines()[-1])
        print(f"convert: {res['frames']:,} frames ({res['sequences']} sequences x 4 cameras) in {res['seconds']} s = "
              f"{res['frames_per_s']:,} frames/s; peak RSS {res['peak_rss_mb']} MB (target < 1500); store {res['store_gb']} GB")
        print(json.dumps(res))
        if res['peak_rss_mb'] > 1500: sys.exit('peak RSS above the 1.5 GB target')
    finally:
        if not a.out: shutil.rmtree(base, ignore_errors=True)


if __name__ == '__main__':
    main()
