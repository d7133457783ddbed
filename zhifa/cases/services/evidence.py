"""证据: files from phone or desktop, typed by their content, hashed, EXIF read when present."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from zhifa.core.errors import DomainError

from .. import events
from ..models import Case, Evidence
from ..rules import require_open
from .common import lock, text

MAX_BYTES = getattr(settings, "ZHIFA_EVIDENCE_MAX_BYTES", 200 * 1024 * 1024)
ACCEPTED = (
    "照片（JPEG、PNG、WebP、HEIC）、视频（MP4、MOV）、录音（MP3、M4A、AMR、WAV）、PDF 或 Word 文件"
)


def sniff(head: bytes) -> tuple[str, str] | None:
    """(kind, MIME type) from a file's first bytes; the file name's extension is not trusted."""
    if head.startswith(b"\xff\xd8\xff"):
        return Evidence.Kind.PHOTO, "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Evidence.Kind.PHOTO, "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Evidence.Kind.PHOTO, "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return Evidence.Kind.AUDIO, "audio/wav"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"heim", b"heis"):
            return Evidence.Kind.PHOTO, "image/heic"
        if brand in (b"M4A ", b"M4B "):
            return Evidence.Kind.AUDIO, "audio/mp4"
        if brand == b"qt  ":
            return Evidence.Kind.VIDEO, "video/quicktime"
        return Evidence.Kind.VIDEO, "video/mp4"
    if head.startswith(b"#!AMR"):
        return Evidence.Kind.AUDIO, "audio/amr"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return Evidence.Kind.AUDIO, "audio/mpeg"
    if head.startswith(b"%PDF-"):
        return Evidence.Kind.DOCUMENT, "application/pdf"
    return None


def _docx(data: bytes) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _exif(data: bytes) -> tuple[dt.datetime | None, float | None, float | None]:
    """Capture time and GPS position from a photo's EXIF, when present and readable."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
    except Exception:
        return None, None, None
    captured = None
    raw = exif.get_ifd(0x8769).get(36867) or exif.get(306)
    if raw:
        try:
            naive = dt.datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
            captured = timezone.make_aware(naive)  # cameras record local time (Asia/Shanghai)
        except ValueError:
            captured = None
    gps = exif.get_ifd(0x8825)
    lat = _degrees(gps.get(2), gps.get(1), "S")
    lng = _degrees(gps.get(4), gps.get(3), "W")
    if lat is None or lng is None:
        lat = lng = None
    return captured, lat, lng


def _degrees(value: Any, ref: Any, negative: str) -> float | None:
    try:
        d, m, s = (float(x) for x in value)
    except (TypeError, ValueError):
        return None
    result = d + m / 60 + s / 3600
    return round(-result if str(ref).strip("\x00 ").upper() == negative else result, 7)


def evidence_add(*, case: Case, actor: Any, upload: Any, description: str) -> Evidence:
    """Store one evidence file through Django's storage. Refused (nothing saved) when its content
    is not an accepted type, an image is unreadable, or it is empty or too large."""
    description = text(description, label="证明内容")
    data = upload.read()
    name = (getattr(upload, "name", "") or "evidence").rsplit("/", 1)[-1][-150:]
    if not data:
        raise DomainError("文件是空的，请重新选择", code="empty_file")
    if len(data) > MAX_BYTES:
        raise DomainError(f"文件超过 {MAX_BYTES // 1024 // 1024} MB，无法上传", code="too_large")
    found = sniff(data[:32])
    if found is None and data[:4] == b"PK\x03\x04" and _docx(data):
        found = (
            Evidence.Kind.DOCUMENT,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    if found is None:
        raise DomainError(f"无法识别的文件内容（{name}），仅接受{ACCEPTED}", code="bad_file_type")
    kind, mime = found
    captured = lat = lng = None
    if mime in ("image/jpeg", "image/png", "image/webp"):
        from PIL import Image

        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except Exception:
            raise DomainError(f"图片文件已损坏，无法读取（{name}）", code="bad_image") from None
        captured, lat, lng = _exif(data)
    digest = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        case = lock(case)
        require_open(case)
        if Evidence.all_towns.filter(case=case, sha256=digest).exists():
            raise DomainError(f"该文件已作为本案证据上传过（{name}）", code="duplicate_evidence")
        evidence = Evidence(
            town=case.town,
            case=case,
            kind=kind,
            original_name=name,
            mime=mime,
            size=len(data),
            sha256=digest,
            description=description[:300],
            captured_at=captured,
            lat=lat,
            lng=lng,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        evidence.file.save(name, ContentFile(data), save=False)
        evidence.save()
        events.evidence_added(case=case, actor=actor, evidence=evidence)
    return evidence
