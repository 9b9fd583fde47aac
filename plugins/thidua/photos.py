"""Which photo files may be published: one test that the validator reports and the page builder obeys."""
from __future__ import annotations

import os
import re
import stat
import struct
from pathlib import Path

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"}  # no SVG: it can carry scripts
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # "http:", "data:", "C:" ...
MAX_PHOTO_BYTES = 20 * 1024 * 1024  # a phone's full-size JPEG is 3-10 MB
# What the file's first bytes must be, whatever its name says.
FORMATS = {"jpeg": ".jpg", "png": ".png", "gif": ".gif", "webp": ".webp", "avif": ".avif"}


def sniff(head: bytes) -> str | None:
    """The image format of a file from its first 32 bytes (magic numbers), or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and (head[8:12] in (b"avif", b"avis") or b"avif" in head[16:32]):
        return "avif"
    return None


def _open_photo(path: Path) -> tuple[int, str | None, int]:
    """(fd, format, size) of a regular file, reading only its head; the caller closes fd."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the build
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return fd, None, -1
        return fd, sniff(os.pread(fd, 32, 0)), info.st_size
    except BaseException:
        os.close(fd)
        raise


def photo_path_problem(root: Path, file: str, content: bool = True) -> tuple[str, str] | None:
    """(message, expected) when `file` is not a safe path to an image inside `root`, else None."""
    expected = "a relative path inside the data folder, e.g. media/xa-minh-tien-1.jpg"
    if not file.strip():
        return "the photo has no file", expected
    if "\\" in file:
        return "photo paths use / between folders", expected
    if file.startswith(("/", "~")) or SCHEME_RE.match(file):
        return "a photo path must be relative to the data folder", expected
    if ".." in Path(file).parts:
        return "the photo path leaves the data folder", expected
    root = Path(root).resolve()
    try:
        resolved = (root / file).resolve()
    except (OSError, RuntimeError, ValueError):  # ValueError: a NUL character
        return "the photo path cannot be resolved (a symbolic link loop?)", expected
    if not resolved.is_relative_to(root):
        return "the photo path leaves the data folder (through a symbolic link)", expected
    if not resolved.is_file():
        return "the photo file does not exist", f"a file at {Path(root).name}/{file}"
    if resolved.suffix.lower() not in IMAGE_SUFFIXES:
        return "the photo is not in an image format the site shows", \
            "one of: " + ", ".join(sorted(IMAGE_SUFFIXES)) + " (SVG can carry scripts)"
    try:
        fd, kind, size = _open_photo(resolved)
        os.close(fd)
    except OSError:
        return "the photo file cannot be read", "a readable image file"
    if size < 0:
        return "the photo is not a regular file", "an image file"
    if size > MAX_PHOTO_BYTES:
        return (f"the photo is too large ({size:,} bytes)",
                f"at most {MAX_PHOTO_BYTES // (1024 * 1024)} MB: resize it for the web")
    if kind is None:
        return ("the photo's content is not an image (its first bytes are not those of a JPEG, PNG, "
                "WebP, GIF or AVIF file)", "an image file, whatever its name")
    # `content`: also check its metadata can be removed (validation); publishing reads the file
    # once itself (read_published), so the page builders skip this second read
    if content and read_published(resolved) is None:
        return ("the photo's metadata cannot be removed (a malformed file, or an AVIF carrying EXIF or XMP)",
                "a well-formed image; export an AVIF without metadata")
    return None


def read_published(path: Path) -> tuple[bytes, str] | None:
    """(bytes to publish, suffix) of the photo at `path`: its content sniffed, its size bounded
    (never read whole past MAX_PHOTO_BYTES), and its metadata removed (EXIF holds GPS positions,
    the camera's owner, dates; PNG text chunks whatever a tool wrote). None if it may not be published."""
    try:
        fd, kind, size = _open_photo(path)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if kind is None or not 0 <= size <= MAX_PHOTO_BYTES:
            return None
        data = handle.read(MAX_PHOTO_BYTES + 1)
    if len(data) > MAX_PHOTO_BYTES:
        return None
    try:
        cleaned = STRIP[kind](data) if kind in STRIP else data
    except (ValueError, IndexError, struct.error):
        return None  # a malformed image: not published rather than published with its metadata
    suffix = path.suffix.lower()
    same = suffix == FORMATS[kind] or (kind == "jpeg" and suffix == ".jpeg")
    return cleaned, suffix if same else FORMATS[kind]  # a PNG named .jpg is published as .png


