"""Stored files: served only through views that check town and role, under names nobody can
guess, with the type read from the content, inline only for images and PDFs; no /media/ URL; an
oversized upload refused before its body is read."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from zhifa.cases import services
from zhifa.cases.models import Evidence
from zhifa.core.files import is_unguessable, rename_stored


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    return out.getvalue()


def _add(case, personas, name, data):
    return services.evidence_add(
        case=case,
        actor=personas.officer,
        upload=SimpleUploadedFile(name, data),
        description="现场材料",
    )


def _url(evidence):
    return f"/cases/{evidence.case_id}/evidence/{evidence.pk}/file"


def test_evidence_is_served_with_its_sniffed_type_inline_only_for_images_and_pdfs(
    client, login, new_case, personas
):
    case = new_case()
    photo = _add(case, personas, "现场.png", _jpeg())  # a JPEG named .png
    pdf = _add(case, personas, "合同.pdf", b"%PDF-1.4\n%test\n")
    word = _add(case, personas, "询问.docx", _docx())
    login(client, personas.officer)
    shown = client.get(_url(photo))
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    assert shown["Content-Disposition"].startswith("inline")
    assert shown["X-Content-Type-Options"] == "nosniff"
    assert b"".join(shown.streaming_content) == _jpeg()
    assert client.get(_url(pdf))["Content-Type"] == "application/pdf"
    download = client.get(_url(word))
    assert download["Content-Disposition"].startswith("attachment")
    assert "officedocument" in download["Content-Type"]
    assert "sandbox" in download["Content-Security-Policy"]
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert _url(photo) in page


def test_evidence_is_not_served_to_another_town_or_a_grid_member(client, login, new_case, personas):
    evidence = _add(new_case(), personas, "a.jpg", _jpeg())
    for outsider in (personas.outsider, personas.grid_member):
        login(client, outsider)
        assert client.get(_url(evidence)).status_code in (403, 404)
    client.logout()
    assert client.get(_url(evidence)).status_code == 302  # to the login page


def test_stored_names_cannot_be_guessed_and_there_is_no_media_url(
    client, login, new_case, personas
):
    evidence = _add(new_case(), personas, "张三的合同.jpg", _jpeg())
    assert is_unguessable(evidence.file.name) and "张三" not in evidence.file.name
    login(client, personas.leader)
    assert client.get(f"/media/{evidence.file.name}").status_code == 404


def test_a_migration_moves_old_guessable_names_to_random_ones(new_case, personas):
    evidence = _add(new_case(), personas, "a.jpg", _jpeg())
    old = f"cases/{evidence.town_id}/{evidence.case_id}/0001-现场.jpg"
    evidence.file.storage.save(old, ContentFile(_jpeg()))
    Evidence.all_towns.filter(pk=evidence.pk).update(file=old)
    assert rename_stored(Evidence, "file") == 1
    evidence.refresh_from_db()
    assert is_unguessable(evidence.file.name) and evidence.file.read() == _jpeg()
    assert not evidence.file.storage.exists(old)


@pytest.mark.django_db
def test_an_oversized_upload_is_refused_before_its_body_is_read(client, login, personas, settings):
    login(client, personas.officer)
    settings.ZHIFA_UPLOAD_MAX_BYTES = 1000
    answer = client.post(
        "/api/v1/cases/1/evidence",
        data=b"x" * 10,
        content_type="multipart/form-data; boundary=zz",
        CONTENT_LENGTH=str(50 * 1024 * 1024 * 1024),
    )
    assert answer.status_code == 413 and "上传内容过大" in answer.json()["message"]
    page = client.post(
        "/cases/1/evidence/new/",
        data=b"x" * 2000,
        content_type="multipart/form-data; boundary=zz",
    )
    assert page.status_code == 413 and "上传内容过大" in page.content.decode()
