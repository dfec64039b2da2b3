"""Real test faces: a real photo (skimage's astronaut), moved, warped and turned in 3D, for any test suite:
frontal / turned / looking down / gaze-shifted / two faces, blank and noise frames, camera-like jitter.

Head turns are rendered in 3D: the face is lifted onto a mesh made from its own FaceLandmarker
landmarks (x, y, z), extended by rings over the hair so the whole head turns, rotated, and its
triangles are painted back far to near.  A flat perspective warp is not a head turn for a landmark
model (a 40 degree planar turn moved MediaPipe's yaw by under 4 degrees).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

# --- faces -------------------------------------------------------------------------------------------

# The astronaut's face centre in skimage.data.astronaut() (512x512) pixel coordinates.
_ASTRONAUT_FACE_X = 260


@lru_cache(maxsize=8)
def _frontal(width: int, height: int) -> np.ndarray:
    from skimage import data
    from skimage.transform import resize

    img = data.astronaut()
    # Crop a box of the output's aspect ratio around the head so the face is ~28% of the frame width,
    # like a webcam interview (the photo's own face is small: ~90 px of 512).
    crop_h = 240
    crop_w = min(512, round(crop_h * width / height))
    x0 = int(np.clip(_ASTRONAUT_FACE_X - crop_w // 2, 0, 512 - crop_w))
    crop = img[0:crop_h, x0 : x0 + crop_w]
    out = resize(crop, (height, width), order=3, anti_aliasing=True)
    out = (np.clip(out, 0.0, 1.0) * 255.0).round().astype(np.uint8)
    out.setflags(write=False)
    return out


def frontal_face_rgb(width: int = 640, height: int = 480) -> np.ndarray:
    """A real frontal face (NASA astronaut photo) looking at the camera, HxWx3 uint8."""
    return _frontal(width, height).copy()


def jittered(frame: np.ndarray, n: int, seed: int = 0, shift_px: int = 3, noise: float = 3.0) -> list[np.ndarray]:
    """``n`` camera-like variants of a frame: small shifts, sensor noise and exposure drift."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        dy, dx = rng.integers(-shift_px, shift_px + 1, size=2)
        moved = np.roll(frame, (int(dy), int(dx)), axis=(0, 1)).astype(np.float32)
        moved = moved * rng.uniform(0.93, 1.07) + rng.normal(0.0, noise, moved.shape)
        out.append(np.clip(moved, 0, 255).astype(np.uint8))
    return out


def blank_rgb(width: int = 640, height: int = 480, value: int = 128) -> np.ndarray:
    return np.full((height, width, 3), value, np.uint8)


def noise_rgb(width: int = 640, height: int = 480, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)


def two_faces_rgb(width: int = 640, height: int = 480) -> np.ndarray:
    """Two copies of the real face side by side (each half of the frame), e.g. a second person in view."""
    from skimage.transform import resize

    face = _frontal(height * 4 // 3, height)  # 4:3 frame, face centred
    half = width // 2
    fw = face.shape[1]
    strip = face[:, (fw - half) // 2 : (fw - half) // 2 + half]
    strip = (resize(strip, (height, half), order=1) * 255).round().astype(np.uint8)
    return np.concatenate([strip, strip[:, ::-1]], axis=1)


@lru_cache(maxsize=4)
def _landmarks(width: int, height: int) -> np.ndarray:
    """FaceLandmarker landmarks (478 x 3, pixels; z in the same scale as x) of the frontal face."""
    import mediapipe as mp
    from mediapipe.tasks.python import vision
    from mediapipe.tasks.python.core.base_options import BaseOptions

    from analytics.face_model import face_landmarker_path

    options = vision.FaceLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(face_landmarker_path())),
        running_mode=vision.RunningMode.IMAGE,
        num_faces=1,
    )
    landmarker = vision.FaceLandmarker.create_from_options(options)
    try:
        frame = np.ascontiguousarray(_frontal(width, height))
        result = landmarker.detect(mp.Image(image_format=mp.ImageFormat.SRGB, data=frame))
    finally:
        landmarker.close()
    if not result.face_landmarks:
        raise RuntimeError("FaceLandmarker found no face in the frontal test image")
    pts = np.array([[p.x * width, p.y * height, p.z * width] for p in result.face_landmarks[0]])
    pts.setflags(write=False)
    return pts


def _face_oval_indices() -> list[int]:
    from mediapipe.tasks.python.vision import FaceLandmarksConnections

    return sorted({c.start for c in FaceLandmarksConnections.FACE_LANDMARKS_FACE_OVAL})


def _paint_triangle(out: np.ndarray, src: np.ndarray, dst_tri: np.ndarray, src_tri: np.ndarray) -> None:
    """Fill triangle dst_tri of ``out`` with the texture of triangle src_tri of ``src`` (affine map)."""
    height, width = out.shape[:2]
    x0, y0 = np.floor(dst_tri.min(0)).astype(int)
    x1, y1 = np.ceil(dst_tri.max(0)).astype(int)
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, width - 1), min(y1, height - 1)
    if x1 < x0 or y1 < y0:
        return
    basis = np.array(
        [
            [dst_tri[0, 0] - dst_tri[2, 0], dst_tri[1, 0] - dst_tri[2, 0]],
            [dst_tri[0, 1] - dst_tri[2, 1], dst_tri[1, 1] - dst_tri[2, 1]],
        ]
    )
    if abs(np.linalg.det(basis)) < 1e-6:
        return
    ys, xs = np.mgrid[y0 : y1 + 1, x0 : x1 + 1]
    rel = np.stack([xs.ravel() + 0.5 - dst_tri[2, 0], ys.ravel() + 0.5 - dst_tri[2, 1]])
    l12 = np.linalg.inv(basis) @ rel
    lam = np.vstack([l12, 1.0 - l12.sum(0)])
    inside = (lam >= -1e-3).all(0)
    if not inside.any():
        return
    sp = lam[:, inside].T @ src_tri
    sx = np.clip(sp[:, 0], 0, src.shape[1] - 1).astype(int)
    sy = np.clip(sp[:, 1], 0, src.shape[0] - 1).astype(int)
    out[ys.ravel()[inside], xs.ravel()[inside]] = src[sy, sx]


