# %%
#| default_exp geometry

# %% [markdown]
# # Geometry
#
# > Cameras with the Fit3D toolkit's distortion, projection to pixels, invertible 2D normalisation, root-relative 3D, similarity Procrustes alignment, joint angles and rotations.

# %%
#| export
from __future__ import annotations
from dataclasses import dataclass, field, asdict
import numpy as np
import torch

# %%
#| hide
from fastcore.test import test_eq, test_ne, test_fail, test_close

# %% [markdown]
# ## Rotations
#
# Small helpers used by cameras and synthesis: Rodrigues' formula for an axis and an angle, and a
# look-at rotation whose rows are the camera's x (right), y (down) and z (forward) axes in world
# coordinates, so that `X_cam = (X_world - centre) @ R.T`.

# %%
#| export
def axis_angle_to_matrix(axis, # (..., 3) rotation axis (need not be unit length)
                         angle # (...) angle in radians
                        ) -> np.ndarray: # (..., 3, 3)
    "Rotation matrices from axes and angles (Rodrigues' formula)."
    axis = np.asarray(axis, dtype=np.float64)
    angle = np.asarray(angle, dtype=np.float64)
    a = axis / np.linalg.norm(axis, axis=-1, keepdims=True)
    x, y, z = a[..., 0], a[..., 1], a[..., 2]
    zero = np.zeros_like(x)
    K = np.stack([np.stack([zero, -z, y], -1), np.stack([z, zero, -x], -1), np.stack([-y, x, zero], -1)], -2)
    s, c = np.sin(angle)[..., None, None], np.cos(angle)[..., None, None]
    return np.eye(3) + s * K + (1 - c) * (K @ K)

def look_at(eye, # (3,) camera centre, world units
            target, # (3,) point the optical axis passes through
            up=(0, 0, 1) # (3,) world up direction
           ) -> np.ndarray: # (3, 3) world-to-camera rotation (rows: camera x right, y down, z forward)
    "World-to-camera rotation of a camera at `eye` looking at `target`, image y pointing down the world's `up`."
    eye, target, up = (np.asarray(v, dtype=np.float64) for v in (eye, target, up))
    z = target - eye; z /= np.linalg.norm(z)
    x = np.cross(z, up)
    if np.linalg.norm(x) < 1e-9: raise ValueError('look_at: the viewing direction is parallel to `up`')
    x /= np.linalg.norm(x)
    y = np.cross(z, x)
    return np.stack([x, y, z])

# %%
R = axis_angle_to_matrix([0, 0, 1], np.pi / 2)
test_close(R @ [1, 0, 0], [0, 1, 0])
test_close(R @ R.T, np.eye(3))
Rc = look_at([0, -3, 1], [0, 0, 1], up=[0, 0, 1])    # in front of a person who faces -y, at chest height
test_close(Rc @ [0, 1, 0], [0, 0, 1])     # world +y (away from the camera) is camera z
test_close(Rc @ [0, 0, 1], [0, -1, 0])    # world up is image up (-y)
test_close(np.linalg.det(Rc), 1)

# %% [markdown]
# ## Cameras
#
# A `Camera` holds pinhole intrinsics (focal lengths `f` and principal point `c` in pixels), the
# Fit3D toolkit's distortion (radial `k1..k3`, tangential `p`), and extrinsics in Fit3D's
# convention: `R` rotates world to camera axes and `T` is the camera centre, so
# `X_cam = (X_world - T) @ R.T`. Camera space has x right, y down and z away from the camera, in
# metres.
#
# Distortion follows the official Fit3D toolkit: with `x = X/Z`, `y = Y/Z`, `r2 = x² + y²`,
# `radial = 1 + k1 r2 + k2 r2² + k3 r2³`, and the tangential pair *swapped* relative to the
# Human3.6M convention, `(q1, q2) = (p2, p1)`:
# `x' = x (radial + q1 x + q2 y) + q1 r2`, `y' = y (radial + q1 x + q2 y) + q2 r2`, then
# `u = f x' + c`.

# %%
#| export
def _vec(v, n): 
    a = np.asarray(v, dtype=np.float64).reshape(-1)
    if a.size != n: raise ValueError(f'expected {n} numbers, got {a.size}')
    return a

