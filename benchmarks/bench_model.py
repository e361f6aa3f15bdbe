"""Speed of `perfectrep.model.DSTformer` beside a straightforward reference implementation.

The reference (below) is written the way MotionBERT's DSTformer is: tokens flattened to
(B*T, J, D), heads split with reshape/permute, attention as an explicit softmax(q k^T * scale) v,
streams fused through torch.cat. It loads the same state dict, so outputs must agree to 1e-4.

    python benchmarks/bench_model.py                 # everything (a few minutes on 2 cores)
    python benchmarks/bench_model.py --quick         # fewer repetitions
    python benchmarks/bench_model.py --only forward  # or: train

Figures: frames/s of lite and base forward passes at T=243, B=1 (eager float32, then the fastest
CPU paths: torch.compile and ONNX Runtime), training steps/s of tiny and lite at T=81, B=8.
Beside them, the floor: the same model's linear layers alone (the same matrix products on inputs of
the same shapes), which bounds the speed-up any float32 implementation of the architecture can reach.
"""
from __future__ import annotations
import argparse, os, statistics, sys, tempfile, time, warnings
from pathlib import Path
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from perfectrep.model import DSTformer, DSTformerConfig
from perfectrep.losses import lifting_loss


# ---------------------------------------------------------------- the reference implementation
class RefAttention(nn.Module):
    "MotionBERT-style attention over (B*T, J, D) tokens with an explicit softmax."
    def __init__(self, dim, heads, temporal):
        super().__init__()
        self.heads, self.temporal, self.scale = heads, temporal, (dim // heads) ** -0.5
        self.proj, self.qkv = nn.Linear(dim, dim), nn.Linear(dim, 3 * dim)

    def forward(self, x, T):
        BT, J, C = x.shape
        H = self.heads
        qkv = self.qkv(x).reshape(BT, J, 3, H, C // H).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]                                  # (BT, H, J, c)
        if self.temporal:
            q, k, v = (t.reshape(-1, T, H, J, C // H).permute(0, 2, 3, 1, 4) for t in (q, k, v))  # (B, H, J, T, c)
            a = ((q @ k.transpose(-2, -1)) * self.scale).softmax(-1)
            o = (a @ v).permute(0, 3, 2, 1, 4).reshape(BT, J, C)
        else:
            a = ((q @ k.transpose(-2, -1)) * self.scale).softmax(-1)
            o = (a @ v).transpose(1, 2).reshape(BT, J, C)
        return self.proj(o)

class RefMlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1, self.act, self.fc2 = nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim)
    def forward(self, x): return self.fc2(self.act(self.fc1(x)))

class RefBlock(nn.Module):
    def __init__(self, cfg, order):
        super().__init__()
        D, eps, self.order = cfg.dim_feat, cfg.layernorm_eps, order
        self.norm1_s, self.norm1_t = nn.LayerNorm(D, eps=eps), nn.LayerNorm(D, eps=eps)
        self.attn_s, self.attn_t = RefAttention(D, cfg.num_heads, False), RefAttention(D, cfg.num_heads, True)
        self.norm2_s, self.norm2_t = nn.LayerNorm(D, eps=eps), nn.LayerNorm(D, eps=eps)
        self.mlp_s, self.mlp_t = RefMlp(D, cfg.mlp_hidden), RefMlp(D, cfg.mlp_hidden)

    def forward(self, x, T):
        for s in self.order:
            x = x + getattr(self, f'attn_{s}')(getattr(self, f'norm1_{s}')(x), T)
            x = x + getattr(self, f'mlp_{s}')(getattr(self, f'norm2_{s}')(x))
        return x

class RefDSTformer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg, D = cfg, cfg.dim_feat
        self.temp_embed = nn.Parameter(torch.zeros(1, cfg.maxlen, 1, D))
        self.pos_embed = nn.Parameter(torch.zeros(1, cfg.num_joints, D))
        self.joints_embed = nn.Linear(cfg.dim_in, D)
        self.blocks_st = nn.ModuleList([RefBlock(cfg, 'st') for _ in range(cfg.depth)])
        self.blocks_ts = nn.ModuleList([RefBlock(cfg, 'ts') for _ in range(cfg.depth)])
        self.norm = nn.LayerNorm(D, eps=cfg.layernorm_eps)
        self.pre_logits = nn.Sequential()
        self.pre_logits.add_module('fc', nn.Linear(D, cfg.dim_rep)); self.pre_logits.add_module('act', nn.Tanh())
        self.head = nn.Linear(cfg.dim_rep, cfg.dim_out)
        self.ts_attn = nn.ModuleList([nn.Linear(2 * D, 2) for _ in range(cfg.depth)])

    def forward(self, x):
        B, T, J, C = x.shape
        x = self.joints_embed(x.reshape(-1, J, C)) + self.pos_embed
        x = (x.reshape(B, T, J, -1) + self.temp_embed[:, :T]).reshape(B * T, J, -1)
        for st, ts, fuse in zip(self.blocks_st, self.blocks_ts, self.ts_attn):
            a, b = st(x, T), ts(x, T)
            w = fuse(torch.cat([a, b], -1)).softmax(-1)
            x = a * w[:, :, 0:1] + b * w[:, :, 1:2]
        return self.head(self.pre_logits(self.norm(x)).reshape(B, T, J, -1))


# ---------------------------------------------------------------- timing helpers
def timeit(fns:dict, reps:int, warmup:int=1) -> dict:
    "Interleaved timing of several callables; name -> list of (wall seconds, process CPU seconds) per call."
    for f in fns.values():
        for _ in range(warmup): f()
    out = {k: [] for k in fns}
    for _ in range(reps):
        for k, f in fns.items():
            c, t = time.process_time(), time.perf_counter(); f()
            out[k].append((time.perf_counter() - t, time.process_time() - c))
    return out

def report(title, times:dict, per:float, ref='reference'):
    "Print rates (best and median wall clock) and ratios to the reference, also by CPU time (robust to a busy machine)."
    print(f'\n{title}')
    stat = lambda k: (min(w for w, c in times[k]), statistics.median(w for w, c in times[k]), min(c for w, c in times[k]))
    rb, rm, rc = stat(ref)
    for k in times:
        b, m, c = stat(k)
        print(f'  {k:22s} {per / b:7.3g}/s best {per / m:7.3g}/s median | x{rb / b:4.2f} best  x{rm / m:4.2f} median  x{rc / c:4.2f} CPU-time')

# ---------------------------------------------------------------- forward benchmark
def bench_forward(name:str, reps:int, T:int=243, compiled:bool=True, onnx:bool=True):
    torch.manual_seed(0)
    cfg = DSTformerConfig.preset(name)
    ours = DSTformer(cfg).eval()
    with torch.no_grad():
        for f in ours.ts_attn: f.weight.normal_(0, 0.02)        # a non-trivial fusion
    ref = RefDSTformer(cfg).eval(); ref.load_state_dict(ours.state_dict())
    x = torch.randn(1, T, 17, 3)
    fns = {}
    with torch.inference_mode():
        y_ref = ref(x)
        diffs = {'eager': (ours(x) - y_ref).abs().max().item()}
    def run(m):
        def f():
            with torch.inference_mode(): m(x)
        return f
    fns['reference'] = run(ref)
    fns['ours eager'] = run(ours)
    if compiled:
        try:
            comp = compile_lifter(ours)
            with torch.inference_mode(): diffs['compile'] = (comp(x) - y_ref).abs().max().item()
            fns['ours torch.compile'] = run(comp)
        except Exception as e: print(f'  torch.compile unavailable: {type(e).__name__}: {e}'.splitlines()[0])
    if onnx:
        try:
            from perfectrep.onnx import export_onnx, OnnxLifter
            d = tempfile.mkdtemp()
            export_onnx(ours, Path(d) / f'{name}.onnx', T=T)
            ort = OnnxLifter(Path(d) / f'{name}.onnx', threads=torch.get_num_threads())
            diffs['onnxruntime'] = float(abs(ort(x.numpy()) - y_ref.numpy()).max())
            fns['ours onnxruntime'] = lambda: ort(x.numpy())
        except Exception as e: print(f'  ONNX Runtime unavailable: {type(e).__name__}: {e}'.splitlines()[0])
    fns['linear layers alone'] = linear_floor(ours, x)
    times = timeit(fns, reps)
    report(f'{name} forward, T={T}, B=1 (frames/s)', times, T)
    print('  max |ours - reference|: ' + ', '.join(f'{k} {v:.1e}' for k, v in diffs.items()))
    best = lambda k: min(w for w, c in times[k])
    gflop = 2 * sum(m.in_features * m.out_features for m in ours.modules() if type(m) is nn.Linear) * 17 * T / 1e9
    print(f'  floor: the model\'s {gflop:.1f} GFLOP of linear layers alone take {best("linear layers alone") * 1e3:.0f} ms '
          f'({gflop / best("linear layers alone"):.0f} GFLOP/s); the reference takes {best("reference") * 1e3:.0f} ms, '
          f'so no float32 path with the same matrix products can beat it by more than x{best("reference") / best("linear layers alone"):.2f}')
    assert max(diffs.values()) <= 1e-4, diffs
    return times, diffs

def linear_floor(model, x):
    "A function running only `model`'s linear layers, each on a random input of the shape it sees in `model(x)`."
    shapes, hooks = [], []
    for m in model.modules():
        if type(m) is nn.Linear: hooks.append(m.register_forward_hook(lambda m, i, o: shapes.append((m, i[0].shape))))
    with torch.inference_mode(): model(x)
    for h in hooks: h.remove()
    calls = [(m.weight, m.bias, torch.randn(shape)) for m, shape in shapes]
    def f():
        with torch.inference_mode():
            for w, b, inp in calls: F.linear(inp, w, b)
    return f

def compile_lifter(model):
    "torch.compile with weight freezing (oneDNN-packed weights) for CPU inference."
    import torch._inductor.config as icfg
    icfg.freezing = True
    return torch.compile(model, dynamic=False)


# ---------------------------------------------------------------- training benchmark
def bench_train(name:str, reps:int, T:int=81, B:int=8):
    torch.manual_seed(0)
    cfg = DSTformerConfig.preset(name)
    ours = DSTformer(cfg).train()
    ref = RefDSTformer(cfg).train(); ref.load_state_dict(ours.state_dict())
    x, y = torch.randn(B, T, 17, 3), torch.randn(B, T, 17, 3) * 0.3
    with torch.no_grad(): diff = (ours(x) - ref(x)).abs().max().item()
    def stepper(m):
        opt = torch.optim.AdamW(m.parameters(), lr=1e-5, weight_decay=0.01)
        def step():
            loss, _ = lifting_loss(m(x), y)
            opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
        return step
    fns = {'reference': stepper(ref), 'ours eager': stepper(ours)}
    times = timeit(fns, reps)
    report(f'{name} training step, T={T}, B={B} (steps/s)', times, 1)
    print(f'  max |ours - reference| (forward): {diff:.1e}')
    assert diff <= 1e-4
    return times


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--quick', action='store_true', help='fewer repetitions')
    p.add_argument('--only', choices=['forward', 'train'], default=None)
    p.add_argument('--models', default='lite,base', help='presets for the forward benchmark')
    p.add_argument('--train-models', default='tiny,lite', help='presets for the training benchmark')
    p.add_argument('--no-compile', action='store_true')
    p.add_argument('--no-onnx', action='store_true')
    p.add_argument('--reps', type=int, default=None, help='forward repetitions (default 7, --quick 3)')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    warnings.filterwarnings('ignore')
    print(f'torch {torch.__version__}, {a.threads} threads, {os.cpu_count()} CPUs')
    if a.only in (None, 'forward'):
        for n in a.models.split(','):
            bench_forward(n, reps=a.reps or (3 if a.quick else 7), compiled=not a.no_compile, onnx=not a.no_onnx)
    if a.only in (None, 'train'):
        for n in a.train_models.split(','):
            bench_train(n, reps=(3 if a.quick else 8) if n == 'lite' else (5 if a.quick else 20))
