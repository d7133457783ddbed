"""The block engine: one template source, two outputs (PDF through HTML, and DOCX).

A template version is a list of *blocks* (JSON): ``header``, ``number``, ``para``, ``heading``,
``grid`` (a bordered form of label/value cells), ``table`` (rows from a list in the context),
``qa`` (question and answer), ``remedy``, ``seal``, ``signatures``, ``note``, ``pagebreak``,
``qrcode`` (a QR code of a text, e.g. a verification address, drawn by segno). Texts
inside blocks are Django template strings over the document's context, with the filters of
``templatetags/doc_filters.py``. ``resolve`` fills them into a neutral structure; ``html`` and
``docx`` lay that structure out. Admins edit the wording in the blocks, never code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.template import Context, Engine, TemplateSyntaxError

from zhifa.core.errors import DomainError

BLOCK_KINDS = {
    "header": "文书标题（机关名称 + 文书名称）",
    "number": "文号",
    "para": "段落",
    "heading": "小标题",
    "grid": "表格式栏目",
    "table": "清单表格",
    "qa": "问答记录",
    "remedy": "救济途径",
    "seal": "落款与印章",
    "signatures": "签名栏",
    "note": "附注",
    "pagebreak": "分页",
    "qrcode": "二维码",
}

_ENGINE = Engine(
    builtins=["zhifa.documents.templatetags.doc_filters"],
    autoescape=False,
    string_if_invalid="",
)


@lru_cache(maxsize=4096)
def _compile(text: str) -> Any:
    return _ENGINE.from_string(text)


def check_text(text: str) -> str | None:
    """None if the template text compiles, else the reason in Chinese."""
    try:
        _compile(text)
    except TemplateSyntaxError as error:
        return f"模板语法错误：{error}"
    return None


def fill(text: str | None, context: dict[str, Any]) -> str:
    if not text:
        return ""
    return _compile(text).render(Context(context, autoescape=False)).strip()


def lookup(context: dict[str, Any], path: str) -> Any:
    value: Any = context
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list | tuple) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
        if value is None:
            return None
    return value


@dataclass
class Resolved:
    kind: str
    data: dict[str, Any] = field(default_factory=dict)


def _when(block: dict[str, Any], context: dict[str, Any]) -> bool:
    cond = block.get("when")
    if not cond:
        return True
    negate = cond.startswith("!")
    value = lookup(context, cond.lstrip("!"))
    return not value if negate else bool(value)


def resolve(blocks: list[dict[str, Any]], context: dict[str, Any]) -> list[Resolved]:
    """Fill every block's texts from the context; drop blocks whose ``when`` is false."""
    out: list[Resolved] = []
    for block in blocks:
        if not _when(block, context):
            continue
        kind = block.get("kind", "")
        if kind == "header":
            out.append(
                Resolved(
                    kind,
                    {
                        "agency": fill(block.get("agency", "{{ town.agency_name }}"), context),
                        "title": fill(block.get("title", ""), context),
                        "subtitle": fill(block.get("subtitle", ""), context),
                        "red": bool(block.get("red")),
                        "page_sign": fill(block.get("page_sign", ""), context),
                    },
                )
            )
        elif kind == "number":
            number = context.get("doc", {}).get("number") or ""
            out.append(
                Resolved(kind, {"text": number or "（文号在签发时生成）", "draft": not number})
            )
        elif kind in ("para", "heading", "note", "remedy"):
            text = fill(block.get("text", ""), context)
            lines = [line for line in text.split("\n") if line.strip()]
            out.append(
                Resolved(
                    "heading" if kind == "heading" else ("note" if kind == "note" else "para"),
                    {
                        "lines": lines,
                        "indent": block.get("indent", kind in ("para", "remedy")),
                        "align": block.get("align", "left"),
                        "bold": bool(block.get("bold")),
                    },
                )
            )
        elif kind == "grid":
            rows = []
            for row in block.get("rows", []):
                cells = []
                for cell in row:
                    cells.append(
                        {
                            "label": fill(cell.get("l", ""), context),
                            "value": fill(cell.get("v", ""), context),
                            "span": int(cell.get("span", 1)),
                            "height": int(cell.get("h", 0)),
                        }
                    )
                rows.append(cells)
            out.append(Resolved(kind, {"rows": rows, "title": fill(block.get("title"), context)}))
        elif kind == "table":
            items = lookup(context, block.get("source", "")) or []
            columns = block.get("columns", [])
            rows = []
            for index, item in enumerate(items, start=1):
                local = {**context, "item": item, "index": index}
                rows.append([fill(col.get("value", ""), local) for col in columns])
            for _ in range(max(0, int(block.get("min_rows", 0)) - len(rows))):
                rows.append(["" for _ in columns])
            out.append(
                Resolved(
                    kind,
                    {
                        "title": fill(block.get("title"), context),
                        "columns": [
                            {"title": c.get("title", ""), "width": c.get("width", "")}
                            for c in columns
                        ],
                        "rows": rows,
                        "total": fill(block.get("total"), context),
                    },
                )
            )
        elif kind == "qa":
            items = lookup(context, block.get("source", "qa")) or []
            pairs = [(str(i.get("q", "")), str(i.get("a", ""))) for i in items]
            out.append(Resolved(kind, {"pairs": pairs}))
        elif kind == "seal":
            out.append(
                Resolved(
                    kind,
                    {
                        "agency": fill(block.get("agency", "{{ town.agency_name }}"), context),
                        "date": fill(block.get("date", "{{ doc.date|cn_date }}"), context),
                        "label": fill(block.get("label", "（印章）"), context),
                    },
                )
            )
        elif kind == "signatures":
            lines = [
                {"label": fill(s.get("l", ""), context), "value": fill(s.get("v", ""), context)}
                for s in block.get("lines", [])
            ]
            out.append(Resolved(kind, {"lines": lines}))
        elif kind == "pagebreak":
            out.append(Resolved(kind))
        elif kind == "qrcode":
            value = fill(block.get("value", ""), context)
            out.append(
                Resolved(
                    kind,
                    {
                        "value": value,
                        "caption": fill(block.get("caption", ""), context),
                        "svg": qr_svg_data_uri(value) if value else "",
                    },
                )
            )
        else:
            raise DomainError(f"未知的文书栏目类型：{kind}", code="template_invalid")
    return out