@dataclass
class Camera:
    "A calibrated camera: pinhole intrinsics, Fit3D-toolkit distortion, and extrinsics (X_cam = (X_world - T) @ R.T)."
    f: np.ndarray  # (2,) focal lengths, pixels
    c: np.ndarray  # (2,) principal point, pixels
    R: np.ndarray = field(default_factory=lambda: np.eye(3))  # (3, 3) world-to-camera rotation
    T: np.ndarray = field(default_factory=lambda: np.zeros(3))  # (3,) camera centre in world coordinates, metres
    k: np.ndarray = field(default_factory=lambda: np.zeros(3))  # (3,) radial distortion k1, k2, k3
    p: np.ndarray = field(default_factory=lambda: np.zeros(2))  # (2,) tangential distortion p1, p2 (toolkit naming)
    width: int = 0   # image width, pixels (0: unknown)
    height: int = 0  # image height, pixels
    name: str = ''

    def __post_init__(self):
        self.f, self.c, self.T = _vec(self.f, 2), _vec(self.c, 2), _vec(self.T, 3)
        self.k, self.p = _vec(self.k, 3), _vec(self.p, 2)
        self.R = np.asarray(self.R, dtype=np.float64).reshape(3, 3)

    @property
    def distorted(self) -> bool: return bool(np.any(self.k != 0) or np.any(self.p != 0))
    @property
    def K(self) -> np.ndarray:
        "(3, 3) intrinsic matrix."
        return np.array([[self.f[0], 0, self.c[0]], [0, self.f[1], self.c[1]], [0, 0, 1.]])

    def world_to_camera(self, X # (..., 3) world points, metres
                       ) -> np.ndarray: # (..., 3) camera-space points, metres
        return (np.asarray(X, dtype=np.float64) - self.T) @ self.R.T
    def camera_to_world(self, X # (..., 3) camera-space points, metres
                       ) -> np.ndarray:
        return np.asarray(X, dtype=np.float64) @ self.R + self.T

    def distort(self, xy # (..., 2) normalised image coordinates X/Z, Y/Z
               ) -> np.ndarray:
        "Apply the Fit3D toolkit's radial and (swapped) tangential distortion."
        r2 = (xy ** 2).sum(-1, keepdims=True)
        radial = 1 + self.k[0] * r2 + self.k[1] * r2 ** 2 + self.k[2] * r2 ** 3
        q = self.p[[1, 0]]
        tan = (xy * q).sum(-1, keepdims=True)
        return xy * (radial + tan) + r2 * q

    def project(self, X # (..., 3) camera-space points, metres (z > 0)
                , distort:bool=True # apply the lens distortion
               ) -> np.ndarray: # (..., 2) pixels
        "Project camera-space points to pixels."
        X = np.asarray(X, dtype=np.float64)
        xy = X[..., :2] / X[..., 2:3]
        if distort and self.distorted: xy = self.distort(xy)
        return xy * self.f + self.c

    def project_world(self, X, distort:bool=True) -> np.ndarray:
        "Project world points to pixels."
        return self.project(self.world_to_camera(X), distort)

    @classmethod
    def from_fit3d(cls, params:dict, # a Fit3D `camera_parameters/<cam>/<action>.json` dict
                   name:str='', width:int=900, height:int=900):
        "Read a Fit3D camera, taking every parameter by name."
        try:
            ext, intr = params['extrinsics'], params['intrinsics_w_distortion']
            return cls(f=intr['f'], c=intr['c'], k=intr['k'], p=intr['p'], R=ext['R'], T=ext['T'],
                       width=width, height=height, name=name)
        except KeyError as e: raise ValueError(f'Fit3D camera parameters lack the key {e}') from None

    def to_dict(self) -> dict:
        return {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in asdict(self).items()}

# %% [markdown]
# A point on the optical axis projects to the principal point, distortion or not; a world point
# goes to camera space and back exactly.

# %%
cam = Camera(f=[1145., 1144.], c=[512., 515.], k=[-0.2, 0.24, -0.002], p=[-0.0002, -0.0001],
             R=look_at([0, -4, 1.2], [0, 0, 1.0]), T=[0, -4, 1.2], width=1000, height=1000)
