"""Writes for documents: templates, drafts, issue (number + PDF + SHA-256), void, dossier.

The caller (the cases app, a page, the API) gives the context; this app knows nothing of cases.
The owner is any model instance (a case), linked generically. ``document_issue`` validates the
mandatory elements of the law before it takes a number, so a refused document keeps no number.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from zhifa.core import clock
from zhifa.core.errors import Conflict, DomainError, RuleViolation
from zhifa.core.models import Sequence, Town
from zhifa.core.sequences import sequence_next

from . import engine, render
from .definitions import DocType, doc_type_get, doc_types
from .models import Document, NumberingRule, TemplateVersion
from .signals import document_issued, document_voided

# --- templates ---------------------------------------------------------------------------------


def template_current(*, town: Town, doc_type: str) -> TemplateVersion:
    """The newest version of a type's wording for the town; version 1 is made from the code's
    default the first time it is needed."""
    definition = doc_type_get(doc_type)
    current = (
        TemplateVersion.all_towns.filter(town=town, doc_type=doc_type).order_by("-version").first()
    )
    if current is not None:
        return current
    with transaction.atomic():
        current, _ = TemplateVersion.all_towns.get_or_create(
            town=town,
            doc_type=doc_type,
            version=1,
            defaults={"blocks": copy.deepcopy(definition.blocks), "note": "系统默认格式"},
        )
    return current


def template_version_create(
    *, town: Town, doc_type: str, blocks: Any, note: str, actor: Any
) -> TemplateVersion:
    """Save edited wording as a new version. Refused if the blocks are malformed, a template
    text does not compile, or a block the law requires (seal, remedy…) was removed."""
    definition = doc_type_get(doc_type)
    problems = engine.blocks_check(blocks)
    if not problems:
        for need in definition.needs:
            if need.block and need.missing({}, blocks):
                problems.append(f"不得删除法定栏目：{need.label}（{need.article}）")
        if not problems:
            try:
                engine.resolve(blocks, sample_context(town=town, definition=definition))
            except Exception as error:  # a template that compiles can still fail on data
                problems.append(f"模板无法用样例内容生成：{error}")
    if problems:
        raise DomainError(
            "模板有误，未保存：" + "；".join(problems),
            code="template_invalid",
            details={"problems": problems},
        )
    with transaction.atomic():
        last = (
            TemplateVersion.all_towns.select_for_update()
            .filter(town=town, doc_type=doc_type)
            .aggregate(m=Max("version"))["m"]
        )
        if last is None:
            template_current(town=town, doc_type=doc_type)
            last = 1
        return TemplateVersion.all_towns.create(
            town=town,
            doc_type=doc_type,
            version=last + 1,
            blocks=blocks,
            note=note[:200],
            created_by=actor if getattr(actor, "pk", None) else None,
        )


def numbering_word(*, town: Town, doc_type: str) -> str:
    definition = doc_type_get(doc_type)
    rule = NumberingRule.all_towns.filter(town=town, doc_type=doc_type).first()
    if rule is not None:
        return rule.word
    return f"{town.doc_prefix}综执{definition.abbr}"


def numbering_rule_set(*, town: Town, doc_type: str, word: str, actor: Any) -> NumberingRule:
    word = word.strip()
    if not word or any(c in word for c in "〔〕[]号"):
        raise DomainError("文号代字不能为空，也不要包含年度括号或“号”字")
    if not doc_type_get(doc_type).numbered:
        raise DomainError("该类文书不编文号")
    rule, _ = NumberingRule.all_towns.update_or_create(
        town=town, doc_type=doc_type, defaults={"word": word}
    )
    return rule


def number_format(*, word: str, year: int, seq: int) -> str:
    return f"{word}〔{year}〕{seq}号"


# --- context -----------------------------------------------------------------------------------


def town_context(town: Town) -> dict[str, Any]:
    return {
        "name": town.name,
        "county_name": town.county_name,
        "agency_name": town.agency_name,
        "team_name": town.team_name,
        "doc_prefix": town.doc_prefix,
        # the county's facts: as the admin entered them, or a blank line to fill in by hand
        "county_government": town.fact("county_government"),
        "court": town.fact("court"),
        "payment_bank": town.fact("payment_bank"),
        "payment_account": town.fact("payment_account"),
        "payment_online": town.payment_online,
        "power_company": town.fact("power_company"),
    }


def full_context(
    *,
    town: Town,
    definition: DocType,
    context: dict[str, Any],
    number: str = "",
    date: dt.date | None = None,
) -> dict[str, Any]:
    """The caller's context plus what the engine supplies: the town and the document's own data."""
    given_doc = context.get("doc") if isinstance(context.get("doc"), dict) else {}
    doc = {
        "title": definition.name,
        "type": definition.code,
        **given_doc,
        "number": number,
        "date": (date or _given_date(given_doc) or clock.today()).isoformat(),
    }
    return {**context, "town": town_context(town), "doc": doc}


def _given_date(doc: dict[str, Any]) -> dt.date | None:
    from .formatting import parse_date

    return parse_date(doc.get("date"))


def sample_context(*, town: Town, definition: DocType) -> dict[str, Any]:
    return full_context(town=town, definition=definition, context=copy.deepcopy(definition.sample))


# --- validation --------------------------------------------------------------------------------


def document_problems(
    *, definition: DocType, context: dict[str, Any], blocks: list[dict[str, Any]]
) -> list[dict[str, str]]:
    """Every missing mandatory element and broken rule: [{label, article}]."""
    problems = [
        {"label": need.label, "article": need.article}
        for need in definition.needs
        if need.missing(context, blocks)
    ]
    for check in definition.checks:
        problems.extend({"label": msg, "article": art} for msg, art in check(context))
    return problems


def _refuse(definition: DocType, problems: list[dict[str, str]]) -> None:
    articles = list(dict.fromkeys(p["article"] for p in problems))
    labels = "；".join(p["label"] for p in problems)
    raise RuleViolation(
        f"{definition.name}缺少法定要素或不符合规定，不能签发：{labels}",
        article="、".join(articles),
        code="document_incomplete",
        missing=problems,
    )


# --- documents ---------------------------------------------------------------------------------


def document_draft(
    *,
    town: Town,
    doc_type: str,
    context: dict[str, Any],
    owner: Any = None,
    actor: Any,
    title: str = "",
) -> Document:
    """A draft: no number yet. The context must be a JSON object; it is checked only on issue."""
    definition = doc_type_get(doc_type)
    if not isinstance(context, dict):
        raise DomainError("文书内容应为键值对象（JSON 对象）")
    template = template_current(town=town, doc_type=doc_type)
    party = (
        (context.get("party") or {}).get("name") if isinstance(context.get("party"), dict) else ""
    )
    document = Document(
        town=town,
        doc_type=doc_type,
        title=(title or (f"{definition.name}（{party}）" if party else definition.name))[:200],
        context=context,
        template=template,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    if owner is not None:
        document.owner_type = ContentType.objects.get_for_model(owner)
        document.owner_id = str(owner.pk)
    document.save()
    return document


def document_update(*, document: Document, context: dict[str, Any], actor: Any) -> Document:
    """Replace a draft's context (an issued document is never changed: void and redraft)."""
    if not document.is_draft:
        raise Conflict("已签发或已作废的文书不能修改，请作废后重新拟稿")
    if not isinstance(context, dict):
        raise DomainError("文书内容应为键值对象（JSON 对象）")
    document.context = context
    document.template = template_current(town=document.town, doc_type=document.doc_type)
    document.save(update_fields=["context", "template"])
    return document


