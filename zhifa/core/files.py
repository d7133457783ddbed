"""Stored files (evidence, photos, documents): names nobody can guess, types read from the content,
and one way to hand a file out once the caller's view has checked who may see it.

Nothing under MEDIA_ROOT is served as such (no /media/ URL, in development or production): every
file goes through a view of its app that checks town and role, then ``file_response``.
"""

from __future__ import annotations

import os
import re
import secrets
from typing import Any

from django.http import FileResponse
from django.utils.deconstruct import deconstructible

# Types a browser may show in the page; anything else is downloaded, never rendered (an HTML or
# SVG file shown inline would run its scripts with the site's rights).
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"}
_EXT = re.compile(r"^\.[a-z0-9]{1,5}$")


@deconstructible
class Unguessable:
    """``upload_to``: ``<prefix>/<32 random hex digits><.ext>``; the original name is kept in a
    field of its own where the model needs it, never in the path."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        return unguessable_name(self.prefix, filename)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unguessable) and other.prefix == self.prefix


def unguessable_name(prefix: str, filename: str) -> str:
    ext = os.path.splitext(filename)[1].lower()
    return f"{prefix}/{secrets.token_hex(16)}{ext if _EXT.match(ext) else ''}"


_RANDOM = re.compile(r"(^|/)[0-9a-f]{32}(\.[a-z0-9]{1,5})?$")


def is_unguessable(name: str) -> bool:
    return bool(_RANDOM.search(name))


def rename_stored(model: Any, field: str) -> int:
    """Move every stored file of ``model.field`` that still has a guessable name to a random one
    in the same folder (data migrations); returns how many were moved. Rows whose file is missing
    keep their name."""
    from django.core.files.storage import default_storage

    moved = 0
    for pk, old in model._base_manager.exclude(**{field: ""}).values_list("pk", field):
        if not old or is_unguessable(old) or not default_storage.exists(old):
            continue
        with default_storage.open(old, "rb") as handle:
            new = default_storage.save(unguessable_name(os.path.dirname(old), old), handle)
        model._base_manager.filter(pk=pk).update(**{field: new})
        default_storage.delete(old)
        moved += 1
    return moved


def sniff(head: bytes) -> str | None:
    """The MIME type from a file's first bytes (at least 16); the file name is not trusted."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"heim", b"heis"):
            return "image/heic"
        if brand in (b"M4A ", b"M4B "):
            return "audio/mp4"
        if brand == b"qt  ":
            return "video/quicktime"
        return "video/mp4"
    if head.startswith(b"#!AMR"):
        return "audio/amr"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        return "application/zip"
    return None


def file_response(field_file: Any, *, download_name: str = "", sniffed: str = "") -> FileResponse:
    """Send a stored file the caller has already allowed: its type from its content (or ``sniffed``,
    the type an app read from the content at upload, e.g. a Word file inside its zip), shown inline
    only when it is an image or a PDF, downloaded otherwise; never cached by shared caches."""
    handle = field_file.open("rb")
    head = handle.read(64)
    handle.seek(0)
    found = sniff(head)
    content_type = (sniffed if found in (None, "application/zip") and sniffed else found) or (
        "application/octet-stream"
    )
    inline = content_type in INLINE_TYPES
    name = download_name or os.path.basename(field_file.name)
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    if content_type != "application/pdf":  # (a sandbox would stop the browser's PDF viewer)
        # A file is never a page: no script in it runs, even if a browser were to render it.
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
