"""The 2017 single-frame baseline, trained and scored exactly as the default lifter is: the scale of our validation.

    python benchmarks/baseline_mlp.py [--minutes 10] [--threads 1] [--shared ../shared/data]

Issue 5 gives, for scale, a single-frame MLP lifter (Martinez et al. 2017: a linear layer to 1024
units, two residual blocks of two 1024-unit layers with batch norm, ReLU and dropout 0.5, a linear
layer to 3D) "trained 10 minutes on the same data" at about 55 / 41 mm MPJPE / P-MPJPE with clean
2D, collapsing when a few joints are missing. This script trains that network for `--minutes` on
the default lifter's training data (HDM05 bd, bk, dg and CMU 13 seen by random virtual cameras,
fresh ones every epoch, 50 fps, clean 2D x and y only, as the 2017 model had) with Adam at 1e-3
decaying 0.96 per epoch, max-norm 1, and scores it with `perfectrep.train.evaluate` on HDM05
performer mm: the same clips, cameras, noise and flip test as the model card's figures, so the two
can be compared directly.
"""
import argparse, os, sys, time
from pathlib import Path

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--minutes', type=float, default=10.0, help='wall-clock training budget')
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--clips', type=int, default=8, help='27-frame clips per step (each with its own camera): 216 frames')
    ap.add_argument('--shared', default=str(Path(__file__).resolve().parents[1].parent / 'shared' / 'data'))
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args(argv)
    import numpy as np, torch, torch.nn as nn
    from torch.utils.data import DataLoader
    from perfectrep.core import seed_everything
    from perfectrep.run import load_config
    from perfectrep.tasks import build_dataset
    from perfectrep.train import evaluate
    os.environ.setdefault('PERFECTREP_DATA', a.shared)
    if not (Path(os.environ['PERFECTREP_DATA']) / 'hdm05').is_dir():
        print(f'error: no hdm05/ under {os.environ["PERFECTREP_DATA"]}', file=sys.stderr); sys.exit(2)
    torch.set_num_threads(a.threads)
    seed_everything(a.seed)
    cfg_path = Path(__file__).resolve().parents[1] / 'perfectrep' / 'configs' / 'default_cpu.yaml'
    cfg = load_config(cfg_path, dict(clip_len=27, stride=27, synth=0, bone_spread=0, speed=0, seed=a.seed, progress=False,
                                     checkpoint='', mode='pretrain'))
    train_ds = build_dataset(cfg, 'train')

    class Block(nn.Sequential):
        def __init__(self, w):
            super().__init__(*[m for _ in range(2) for m in (nn.Linear(w, w), nn.BatchNorm1d(w), nn.ReLU(), nn.Dropout(0.5))])
        def forward(self, x): return x + super().forward(x)

    class FrameMLP(nn.Module):
        "Each frame on its own: 17 x (x, y) in, 17 x 3 root-relative metres out."
        def __init__(self, w=1024):
            super().__init__()
            self.net = nn.Sequential(nn.Linear(34, w), nn.BatchNorm1d(w), nn.ReLU(), nn.Dropout(0.5), Block(w), Block(w), nn.Linear(w, 51))
        def forward(self, x):                       # (B, T, 17, 3) -> (B, T, 17, 3)
            B, T = x.shape[:2]
            y = self.net(x[..., :2].reshape(B * T, 34)).reshape(B, T, 17, 3)
            return y - y[..., :1, :]

    model = FrameMLP()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, 0.96)
    print(f'{sum(p.numel() for p in model.parameters()):,} parameters; {len(train_ds)} training clips of 27 frames per epoch', flush=True)
    t0, epoch, steps = time.time(), 0, 0
    while time.time() - t0 < a.minutes * 60:
        train_ds.set_epoch(epoch)
        model.train()
        losses = []
        for b in DataLoader(train_ds, batch_size=a.clips, shuffle=True, num_workers=1,
                            generator=torch.Generator().manual_seed(a.seed * 1000 + epoch)):
            pred = model(b['x'])
            loss = (pred - b['y']).norm(dim=-1).mean()           # MPJPE, metres
            opt.zero_grad(); loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step()
            losses.append(loss.item()); steps += 1
            if time.time() - t0 > a.minutes * 60: break
        sched.step(); epoch += 1
        print(f'epoch {epoch}: train MPJPE {np.mean(losses) * 1000:.1f} mm, {time.time() - t0:.0f} s', flush=True)
    model.eval()
    print(f'trained {epoch} epochs, {steps} steps, {(time.time() - t0) / 60:.1f} min', flush=True)
    card = cfg_path.with_name('default_cpu_lifts.yaml')                # the model card's `perfectrep-eval --config`
    vcfg = load_config(card, dict(progress=False, clip_len=27))
    for name, noisy in (('clean 2D', False), ('noisy 2D, 3% of joints dropped', True)):
        r = evaluate(vcfg, noisy=noisy, model=model)
        print(f"HDM05 mm, {name}: MPJPE {r['mpjpe']:.1f} / P-MPJPE {r['p_mpjpe']:.1f} mm with flip test, "
              f"{r['mpjpe_noflip']:.1f} / {r['p_mpjpe_noflip']:.1f} without", flush=True)

if __name__ == '__main__': main()