def qr_svg_data_uri(value: str) -> str:
    """A QR code of ``value`` as an SVG data URI (medium error correction)."""
    import segno

    return segno.make(value, error="m").svg_data_uri(scale=4, border=2)


def qr_png(value: str) -> bytes:
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(value, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def template_texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every template string inside the blocks, for syntax checks."""
    texts: list[str] = []
    for block in blocks:
        for key in (
            "agency",
            "title",
            "subtitle",
            "text",
            "date",
            "label",
            "total",
            "value",
            "caption",
        ):
            if isinstance(block.get(key), str):
                texts.append(block[key])
        for row in block.get("rows", []) if block.get("kind") == "grid" else []:
            for cell in row:
                texts.extend(str(cell.get(k, "")) for k in ("l", "v"))
        for col in block.get("columns", []):
            texts.append(str(col.get("value", "")))
        for line in block.get("lines", []):
            texts.extend(str(line.get(k, "")) for k in ("l", "v"))
    return texts


def blocks_check(blocks: Any) -> list[str]:
    """Problems with a list of blocks (structure and template syntax), in Chinese."""
    if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
        return ["模板应为栏目列表（JSON 数组，每项为对象）"]
    problems = []
    for index, block in enumerate(blocks, start=1):
        if block.get("kind") not in BLOCK_KINDS:
            problems.append(f"第 {index} 个栏目类型“{block.get('kind')}”无效")
    for text in template_texts(blocks):
        reason = check_text(text)
        if reason:
            problems.append(reason)
    return problems
