from __future__ import annotations

import copy
import io
import subprocess
import tempfile

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def sample(code: str) -> dict:
    from zhifa.documents.definitions import doc_type_get

    return copy.deepcopy(doc_type_get(code).sample)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text layer (pdftotext), whitespace removed."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        out = subprocess.run(
            ["pdftotext", "-raw", handle.name, "-"], capture_output=True, check=True
        )
    # Table cells wrap lines; compare text without any whitespace.
    return "".join(out.stdout.decode("utf-8").split())


def pdf_fonts(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        out = subprocess.run(["pdffonts", handle.name], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