def document_check(*, document: Document) -> list[dict[str, str]]:
    definition = doc_type_get(document.doc_type)
    context = full_context(town=document.town, definition=definition, context=document.context)
    return document_problems(
        definition=definition, context=context, blocks=document.template.blocks
    )


def document_issue(*, document: Document, actor: Any, date: dt.date | None = None) -> Document:
    """Validate, number, render, hash and store; then send ``document_issued`` in the storing
    transaction. Refused (nothing changes, no number used) while a mandatory element is missing.

    The number is taken in a short transaction and kept by the draft; the PDF is rendered after it
    commits (seconds on a busy machine, and SQLite has one writer at a time), then stored with the
    status in a second short transaction. When the render or a listener fails, the number goes back
    if no later one was given, else the draft keeps it and its next attempt reuses it: no gap.
    Called inside a caller's transaction (a procedure step), all of it runs there."""
    definition = doc_type_get(document.doc_type)
    taken: int | None = None
    with transaction.atomic():
        locked = _locked_draft(document.pk)
        issue_date = date or _given_date(locked.context.get("doc") or {}) or clock.today()
        context = full_context(
            town=locked.town, definition=definition, context=locked.context, date=issue_date
        )
        problems = document_problems(
            definition=definition, context=context, blocks=locked.template.blocks
        )
        if problems:
            _refuse(definition, problems)
        if definition.numbered and locked.number_seq is None:
            seq = sequence_next(
                town=locked.town, kind=f"doc:{definition.code}", year=issue_date.year
            )
            locked.number_year, locked.number_seq = issue_date.year, seq
            locked.number = number_format(
                word=numbering_word(town=locked.town, doc_type=definition.code),
                year=issue_date.year,
                seq=seq,
            )
            locked.save(update_fields=["number_year", "number_seq", "number"])
            taken = seq
    if definition.numbered:
        context["doc"]["number"] = locked.number
    try:
        pdf = render.render_pdf([render.Page(engine.resolve(locked.template.blocks, context))])
        with transaction.atomic():
            issued = _locked_draft(document.pk)
            if issued.number != locked.number or issued.template_id != locked.template_id:
                raise Conflict("文书在签发过程中被修改，请重新签发")
            issued.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
            name = f"{definition.code}-{issued.number_seq or issued.pk}.pdf"
            issued.pdf.save(name, ContentFile(pdf), save=False)
            issued.status = Document.Status.ISSUED
            issued.doc_date = issue_date
            issued.issued_at = clock.now()
            issued.issued_by = actor if getattr(actor, "pk", None) else None
            issued.save()
            document_issued.send(sender=Document, document=issued, actor=actor)
    except BaseException:
        if taken is not None:
            _number_give_back(locked, kind=f"doc:{definition.code}", seq=taken)
        raise
    return issued