# --- Metadata removal: a small filter over the container formats; pixels are never decoded.

# JPEG segments kept: JFIF/JFXX (APP0), ICC colour profile (APP2), Adobe colour transform (APP14).
# Dropped: APP1 (EXIF, XMP), APP3-APP13 (APP13: IPTC), APP15, COM (comments).
_JPEG_KEEP_APP = {0xE0, 0xE2, 0xEE}


def strip_jpeg(data: bytes) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    out = [data[:2]]
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            raise ValueError("bad JPEG marker")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xD9 or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out.append(data[i:i + 2])
            i += 2
            continue
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        end = i + 2 + length
        if length < 2 or end > len(data):
            raise ValueError("truncated JPEG segment")
        if marker == 0xDA:  # start of scan: the entropy-coded data and the rest follow as they are
            out.append(data[i:])
            break
        if not ((0xE0 <= marker <= 0xEF and marker not in _JPEG_KEEP_APP) or marker == 0xFE):
            out.append(data[i:end])
        i = end
    return b"".join(out)


# PNG ancillary chunks that carry text or metadata, not pixels or colour.
_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def strip_png(data: bytes) -> bytes:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    out = [data[:8]]
    i = 8
    while i + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        end = i + 12 + length
        if end > len(data):
            raise ValueError("truncated PNG chunk")
        if kind not in _PNG_DROP:
            out.append(data[i:end])
        i = end
        if kind == b"IEND":
            break
    return b"".join(out)


def strip_webp(data: bytes) -> bytes:
    """Drop the EXIF and XMP chunks of a WebP file and their flags in its VP8X header."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP")
    chunks = []
    i = 12
    while i + 8 <= len(data):
        kind, length = struct.unpack("<4sI", data[i:i + 8])
        end = i + 8 + length + (length & 1)
        if i + 8 + length > len(data):
            raise ValueError("truncated WebP chunk")
        if kind not in (b"EXIF", b"XMP "):
            chunk = data[i:end]
            if kind == b"VP8X":  # clear the EXIF (0x08) and XMP (0x04) flags
                chunk = chunk[:8] + bytes([chunk[8] & ~0x0C & 0xFF]) + chunk[9:]
            chunks.append(chunk)
        i = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _gif_sub_blocks_end(data: bytes, i: int) -> int:
    while True:
        size = data[i]
        i += 1 + size
        if size == 0:
            return i


def strip_gif(data: bytes) -> bytes:
    """Drop comment extensions and application extensions other than the animation loop (XMP lives in one)."""
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise ValueError("not a GIF")
    flags = data[10]
    i = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    out = [data[:i]]
    while i < len(data):
        block = data[i]
        if block == 0x3B:  # trailer
            out.append(data[i:i + 1])
            break
        if block == 0x2C:  # image: descriptor, local colour table, LZW code size, data sub-blocks
            flags = data[i + 9]
            start = i
            i += 10 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0) + 1
            i = _gif_sub_blocks_end(data, i)
            out.append(data[start:i])
        elif block == 0x21:
            label, start = data[i + 1], i
            i = _gif_sub_blocks_end(data, i + 2)
            loop = label == 0xFF and data[start + 3:start + 14] in (b"NETSCAPE2.0", b"ANIMEXTS1.0")
            if label not in (0xFE, 0xFF) or loop:
                out.append(data[start:i])
        else:
            raise ValueError("bad GIF block")
    return b"".join(out)


def check_avif(data: bytes) -> bytes:
    """AVIF keeps EXIF and XMP as items of its container, which cannot be dropped without rewriting
    its offsets: an AVIF carrying them is not published (export it again without metadata)."""
    head = data[:1 << 16]  # the meta box, which lists the items, comes first
    if b"Exif" in head or b"application/rdf+xml" in head:
        raise ValueError("AVIF with metadata")
    return data


STRIP = {"jpeg": strip_jpeg, "png": strip_png, "webp": strip_webp, "gif": strip_gif, "avif": check_avif}



def resolve_photo(root: Path, file: str) -> Path | None:
    """The image file `file` names inside `root` (links followed), or None for any path the
    validator rejects: pages never rely on validation having run. Its content is read (and
    refused if its metadata cannot be removed) once, by `read_published`, when it is published."""
    if photo_path_problem(root, file, content=False) is not None:
        return None
    return (Path(root).resolve() / file).resolve()