test_close(cam.project([0, 0, 3.7]), cam.c)
test_close(cam.project([0, 0, 3.7], distort=False), cam.c)
Xw = np.random.default_rng(0).normal(size=(10, 3)) * 0.4 + [0, 0, 1]
test_close(cam.camera_to_world(cam.world_to_camera(Xw)), Xw)
test_close(cam.project_world([0, 0, 1.0]), cam.c)    # the look-at target
# a point off-axis: an undistorted camera gives plain pinhole pixels
pin = Camera(f=[1000, 1000], c=[500, 400])
test_close(pin.project([0.1, -0.2, 2.0]), [550, 300])
# distortion moves an off-axis point, and the tangential terms use the swapped pair
xy = np.array([0.1, -0.2]); r2 = 0.05
q1, q2 = cam.p[1], cam.p[0]
radial = 1 + cam.k[0]*r2 + cam.k[1]*r2**2 + cam.k[2]*r2**3
test_close(cam.distort(xy), [0.1*(radial + q1*0.1 + q2*-0.2) + q1*r2, -0.2*(radial + q1*0.1 + q2*-0.2) + q2*r2])
c2 = Camera.from_fit3d({'extrinsics': {'R': cam.R.tolist(), 'T': [cam.T.tolist()]},
                        'intrinsics_w_distortion': {'p': [cam.p.tolist()], 'k': [cam.k.tolist()], 'c': [cam.c.tolist()], 'f': [cam.f.tolist()]}})
test_close(c2.project(Xw @ np.eye(3) + [0, 0, 4]), cam.project(Xw + [0, 0, 4]))
cam.project(np.array([[0.2, 0.1, 3.0], [0, 0, 3.0]]))

# %% [markdown]
# ## 2D normalisation
#
# The lifter sees 2D keypoints scaled into [-1, 1] per clip: the clip's bounding box (over all
# frames and confident joints) is centred and its longer side mapped to [-1, 1], keeping the
# aspect ratio. The scale and offset are stored so the mapping inverts exactly, and the same scale
# turns predicted root-relative depths back into pixels.

# %%
#| export
@dataclass
class Normalisation2D:
    "An invertible affine map between pixels and normalised [-1, 1] coordinates: x_norm = (x_px - offset) / scale."
    scale: float         # pixels per normalised unit
    offset: np.ndarray   # (2,) pixel position of the normalised origin

    @classmethod
    def fit(cls, kpts, # (T, J, 2|3) pixel keypoints of one clip (a third channel is confidence)
            min_conf:float=0.0 # joints at or below this confidence are ignored when fitting
           ) -> 'Normalisation2D':
        "Fit the map to one clip: bounding-box centre to 0, half its longer side to 1."
        k = np.asarray(kpts, dtype=np.float64)
        xy = k[..., :2].reshape(-1, 2)
        ok = np.isfinite(xy).all(-1)
        if k.shape[-1] > 2: ok &= k[..., 2].reshape(-1) > min_conf
        if not ok.any(): raise ValueError('cannot normalise a clip with no confident keypoint')
        lo, hi = xy[ok].min(0), xy[ok].max(0)
        return cls(scale=float(max((hi - lo).max() / 2, 1e-6)), offset=(lo + hi) / 2)

    def normalise(self, kpts # (..., 2|3) pixels; extra channels pass through
                 ) -> np.ndarray:
        out = np.array(kpts, dtype=np.float64)
        out[..., :2] = (out[..., :2] - self.offset) / self.scale
        return out
    def denormalise(self, kpts # (..., 2|3) normalised; extra channels pass through
                   ) -> np.ndarray:
        out = np.array(kpts, dtype=np.float64)
        out[..., :2] = out[..., :2] * self.scale + self.offset
        return out
    def to_dict(self) -> dict: return {'scale': self.scale, 'offset': np.asarray(self.offset).tolist()}

def normalise_clip(kpts # (T, J, 2|3) pixel keypoints
                  ) -> tuple[np.ndarray, Normalisation2D]:
    "Normalise one clip to [-1, 1]; return the normalised keypoints and the map that inverts it."
    n = Normalisation2D.fit(kpts)
    return n.normalise(kpts), n

# %%
k = np.random.default_rng(0).uniform([300, 100, 0], [700, 900, 1], size=(81, 17, 3))
kn, norm = normalise_clip(k)
test_close(norm.denormalise(kn), k)                      # normalise then denormalise returns the input
assert kn[..., :2].min() >= -1 - 1e-9 and kn[..., :2].max() <= 1 + 1e-9
test_close(np.abs(kn[..., 1]).max(), 1)                   # the longer side spans [-1, 1]
test_close(kn[..., 2], k[..., 2])                         # confidence is untouched
test_fail(lambda: Normalisation2D.fit(np.zeros((4, 17, 3))), contains='no confident keypoint')
norm.to_dict()

# %% [markdown]
# ## Root-relative 3D

# %%
#| export
def root_relative(x, # (..., J, 3) 3D joints, metres (numpy or torch)
                  root:int=0 # root joint index (the pelvis)
                 ):
    "Subtract the root joint from every joint."
    return x - x[..., root:root + 1, :]