def _number_give_back(document: Document, *, kind: str, seq: int) -> None:
    """After a failed issue the number this attempt took goes back if it is still the last one
    given; otherwise the draft keeps it for its next attempt. No gap either way."""
    with transaction.atomic():
        row = Sequence.all_towns.select_for_update().get(
            town_id=document.town_id, kind=kind, year=document.number_year
        )
        if row.last_value != seq:
            return
        cleared = Document.all_towns.filter(
            pk=document.pk, status=Document.Status.DRAFT, number_seq=seq
        ).update(number="", number_year=None, number_seq=None)
        if cleared:
            row.last_value = seq - 1
            row.save(update_fields=["last_value"])


def _locked_draft(pk: int) -> Document:
    locked = Document.all_towns.select_for_update().select_related("town", "template").get(pk=pk)
    if not locked.is_draft:
        raise Conflict(f"该文书{locked.get_status_display()}，不能再次签发")
    return locked


def document_void(*, document: Document, reason: str, actor: Any) -> Document:
    """Void an issued document. Its number stays recorded against it and is never reused."""
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise DomainError("请填写作废原因（不少于4个字）")
    with transaction.atomic():
        locked = Document.all_towns.select_for_update().get(pk=document.pk)
        if locked.status != Document.Status.ISSUED:
            raise Conflict("只有已签发的文书可以作废；草稿可直接删除或修改")
        locked.status = Document.Status.VOIDED
        locked.void_reason = reason[:300]
        locked.voided_at = clock.now()
        locked.voided_by = actor if getattr(actor, "pk", None) else None
        locked.save(update_fields=["status", "void_reason", "voided_at", "voided_by"])
        document_voided.send(sender=Document, document=locked, actor=actor, reason=reason)
    return locked


def document_delete_draft(*, document: Document, actor: Any) -> None:
    if not document.is_draft:
        raise Conflict("已签发的文书不能删除，只能作废")
    if document.number_seq is not None:
        # its number was taken by an issue that did not finish; a deleted draft would leave a gap
        raise Conflict("该草稿已编定文号，请重新签发，不能删除")
    document.delete()


# --- rendering ---------------------------------------------------------------------------------


def _page(document: Document) -> render.Page:
    definition = doc_type_get(document.doc_type)
    context = full_context(
        town=document.town,
        definition=definition,
        context=document.context,
        number=document.number,
        date=document.doc_date,
    )
    return render.Page(
        engine.resolve(document.template.blocks, context),
        anchor=f"doc-{document.pk}",
        voided=document.status == Document.Status.VOIDED,
    )


def document_render_pdf(*, document: Document) -> bytes:
    """The stored PDF of an issued document (as signed), or a fresh render of a draft.

    A stored file whose SHA-256 is not the one recorded at issue is refused, never served as
    the signed document (ADR 0026)."""
    if document.pdf and document.status != Document.Status.DRAFT:
        with document.pdf.open("rb") as handle:
            data = handle.read()
        if hashlib.sha256(data).hexdigest() != document.pdf_sha256:
            raise DomainError(
                f"文书“{document}”的存档文件与签发时的哈希不符，可能已被替换或损坏，"
                "已停止提供；请联系系统管理员核查（zhifa verify-record）",
                code="document_tampered",
                status=409,
            )
        return data
    return render.render_pdf([_page(document)])


def document_render_docx(*, document: Document) -> bytes:
    return render.render_docx([_page(document)])


