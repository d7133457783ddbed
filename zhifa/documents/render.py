"""Lay resolved blocks out as HTML → PDF (WeasyPrint, Debian's Noto Serif CJK SC) and as DOCX
(python-docx, East-Asian font set through w:eastAsia). Both start from the same blocks."""

from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from .engine import Resolved

BODY_FONT = "Noto Serif CJK SC"
# The DOCX is edited on an office PC: it names the fonts such a PC has (GB/T 9704: the body in
# 仿宋_GB2312 三号 16 pt, the title in 方正小标宋简体 二号 22 pt; Latin text in Times New Roman).
# The PDF keeps the shipped Noto fonts.
DOCX_BODY_FONT = "仿宋_GB2312"
DOCX_TITLE_FONT = "方正小标宋简体"
DOCX_LATIN_FONT = "Times New Roman"
DOCX_BODY_PT = 16
DOCX_TITLE_PT = 22
_CSS_PATH = Path(__file__).parent / "templates" / "documents" / "pdf" / "style.css"


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return _CSS_PATH.read_text(encoding="utf-8")


@dataclass
class Page:
    """One document to lay out: its resolved blocks and marks."""

    blocks: list[Resolved]
    anchor: str = ""
    voided: bool = False
    specimen: bool = False


def html_document(pages: list[Page]) -> str:
    return render_to_string("documents/pdf/document.html", {"docs": pages, "css": stylesheet()})


def pdf_from_html(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def pdf_document(html: str) -> Any:
    """A laid-out WeasyPrint document (pages can be combined with others)."""
    from weasyprint import HTML

    return HTML(string=html).render()


# Renders at once per process. Layout is CPU-bound Python: fifty renders in parallel only share
# one interpreter lock, and starve the thread that holds the database's write lock for a few
# statements (SQLite has one writer), which then times out. Queued, each render is as fast as alone.
_RENDER_SLOTS = threading.BoundedSemaphore(int(os.environ.get("ZHIFA_RENDER_THREADS", "1")))


def render_pdf(pages: list[Page]) -> bytes:
    html = html_document(pages)
    with _RENDER_SLOTS:
        return pdf_from_html(html)


# --- DOCX --------------------------------------------------------------------------------------


def render_docx(pages: list[Page]) -> bytes:
    from docx import Document as Docx
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = Docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(30), Mm(28)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name = DOCX_LATIN_FONT
    normal.font.size = Pt(DOCX_BODY_PT)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_BODY_FONT)

    def run(
        paragraph: Any,
        text: str,
        *,
        size: float | None = None,
        bold: bool = False,
        color: RGBColor | None = None,
        title: bool = False,
    ) -> Any:
        r = paragraph.add_run(text)
        r.font.name = DOCX_LATIN_FONT
        r._element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_TITLE_FONT if title else DOCX_BODY_FONT)
        if size:
            r.font.size = Pt(size)
        r.bold = bold
        if color is not None:
            r.font.color.rgb = color
        return r

    def para(
        text: str,
        *,
        align: str = "left",
        indent: bool = False,
        size: float | None = None,
        bold: bool = False,
        color: RGBColor | None = None,
        title: bool = False,
    ) -> Any:
        p = doc.add_paragraph()
        p.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
        }.get(align, WD_ALIGN_PARAGRAPH.JUSTIFY)
        if indent:
            p.paragraph_format.first_line_indent = Pt(2 * DOCX_BODY_PT)
        p.paragraph_format.space_after = Pt(2)
        run(p, text, size=size, bold=bold and not title, color=color, title=title)
        return p

    red = RGBColor(0xC8, 0x10, 0x2E)
    for index, page in enumerate(pages):
        if index:
            doc.add_section(WD_SECTION.NEW_PAGE)
        if page.voided:
            para("【已作废】", align="center", bold=True, color=red)
        for block in page.blocks:
            d = block.data
            if block.kind == "header":
                if d["agency"]:
                    para(
                        d["agency"],
                        align="center",
                        size=20 if d["red"] else 15,
                        bold=d["red"],
                        color=red if d["red"] else None,
                    )
                para(d["title"], align="center", size=DOCX_TITLE_PT, title=True)
                if d["subtitle"]:
                    para(d["subtitle"], align="center")
            elif block.kind == "number":
                para(d["text"], align="right")
            elif block.kind in ("para", "note", "heading"):
                for line in d["lines"]:
                    para(
                        line,
                        align=d.get("align", "left"),
                        indent=bool(d.get("indent")),
                        bold=block.kind == "heading" or bool(d.get("bold")),
                        size=12 if block.kind == "note" else None,
                    )
            elif block.kind == "grid":
                if d["title"]:
                    para(d["title"], align="center", bold=True)
                table = doc.add_table(rows=0, cols=4)
                table.style = "Table Grid"
                table.alignment = WD_TABLE_ALIGNMENT.CENTER
                for row in d["rows"]:
                    cells = table.add_row().cells
                    col = 0
                    for cell in row:
                        if cell["label"]:
                            cells[col].text = ""
                            run(cells[col].paragraphs[0], cell["label"])
                            col += 1
                        span = min(cell["span"], 4 - col)
                        target = cells[col]
                        if span > 1:
                            target = target.merge(cells[col + span - 1])
                        lines = cell["value"].split("\n")
                        target.text = ""
                        run(target.paragraphs[0], lines[0])
                        for line in lines[1:]:
                            run(target.add_paragraph(), line)
                        col += span
            elif block.kind == "table":
                if d["title"]:
                    para(d["title"], align="center", bold=True)
                table = doc.add_table(rows=1, cols=len(d["columns"]))
                table.style = "Table Grid"
                for i, column in enumerate(d["columns"]):
                    run(table.rows[0].cells[i].paragraphs[0], column["title"], bold=True)
                for values in d["rows"]:
                    cells = table.add_row().cells
                    for i, value in enumerate(values):
                        run(cells[i].paragraphs[0], value)
                if d["total"]:
                    para(d["total"], align="right")
            elif block.kind == "qa":
                for q, a in d["pairs"]:
                    para(f"问：{q}")
                    para(f"答：{a}")
            elif block.kind == "seal":
                para("")
                para(d["label"], align="right", size=10)
                para(d["agency"], align="right")
                para(d["date"], align="right")
            elif block.kind == "signatures":
                for line in d["lines"]:
                    para(f"{line['label']}{line['value'] or '＿＿＿＿＿＿＿＿＿＿'}")
            elif block.kind == "pagebreak":
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            elif block.kind == "qrcode" and d["value"]:
                from .engine import qr_png

                picture = doc.add_paragraph()
                picture.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                picture.add_run().add_picture(io.BytesIO(qr_png(d["value"])), width=Mm(30))
                if d["caption"]:
                    para(d["caption"], align="right", size=9)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