# %%
p = np.random.default_rng(2).normal(size=(3, 17, 3))
test_close(root_relative(p)[:, 0], 0)
test_close(root_relative(p)[:, 5] - root_relative(p)[:, 3], p[:, 5] - p[:, 3])

# %% [markdown]
# ## Similarity Procrustes alignment
#
# Protocol 2 of Human3.6M aligns a prediction to the ground truth with the best rotation, uniform
# scale and translation (Umeyama's least-squares solution). A plain SVD can return a reflection;
# the sign fix on the last singular vector keeps the result a proper rotation.

# %%
#| export
def procrustes_align(pred, # (..., J, 3) predicted joints
                     gt # (..., J, 3) ground-truth joints
                    ):
    "Align `pred` to `gt` by similarity transform; returns (aligned, scale (...), R (..., 3, 3), t (..., 3))."
    pred, gt = np.asarray(pred, dtype=np.float64), np.asarray(gt, dtype=np.float64)
    mu_p, mu_g = pred.mean(-2, keepdims=True), gt.mean(-2, keepdims=True)
    P, G = pred - mu_p, gt - mu_g
    H = np.swapaxes(P, -1, -2) @ G                              # (..., 3, 3)
    U, S, Vt = np.linalg.svd(H)
    d = np.sign(np.linalg.det(np.swapaxes(Vt, -1, -2) @ np.swapaxes(U, -1, -2)))
    D = np.ones_like(S); D[..., -1] = d                          # reflection fix
    R = np.swapaxes(Vt, -1, -2) @ (D[..., :, None] * np.swapaxes(U, -1, -2))   # rotates pred onto gt
    scale = (S * D).sum(-1) / np.maximum((P ** 2).sum((-1, -2)), 1e-12)
    t = mu_g[..., 0, :] - scale[..., None] * (mu_p @ np.swapaxes(R, -1, -2))[..., 0, :]
    aligned = scale[..., None, None] * (pred @ np.swapaxes(R, -1, -2)) + t[..., None, :]
    return aligned, scale, R, t

# %%
rng = np.random.default_rng(0)
gt = rng.normal(size=(4, 17, 3))
R_true = axis_angle_to_matrix(rng.normal(size=(4, 3)), rng.uniform(0, np.pi, 4))
s_true, t_true = rng.uniform(0.5, 2, 4), rng.normal(size=(4, 3))
pred = (gt @ np.swapaxes(R_true, -1, -2)) * s_true[:, None, None] + t_true[:, None]
aligned, s, R_est, t = procrustes_align(pred, gt)
test_close(aligned, gt)                                        # recovers the pose exactly
test_close(s, 1 / s_true)                                      # the inverse scale ...
test_close(R_est, np.swapaxes(R_true, -1, -2))                 # ... and the inverse rotation
mirror = gt * [-1, 1, 1]                                       # a reflection is not a rotation:
_, _, Rm, _ = procrustes_align(mirror, gt)
test_close(np.linalg.det(Rm), np.ones(4))                      # the fix keeps det(R) = +1

# %% [markdown]
# ## Joint angles
#
# The angle at joint `b` between the segments to `a` and `c`, in degrees: 180 for a straight limb.

# %%
#| export
def joint_angle(a, # (..., 3) or (..., 2) first point (e.g. shoulder)
                b, # (..., 3) or (..., 2) the vertex (e.g. elbow)
                c # (..., 3) or (..., 2) third point (e.g. wrist)
               ) -> np.ndarray: # (...) degrees
    "Angle at `b` between `b->a` and `b->c`, in degrees."
    u = np.asarray(a, dtype=np.float64) - b
    v = np.asarray(c, dtype=np.float64) - b
    cos = (u * v).sum(-1) / np.maximum(np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1), 1e-12)
    return np.degrees(np.arccos(np.clip(cos, -1, 1)))

def angle_between(u, v) -> np.ndarray:
    "Angle between vectors `u` and `v` (..., 3), degrees."
    return joint_angle(np.asarray(u), np.zeros(np.shape(u)), np.asarray(v))

# %%
shoulder, elbow, wrist = np.array([0, 0, 0.]), np.array([0.3, 0, 0.]), np.array([0.3, 0.25, 0.])
test_close(joint_angle(shoulder, elbow, wrist), 90)            # a 90-degree elbow measures 90 degrees
test_close(joint_angle(shoulder, elbow, [0.6, 0, 0]), 180)     # a straight arm
test_close(joint_angle([1, 0], [0, 0], [1, 1]), 45)
test_close(angle_between([0, 1, 0], [0, 0, 1]), 90)
