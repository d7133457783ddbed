"""Uploaded photos are checked by their content, never by the name or the browser's content type."""

from __future__ import annotations

from typing import Any

from PIL import Image, UnidentifiedImageError

from zhifa.core.errors import DomainError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 10 * 1024 * 1024


def photo_check(upload: Any) -> str:
    """Raise unless the upload is a JPEG, PNG or WebP image; returns the file extension to use."""
    size = getattr(upload, "size", 0) or 0
    if size > MAX_BYTES:
        raise DomainError("照片不能超过 10 MB", code="photo_too_large")
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            fmt = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise DomainError(
            "上传的文件不是有效的图片（仅支持 JPEG、PNG、WebP）", code="bad_photo"
        ) from error
    finally:
        upload.seek(0)
    if fmt not in ALLOWED_FORMATS:
        raise DomainError("上传的文件不是有效的图片（仅支持 JPEG、PNG、WebP）", code="bad_photo")
    return ALLOWED_FORMATS[fmt]