def sample_pages(*, town: Town, doc_type: str) -> render.Page:
    definition = doc_type_get(doc_type)
    template = template_current(town=town, doc_type=doc_type)
    context = sample_context(town=town, definition=definition)
    return render.Page(engine.resolve(template.blocks, context), specimen=True)


def sample_render_pdf(*, town: Town, doc_type: str) -> bytes:
    return render.render_pdf([sample_pages(town=town, doc_type=doc_type)])


def sample_render_docx(*, town: Town, doc_type: str) -> bytes:
    return render.render_docx([sample_pages(town=town, doc_type=doc_type)])


def context_render(*, town: Town, doc_type: str, context: dict[str, Any], kind: str) -> bytes:
    """A document rendered from a context without storing anything (a live preview), in the
    town's current wording; ``kind`` is "pdf" or "docx"."""
    definition = doc_type_get(doc_type)
    template = template_current(town=town, doc_type=doc_type)
    page = render.Page(
        engine.resolve(
            template.blocks, full_context(town=town, definition=definition, context=context)
        )
    )
    return render.render_docx([page]) if kind == "docx" else render.render_pdf([page])


def all_doc_types() -> list[DocType]:
    return doc_types()


# --- dossier (卷宗) -----------------------------------------------------------------------------


def dossier_build(
    *,
    town: Town,
    cover: dict[str, Any],
    documents: list[Document],
    evidence_listing: list[dict[str, Any]],
) -> bytes:
    """One PDF: cover, 卷内目录 with page numbers, then each issued document and the evidence
    listing, numbered from 1 at the first document. ``cover`` is the 卷宗封面 context;
    ``evidence_listing`` rows are {name, source, description, date}."""
    issued = [d for d in documents if d.status != Document.Status.DRAFT]
    if len(issued) != len(documents):
        raise DomainError("卷宗只能收入已签发的文书，请先签发或移出草稿")
    if not issued and not evidence_listing:
        raise DomainError("卷宗没有可收入的文书或证据材料")
    pages = [_page(d) for d in issued]
    if evidence_listing:
        pages.append(render.Page(_evidence_blocks(evidence_listing), anchor="evidence"))
    body = render.pdf_document(render.html_document(pages))
    starts: dict[str, int] = {}
    for number, page in enumerate(body.pages, start=1):
        for anchor in page.anchors:
            starts.setdefault(anchor, number)
    total = len(body.pages)
    ordered = [p.anchor for p in pages]
    entries = []
    for index, anchor in enumerate(ordered):
        first = starts.get(anchor, 1)
        last = (
            (starts.get(ordered[index + 1], total + 1) - 1) if index + 1 < len(ordered) else total
        )
        if anchor == "evidence":
            entries.append(
                {"title": "证据材料目录", "number": "", "date": "", "pages": _span(first, last)}
            )
            continue
        d = issued[index]
        entries.append(
            {
                "title": d.get_doc_type_display(),
                "number": d.number,
                "date": d.doc_date.isoformat() if d.doc_date else "",
                "pages": _span(first, last),
            }
        )
    cover_def = doc_type_get("dossier_cover")
    index_def = doc_type_get("dossier_index")
    cover_context = full_context(
        town=town,
        definition=cover_def,
        context={**cover, "archive": {**(cover.get("archive") or {}), "pages": total}},
    )
    index_context = full_context(
        town=town, definition=index_def, context={**cover, "entries": entries}
    )
    front = render.pdf_document(
        render.html_document(
            [
                render.Page(
                    engine.resolve(
                        template_current(town=town, doc_type="dossier_cover").blocks, cover_context
                    )
                ),
                render.Page(
                    engine.resolve(
                        template_current(town=town, doc_type="dossier_index").blocks, index_context
                    )
                ),
            ]
        ).replace("<body>", '<body class="front">', 1)
    )
    return front.copy([*front.pages, *body.pages]).write_pdf()


def _span(first: int, last: int) -> str:
    return str(first) if last <= first else f"{first}-{last}"


def _evidence_blocks(rows: list[dict[str, Any]]) -> list[engine.Resolved]:
    return engine.resolve(
        [
            {"kind": "header", "agency": "", "title": "证据材料目录"},
            {
                "kind": "table",
                "source": "rows",
                "columns": [
                    {"title": "序号", "value": "{{ index }}", "width": "8%"},
                    {"title": "证据名称", "value": "{{ item.name }}", "width": "30%"},
                    {"title": "来源", "value": "{{ item.source }}", "width": "20%"},
                    {"title": "证明内容", "value": "{{ item.description }}", "width": "28%"},
                    {"title": "取得日期", "value": "{{ item.date|plain_date }}", "width": "14%"},
                ],
            },
        ],
        {"rows": rows},
    )
