"""Evidence: typed by content, hashed, EXIF read, refused with a Chinese message otherwise."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from zhifa.cases import services
from zhifa.core.errors import DomainError


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 100, 50))
    exif = Image.Exif()
    exif[0x8769] = {36867: "2026:09:08 09:41:12"}
    exif[0x8825] = {1: "N", 2: (39.0, 10.0, 30.0), 3: "E", 4: (113.0, 15.0, 54.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_a_photo_is_hashed_and_its_exif_time_and_position_are_read(new_case, personas):
    case = new_case()
    data = _jpeg_with_exif()
    evidence = services.evidence_add(
        case=case,
        actor=personas.officer,
        upload=SimpleUploadedFile("IMG_0001.bin", data),
        description="煤堆冒烟",
    )
    assert evidence.mime == "image/jpeg" and evidence.kind == "photo"
    assert evidence.sha256 == hashlib.sha256(data).hexdigest() and evidence.size == len(data)
    assert evidence.captured_at.strftime("%Y-%m-%d %H:%M:%S") == "2026-09-08 09:41:12"
    assert round(evidence.lat, 4) == 39.175 and round(evidence.lng, 4) == 113.265
    assert evidence.file.read() == data
    event = case.events.get(event_type="evidence_added")
    assert event.files[0]["sha256"] == evidence.sha256


def test_a_file_is_judged_by_its_content_not_its_extension(new_case, personas):
    case = new_case()
    with pytest.raises(DomainError, match="无法识别的文件内容"):
        services.evidence_add(
            case=case,
            actor=personas.officer,
            upload=SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a photo"),
            description="伪装的图片",
        )
    pdf = services.evidence_add(
        case=case,
        actor=personas.officer,
        upload=SimpleUploadedFile("scan.jpg", b"%PDF-1.7\n%test\n"),
        description="不动产权证书复印件",
    )
    assert pdf.mime == "application/pdf" and pdf.kind == "document"
    video = services.evidence_add(
        case=case,
        actor=personas.officer,
        upload=SimpleUploadedFile("clip.dat", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"),
        description="执法记录仪视频",
    )
    assert video.kind == "video"
    assert case.evidence.count() == 2


def test_a_broken_image_and_a_duplicate_are_refused(new_case, personas):
    case = new_case()
    with pytest.raises(DomainError, match="已损坏"):
        services.evidence_add(
            case=case,
            actor=personas.officer,
            upload=SimpleUploadedFile("a.jpg", b"\xff\xd8\xff\xe0garbage"),
            description="坏图片",
        )
    data = _jpeg_with_exif()
    services.evidence_add(
        case=case,
        actor=personas.officer,
        upload=SimpleUploadedFile("a.jpg", data),
        description="现场",
    )
    with pytest.raises(DomainError, match="已作为本案证据上传过"):
        services.evidence_add(
            case=case,
            actor=personas.officer,
            upload=SimpleUploadedFile("b.jpg", data),
            description="现场",
        )
    assert case.evidence.count() == 1
