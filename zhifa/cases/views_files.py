"""Files of a case opened from its page: each document as PDF or DOCX. Whoever may see the case may open them; the
file must belong to that case."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse

from zhifa.core.errors import NotFound
from zhifa.documents.services import document_render_docx, document_render_pdf

from . import selectors as sel

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def document_file(request: HttpRequest, pk: int, doc_id: int, kind: str) -> HttpResponse:
    case = sel.case_get_for_user(request.user, pk)
    document = sel.case_documents(case).filter(pk=doc_id).first()
    if document is None or kind not in TYPES:
        raise NotFound("本案没有这份文书")
    render = document_render_docx if kind == "docx" else document_render_pdf
    response = HttpResponse(render(document=document), content_type=TYPES[kind])
    # a PDF opens in the browser; a DOCX downloads for editing
    disposition = "inline" if kind == "pdf" else "attachment"
    name = f"{document.get_doc_type_display()}{('-' + document.number) if document.number else ''}"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}.{kind}"
    return response
