"""Safe handling of uploaded files (evidence, photos, materials).

- The type is sniffed from the content, never trusted from the name or the browser's Content-Type.
- Only the kinds a caller allows are accepted (JPEG, PNG, PDF, DOCX, XLSX by default); HTML, SVG and executables
  never are, whatever they are called.
- Images are re-encoded with Pillow (which drops anything hidden in them, including EXIF location) and thumbnailed.
- Stored names are random; the original name is kept only as sanitised text.
- Files are served only through permission-checked views, as attachments (images may be inline), with nosniff.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.http import FileResponse

from kinerja.core.exceptions import ApplicationError, ErrorCode

MIME = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXT = {"jpeg": "jpg", "png": "png", "pdf": "pdf", "docx": "docx", "xlsx": "xlsx"}
DEFAULT_KINDS = frozenset(MIME)
IMAGE_KINDS = frozenset({"jpeg", "png"})
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_MAX_SIDE = 1600
THUMB_SIDE = 320

MSG_TYPE = "Jenis berkas tidak diterima. Unggah foto (JPG/PNG), PDF, Word (.docx) atau Excel (.xlsx)."
MSG_SIZE = "Berkas terlalu besar (maksimal {mb} MB)."
MSG_EMPTY = "Berkas kosong."
MSG_BROKEN_IMAGE = "Foto tidak dapat dibaca. Ambil ulang fotonya atau unggah berkas lain."


@dataclass
class CleanFile:
    kind: str
    mime: str
    content: ContentFile  # what to store (re-encoded for images)
    thumbnail: ContentFile | None
    sha256: str  # of the original bytes: the same file uploaded twice has the same hash
    size: int
    original_name: str


def sniff(head: bytes) -> str | None:
    """The kind of a file from its first bytes and, for ZIP containers, its members."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"%PDF-"):
        return "pdf"
    return None


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return None


def safe_name(name: str, default: str = "berkas") -> str:
    """A display name without any path, control or unusual characters."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = re.sub(r"[^\w.\- ()]+", "_", base, flags=re.UNICODE).strip(" ._")
    return (base or default)[:120]


def validate_upload(upload, *, allowed: frozenset[str] = DEFAULT_KINDS, max_bytes: int) -> CleanFile:
    """Check and clean one upload; raise ApplicationError (415/413/422) with an Indonesian message."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ApplicationError(MSG_SIZE.format(mb=max_bytes // (1024 * 1024)), code=ErrorCode.TOO_LARGE)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ApplicationError(MSG_SIZE.format(mb=max_bytes // (1024 * 1024)), code=ErrorCode.TOO_LARGE)
    if not data:
        raise ApplicationError(MSG_EMPTY)
    kind = sniff(data[:16])
    if kind is None and data.startswith(b"PK\x03\x04"):
        kind = _office_kind(data)
    if kind is None or kind not in allowed:
        raise ApplicationError(MSG_TYPE, code=ErrorCode.UNSUPPORTED)
    digest = hashlib.sha256(data).hexdigest()
    token = secrets.token_hex(12)
    thumb = None
    if kind in IMAGE_KINDS:
        content_bytes, thumb_bytes, kind = _reencode(data)
        content = ContentFile(content_bytes, name=f"{token}.{EXT[kind]}")
        thumb = ContentFile(thumb_bytes, name=f"{token}-kecil.jpg")
    else:
        content = ContentFile(data, name=f"{token}.{EXT[kind]}")
    return CleanFile(kind=kind, mime=MIME[kind], content=content, thumbnail=thumb, sha256=digest,
                     size=len(content), original_name=safe_name(getattr(upload, "name", "")))


def _reencode(data: bytes) -> tuple[bytes, bytes, str]:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            img = ImageOps.exif_transpose(img)
            has_alpha = img.mode in ("RGBA", "LA", "P")
            img = img.convert("RGBA" if has_alpha else "RGB")
            img.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))
            out = io.BytesIO()
            if has_alpha:
                img.save(out, "PNG", optimize=True)
                kind = "png"
            else:
                img.save(out, "JPEG", quality=82, optimize=True, progressive=True)
                kind = "jpeg"
            small = img.convert("RGB")
            small.thumbnail((THUMB_SIDE, THUMB_SIDE))
            thumb = io.BytesIO()
            small.save(thumb, "JPEG", quality=75)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ApplicationError(MSG_BROKEN_IMAGE, code=ErrorCode.UNSUPPORTED) from exc
    return out.getvalue(), thumb.getvalue(), kind


def file_response(fieldfile, *, filename: str, mime: str, inline: bool = False) -> FileResponse:
    """Serve a stored file: attachment unless an image is asked inline; never sniffed as HTML."""
    response = FileResponse(fieldfile.open("rb"), content_type=mime, as_attachment=not inline,
                            filename=safe_name(filename))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
