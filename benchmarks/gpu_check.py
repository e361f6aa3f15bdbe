"""The CUDA paths of the lifter and the trainer, checked on a machine with a GPU.

    python benchmarks/gpu_check.py [--out /tmp/gpu_check]

CI has no GPU, so the code that only runs on one is checked here, on whatever CUDA device torch
finds. Each check prints one line, `ok` or `FAIL`, with its figures; the exit status is the number
of failures (2 when there is no CUDA device):
- a `base` DSTformer gives the same 3D on the GPU as on the CPU (float32, TF32 off), and close
  to it under float16 autocast, the trainer's mixed precision (bfloat16's error is printed beside it);
- the shipped lifter lifts the same 2D to the same 3D on both devices (through `lift_keypoints`);
- a short training run on the GPU with mixed precision: the loss falls, checkpoints are written,
  a resumed run continues from its `latest.pt`, and the checkpoint loads and scores on the CPU;
- `bench_train`'s throughput per preset on the GPU (clips per second, T=81, batch 32).
"""
import argparse, sys, time, tempfile
from pathlib import Path

FAILS = []

def report(name:str, ok:bool, detail:str):
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)
    if not ok: FAILS.append(name)

def rel_err(a, b) -> float: return float((a - b).norm() / b.norm())

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default=None, help='folder for the training runs (default: a temporary folder)')
    a = ap.parse_args(argv)
    import numpy as np, torch
    if not torch.cuda.is_available():
        print('error: no CUDA device: this script checks the GPU paths', file=sys.stderr); sys.exit(2)
    from perfectrep.model import DSTformer, DSTformerConfig, load_lifter
    from perfectrep.infer import lift_keypoints
    from perfectrep.run import load_config
    from perfectrep.tasks import load_weights, SyntheticClips
    from perfectrep.train import train, evaluate
    dev = torch.device('cuda')
    print(f'torch {torch.__version__}, {torch.cuda.get_device_name(0)}, bf16 {torch.cuda.is_bf16_supported()}', flush=True)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False

    # 1. the same model, the same input: CPU float32 against GPU float32 and GPU bfloat16 autocast
    torch.manual_seed(0)
    m = DSTformer(DSTformerConfig.preset('base')).eval()
    x = torch.randn(2, 243, 17, 3)
    x[..., 2] = torch.rand(2, 243, 17)
    with torch.no_grad():
        ref = m(x)
        mg = m.to(dev)
        g32 = mg(x.to(dev)).cpu()
        with torch.autocast('cuda', dtype=torch.float16): g16 = mg(x.to(dev)).float().cpu()
        with torch.autocast('cuda', dtype=torch.bfloat16): gb16 = mg(x.to(dev)).float().cpu()
    e32, e16, eb16 = rel_err(g32, ref), rel_err(g16, ref), rel_err(gb16, ref)
    report('base forward, GPU float32 vs CPU', e32 < 1e-5, f'relative error {e32:.1e} (limit 1e-5)')
    report('base forward, GPU float16 autocast (the trainer\'s default) vs CPU float32', e16 < 3e-3,
           f'relative error {e16:.1e} (limit 3e-3; bfloat16 autocast: {eb16:.1e})')
    del mg; torch.cuda.empty_cache()

    # 2. the shipped lifter through the inference path, on both devices
    clip = SyntheticClips(1, 200)[0]
    W, H = 1920, 1080
    kp = np.concatenate([clip['x'][..., :2].numpy() * 300 + [W / 2, H / 2], clip['x'][..., 2:].numpy()], -1)
    p_cpu = lift_keypoints(kp, W, H, model=load_lifter(None, device=torch.device('cpu')))
    p_gpu = lift_keypoints(kp, W, H, model=load_lifter(None, device=dev))
    d = float(np.abs(p_cpu - p_gpu).max() * 1000)
    report('shipped lifter, lift_keypoints GPU vs CPU', d < 0.1, f'largest difference {d:.4f} mm over {len(kp)} frames (limit 0.1 mm)')

    # 3. a short mixed-precision training run on the GPU, resumed, then scored on the CPU
    root = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix='gpu_check_'))
    base = dict(data='synthetic', model='tiny', clip_len=27, batch_size=16, lr=2e-3, lr_decay=0.95, device='cuda',
                amp=True, progress=False, val_every=1, out=str(root / 'run'), seed=0)
    t0 = time.time()
    r1 = train(load_config(None, dict(base, epochs=5)))
    r2 = train(load_config(None, dict(base, epochs=12)))
    losses = [h['train_loss'] for h in r1['history'] + r2['history']]
    report('GPU training with float16 autocast and loss scaling, loss falls', losses[-1] < 0.75 * losses[0],
           f'train loss {losses[0]:.4f} -> {losses[-1]:.4f} over {len(losses)} epochs ({time.time() - t0:.1f} s)')
    report('GPU run resumed from latest.pt', r2['epochs'] == 12 and [h['epoch'] for h in r2['history']] == list(range(6, 13)),
           f"first run stopped at epoch {r1['epochs']}, resumed run trained epochs {[h['epoch'] for h in r2['history']]}")
    cpu_model = load_weights(root / 'run' / 'best.pt')
    s = evaluate(load_config(None, dict(base, device='cpu', amp=False)), model=cpu_model)
    report('GPU checkpoint (best.pt) scored on the CPU', abs(s['mpjpe'] - r2['best_mpjpe']) < 0.05,
           f"val MPJPE {s['mpjpe']:.3f} mm on the CPU vs {r2['best_mpjpe']:.3f} mm on the GPU, both float32 (limit 0.05 mm)")

    # 4. training throughput per preset
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_train import bench
    for preset in ('tiny', 'lite', 'base'):
        r = bench(preset, clip_len=81, batch=32, steps=20, warmup=5, device='cuda')
        print(f"     throughput {preset:<5} {r['params']:>10,} params  T=81 batch 32: {r['clips_per_s']:8.1f} clips/s "
              f"({r['s_per_step'] * 1000:.1f} ms per step)", flush=True)
    print(f'{len(FAILS)} failed' + (f": {', '.join(FAILS)}" if FAILS else ''))
    sys.exit(len(FAILS))

if __name__ == '__main__': main()