@lru_cache(maxsize=32)
def _turned(yaw_deg: float, pitch_deg: float, width: int, height: int) -> np.ndarray:
    from scipy.spatial import Delaunay
    from skimage.draw import polygon

    src = _frontal(width, height)
    pts = _landmarks(width, height)[:468].copy()  # mesh vertices; iris points ride on the eye triangles
    oval = _face_oval_indices()
    centre = pts[oval].mean(0)
    half_w = (pts[oval, 0].max() - pts[oval, 0].min()) / 2.0
    # Rings beyond the face oval (hair, ears) going back like the side of a head, so the whole head
    # turns rather than a mask on a fixed head.
    rings = []
    for s in (1.15, 1.3, 1.45):
        ring = pts[oval].copy()
        ring[:, :2] = centre[:2] + s * (pts[oval, :2] - centre[:2])
        ring[:, 2] = pts[oval, 2] + (s - 1.0) * half_w * 1.2
        rings.append(ring)
    verts = np.vstack([pts, *rings])
    verts[:, 0] = verts[:, 0].clip(0, width - 1)
    verts[:, 1] = verts[:, 1].clip(0, height - 1)
    triangles = Delaunay(verts[:, :2]).simplices

    a, b = np.radians(yaw_deg), np.radians(pitch_deg)
    # yaw > 0 turns the face towards the image's right; pitch > 0 tilts it down (image y and z point
    # down and away from the camera).
    rot_y = np.array([[np.cos(a), 0, -np.sin(a)], [0, 1, 0], [np.sin(a), 0, np.cos(a)]])
    rot_x = np.array([[1, 0, 0], [0, np.cos(b), -np.sin(b)], [0, np.sin(b), np.cos(b)]])
    moved = (verts - centre) @ (rot_x @ rot_y).T + centre

    out = src.copy()
    # What the turned head uncovers is background: fill the old head area with the photo's border colour.
    hull = np.vstack([rings[-1][:, :2]])
    order = np.argsort(np.arctan2(hull[:, 1] - centre[1], hull[:, 0] - centre[0]))
    rr, cc = polygon(hull[order, 1], hull[order, 0], out.shape[:2])
    border = np.concatenate([src[0], src[:, 0], src[:, -1]])
    out[rr, cc] = np.median(border, axis=0).astype(np.uint8)
    for tri in triangles[np.argsort(-moved[triangles, 2].mean(1))]:  # far to near
        _paint_triangle(out, src, moved[tri, :2], verts[tri, :2])
    out.setflags(write=False)
    return out


def turned_face_rgb(yaw_deg: float, pitch_deg: float = 0.0, width: int = 640, height: int = 480) -> np.ndarray:
    """The real face turned in 3D: yaw > 0 towards the image's right, pitch > 0 looking down."""
    return _turned(float(yaw_deg), float(pitch_deg), width, height).copy()


def looking_down_rgb(pitch_deg: float = 30.0, width: int = 640, height: int = 480) -> np.ndarray:
    return turned_face_rgb(0.0, pitch_deg, width, height)


# Eye-opening contours (face-mesh topology) of the eye on the image's left and right, and iris points.
_EYE_CONTOURS = (
    ([33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246], 468, range(469, 473)),
    ([362, 382, 381, 380, 374, 373, 390, 249, 263, 466, 388, 387, 386, 385, 384, 398], 473, range(474, 478)),
)


@lru_cache(maxsize=16)
def _gaze_shifted(offset: float, width: int, height: int) -> np.ndarray:
    from skimage.draw import disk, polygon

    src = _frontal(width, height)
    pts = _landmarks(width, height)
    out = src.copy()
    for contour, centre_idx, ring in _EYE_CONTOURS:
        poly = pts[contour, :2]
        eye = np.zeros(src.shape[:2], bool)
        eye[polygon(poly[:, 1], poly[:, 0], eye.shape)] = True
        centre = pts[centre_idx, :2]
        radius = float(np.mean([np.hypot(*(pts[i, :2] - centre)) for i in ring]))
        iris = np.zeros_like(eye)
        iris[disk((centre[1], centre[0]), radius * 1.05, shape=iris.shape)] = True
        out[eye] = np.percentile(src[eye & ~iris], 75, axis=0)  # repaint the eye white
        half_width = float(np.hypot(*(pts[contour[0], :2] - pts[contour[8], :2]))) / 2.0
        ys, xs = np.nonzero(iris)
        tx = np.round(xs + offset * half_width).astype(int).clip(0, width - 1)
        keep = eye[ys, tx]  # the lids hide what leaves the eye opening
        out[ys[keep], tx[keep]] = src[ys[keep], xs[keep]]
    out.setflags(write=False)
    return out


def gaze_shifted_rgb(offset: float, width: int = 640, height: int = 480) -> np.ndarray:
    """The frontal face with both irises moved sideways by ``offset`` eye half-widths (> 0: image right).

    The head stays frontal: only the eyes look away.
    """
    return _gaze_shifted(float(offset), width, height).copy()
