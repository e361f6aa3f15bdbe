"""Training throughput (clips per second) of the lifter per DSTformer preset, on synthetic clips.

    python benchmarks/bench_train.py                      # tiny, lite, base at T=27, batch 16, 1 CPU thread
    python benchmarks/bench_train.py --presets tiny --clip-len 81 --batch 32 --device cuda

Each step is what `perfectrep.train.train` does per batch: 2D augmentation, forward, the lifting
loss, backward, gradient clipping and an AdamW step. The first `--warmup` steps are not timed,
nor is making the clips (on the CPU, before the timed loop).
"""
import argparse, time
import torch
from torch.utils.data import DataLoader
from perfectrep.core import seed_everything, get_device
from perfectrep.model import count_parameters
from perfectrep.run import TrainConfig
from perfectrep.tasks import LiftTask, SyntheticClips
from perfectrep.train import make_optimizer


def bench(preset:str, clip_len:int=27, batch:int=16, steps:int=5, warmup:int=2, device:str|None=None, model_args=None) -> dict:
    "Time `steps` optimiser steps of one preset; return clips/s and seconds per step."
    dev = get_device(device)
    cfg = TrainConfig(model=preset, model_args=model_args or {}, clip_len=clip_len, batch_size=batch, data='synthetic')
    seed_everything(0)
    task = LiftTask(cfg)
    model = task.build_model().to(dev).train()
    opt, aug = make_optimizer(model, cfg), task.make_augment()
    batches = list(DataLoader(SyntheticClips(batch * (steps + warmup), clip_len), batch_size=batch))   # made before timing
    t0 = None
    for i, b in enumerate(batches):
        if i == warmup:
            if dev.type == 'cuda': torch.cuda.synchronize()
            t0 = time.perf_counter()
        loss, _ = task.loss(model, b, dev, aug)
        opt.zero_grad(set_to_none=True); loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip); opt.step()
    if dev.type == 'cuda': torch.cuda.synchronize()
    dt = (time.perf_counter() - t0) / steps
    return dict(preset=preset, params=count_parameters(model.cfg), clip_len=clip_len, batch=batch, device=str(dev),
                s_per_step=dt, clips_per_s=batch / dt)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--presets', default='tiny,lite,base')
    ap.add_argument('--clip-len', type=int, default=27)
    ap.add_argument('--batch', type=int, default=16)
    ap.add_argument('--steps', type=int, default=5)
    ap.add_argument('--warmup', type=int, default=2)
    ap.add_argument('--device', default=None)
    ap.add_argument('--threads', type=int, default=1, help='torch CPU threads (0: torch default; 1 is fastest on a shared CPU)')
    a = ap.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    print(f"{'preset':>6} {'params':>11} {'T':>4} {'batch':>5} {'device':>6} {'s/step':>8} {'clips/s':>8}")
    for p in a.presets.split(','):
        r = bench(p, a.clip_len, a.batch, a.steps, a.warmup, a.device)
        print(f"{r['preset']:>6} {r['params']:>11,} {r['clip_len']:>4} {r['batch']:>5} {r['device']:>6} {r['s_per_step']:>8.3f} {r['clips_per_s']:>8.1f}", flush=True)
