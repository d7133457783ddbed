"""Demo documents for the demo town: a few issued from the sample contexts (and one voided), so
the register is not empty. Idempotent: skipped once the town has documents."""

from __future__ import annotations

import copy
import datetime as dt

from zhifa.accounts.models import User
from zhifa.core.models import Town

from . import services
from .definitions import doc_type_get
from .models import Document

DEMO = [
    ("stop_order", "2026-09-08"),
    ("correction_order", "2026-09-12"),
    ("prior_notice_hearing", "2026-09-29"),
    ("onthespot_decision", "2026-09-05"),
    ("penalty_decision", "2026-11-02"),
    ("service_receipt", "2026-09-29"),
]


def seed() -> None:
    town = Town.objects.filter(code="140924101").first()
    if town is None or Document.all_towns.filter(town=town).exists():
        return
    actor = User.objects.filter(username="zhifa1").first()
    leader = User.objects.filter(username="duizhang").first()
    for code, day in DEMO:
        context = copy.deepcopy(doc_type_get(code).sample)
        document = services.document_draft(town=town, doc_type=code, context=context, actor=actor)
        services.document_issue(document=document, actor=actor, date=dt.date.fromisoformat(day))
    wrong = services.document_draft(
        town=town,
        doc_type="stop_order",
        context=copy.deepcopy(doc_type_get("stop_order").sample),
        actor=actor,
    )
    wrong = services.document_issue(document=wrong, actor=actor, date=dt.date(2026, 9, 9))
    services.document_void(document=wrong, reason="当事人名称有误，已重新制发", actor=leader)
    services.document_draft(
        town=town,
        doc_type="reminder",
        context={"party": {"name": "繁峙县示例建筑工程有限公司"}},
        actor=actor,
        title="催告书（待补充内容）",
    )
