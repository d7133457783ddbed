"""The published list's columns and the text forms of its cells.

One row of the Excel list (and the admin's edit form) is read by ``row_parse`` and written by
``row_values``; both sides use the same cell grammars, so export → import gives back the same list:

- 实施依据, one provision a line: ``《中华人民共和国矿产资源法》第六十四条〔2025-07-01起〕：条文``
  (dates optional: ``〔2019-12-28至2025-06-30〕``, ``〔至2025-06-30〕``).
- 罚款标准, one rule a line: ``对象｜标准｜依据[｜条件]`` — 对象 不限/单位/个人; 标准 ``10000-100000元``,
  ``每平方米10-50元``, ``矿产品价值的3-5倍``, ``项目总投资额的1%-5%``; 依据 an article with optional
  dates; 条件 ``矿产品价值≥100000`` or ``矿产品价值<100000``.
- 裁量基准, one level a line: ``等级｜违法情形｜处罚标准｜罚款幅度｜公布日期`` (last two optional).
- 不予处罚情形: lines starting ``首违不罚：`` or ``轻微免罚：``.
- 清单互认, one a line: ``确认部门｜确认日期｜函号``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .facts import FACT_BY_LABEL, FACT_BY_UNIT, FACTS, fact_label, fact_unit
from .models import (
    Allocation,
    Department,
    DiscretionStandard,
    Domain,
    FineRule,
    PenaltyKind,
    PowerItem,
)

COLUMNS = [
    "序号",
    "事项编码",
    "事项名称",
    "事项类型",
    "实施依据",
    "原实施部门",
    "领域",
    "处罚种类",
    "罚款标准",
    "裁量基准",
    "不予处罚情形",
    "下放状态",
    "下放日期",
    "收回日期",
    "下放文件",
    "清单互认",
    "限定范围",
    "备注",
]
REQUIRED = ["事项编码", "事项名称", "事项类型", "实施依据", "原实施部门", "领域", "下放状态"]

STATUS_DELEGATED, STATUS_WITHDRAWN, STATUS_ORIGINAL, STATUS_COUNTY = (
    "下放",
    "收回",
    "法定",
    "未下放",
)
STATUSES = [STATUS_DELEGATED, STATUS_WITHDRAWN, STATUS_ORIGINAL, STATUS_COUNTY]

TYPE_BY_LABEL = {label: value for value, label in PowerItem.Type.choices}
TYPE_BY_LABEL["其他"] = PowerItem.Type.OTHER
KIND_BY_LABEL = {label: value for value, label in PenaltyKind.choices}
PARTY_BY_LABEL = {label: value for value, label in FineRule.Party.choices}
LEVEL_BY_LABEL = {label: value for value, label in DiscretionStandard.Level.choices}
SEP = re.compile(r"[｜|]")

_NUM = r"\d+(?:\.\d+)?"
PROVISION_RE = re.compile(
    r"^《(?P<law>[^》]+)》(?P<article>第[^条]{1,10}条(?:之[一二三四五六七八九十]+)?)"
    r"(?P<para>(?:、?第[^款项条〔：:、]{1,5}[款项])*)(?:〔(?P<dates>[^〕]*)〕)?[：:](?P<text>.+)$"
)
DATES_RE = re.compile(r"^(?P<f>\d{4}-\d{2}-\d{2})?(?:起)?(?:至(?P<t>\d{4}-\d{2}-\d{2}))?$")
FIXED_RE = re.compile(rf"^(?P<lo>{_NUM})[-–~至](?P<hi>{_NUM})元$")
PER_UNIT_RE = re.compile(rf"^每(?P<unit>[^\d]+?)(?P<lo>{_NUM})[-–~至](?P<hi>{_NUM})元$")
MULTIPLE_RE = re.compile(rf"^(?P<fact>[^\d]+?)的(?P<lo>{_NUM})[-–~至](?P<hi>{_NUM})倍$")
PERCENT_RE = re.compile(rf"^(?P<fact>[^\d]+?)的(?P<lo>{_NUM})%[-–~至](?P<hi>{_NUM})%$")
CONDITION_RE = re.compile(rf"^(?P<fact>[^\d≥<]+?)(?P<op>≥|<)(?P<value>{_NUM})$")
ARTICLE_DATES_RE = re.compile(r"^(?P<article>.+?)(?:〔(?P<dates>[^〕]*)〕)?$")


class CellError(ValueError):
    """A cell could not be read; the message is Chinese and names what is wrong."""


@dataclass
class ItemRow:
    """One item as the list states it."""

    code: str
    name: str
    type: str
    domain: Domain
    department: Department
    origin: str
    sort: int = 0
    penalty_kinds: list[str] = field(default_factory=list)
    provisions: list[dict[str, Any]] = field(default_factory=list)
    fine_rules: list[dict[str, Any]] = field(default_factory=list)
    standards: list[dict[str, Any]] = field(default_factory=list)
    exemption_conditions: str = ""
    status: str = STATUS_COUNTY
    held_from: dt.date | None = None
    held_to: dt.date | None = None
    decision_ref: str = ""
    recognitions: list[dict[str, Any]] = field(default_factory=list)
    limits: str = ""
    notes: str = ""

    @property
    def first_offence_exempt(self) -> bool:
        return any(line.startswith("首违不罚") for line in self.exemption_conditions.splitlines())

    @property
    def minor_exempt(self) -> bool:
        return any(line.startswith("轻微免罚") for line in self.exemption_conditions.splitlines())


class Lookups:
    """Departments and domains of a town, by every name a list may use for them."""

    def __init__(self, town: Any) -> None:
        self.departments: dict[str, Department] = {}
        for dept in Department.all_towns.filter(town=town):
            self.departments[dept.name] = dept
            if dept.short_name:
                self.departments.setdefault(dept.short_name, dept)
        self.domains: dict[str, Domain] = {}
        for domain in Domain.objects.all():
            self.domains[domain.name] = domain
            self.domains[domain.code] = domain


# ---- small readers -------------------------------------------------------------------------


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def lines(value: Any) -> list[str]:
    return [line.strip() for line in text(value).splitlines() if line.strip()]


def number(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise CellError(f"“{value}”不是数字") from error


def num(value: Decimal | None) -> str:
    """A Decimal as a list writes it: no exponent, no trailing zeros."""
    if value is None:
        return ""
    text_ = format(Decimal(value).normalize(), "f")
    return text_


def parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value)
    for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise CellError(f"“{raw}”不是有效日期，应写作 2022-10-31")


def parse_dates(raw: str | None) -> tuple[dt.date | None, dt.date | None]:
    if not raw:
        return None, None
    match = DATES_RE.match(raw.strip())
    if not match or not (match["f"] or match["t"]):
        raise CellError(
            f"施行期间“{raw}”应写作“2025-07-01起”“至2025-06-30”或“2019-12-28至2025-06-30”"
        )
    start, end = parse_date(match["f"]), parse_date(match["t"])
    if start and end and end < start:
        raise CellError(f"施行期间“{raw}”的失效日期早于施行日期")
    return start, end


def format_dates(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"〔{start:%Y-%m-%d}至{end:%Y-%m-%d}〕"
    if start:
        return f"〔{start:%Y-%m-%d}起〕"
    if end:
        return f"〔至{end:%Y-%m-%d}〕"
    return ""


# ---- cell grammars ---------------------------------------------------------------------------


def parse_provisions(value: Any) -> list[dict[str, Any]]:
    found = []
    for index, line in enumerate(lines(value), start=1):
        match = PROVISION_RE.match(line)
        if not match:
            raise CellError(
                f"第{index}条依据“{line[:30]}…”格式不对，应写作“《法律名称》第X条：条文”"
            )
        start, end = parse_dates(match["dates"])
        found.append(
            {
                "sort": index,
                "law": match["law"].strip(),
                "article": match["article"],
                "paragraph": match["para"] or "",
                "text": match["text"].strip(),
                "effective_from": start,
                "effective_to": end,
            }
        )
    return found


def format_provision(p: Any) -> str:
    dates = format_dates(p.effective_from, p.effective_to)
    return f"《{p.law}》{p.article}{p.paragraph}{dates}：{p.text}"


def parse_fine_rules(value: Any) -> list[dict[str, Any]]:
    found = []
    for index, line in enumerate(lines(value), start=1):
        parts = [p.strip() for p in SEP.split(line)]
        if len(parts) not in (3, 4):
            raise CellError(f"第{index}条罚款标准应写作“对象｜标准｜依据”，可加“｜条件”")
        party_label, standard, basis = parts[:3]
        if party_label not in PARTY_BY_LABEL:
            raise CellError(f"第{index}条罚款标准的对象“{party_label}”应为 不限、单位 或 个人")
        rule: dict[str, Any] = {"sort": index, "party": PARTY_BY_LABEL[party_label]}
        rule.update(_parse_standard(standard, index))
        article = ARTICLE_DATES_RE.match(basis)
        if not basis or not article:
            raise CellError(f"第{index}条罚款标准缺少依据条款")
        rule["article"] = article["article"].strip()
        rule["effective_from"], rule["effective_to"] = parse_dates(article["dates"])
        rule.update(condition_fact="", condition_min=None, condition_max=None)
        if len(parts) == 4 and parts[3]:
            cond = CONDITION_RE.match(parts[3])
            if not cond or cond["fact"] not in FACT_BY_LABEL:
                raise CellError(f"第{index}条罚款标准的条件“{parts[3]}”应写作“矿产品价值≥100000”")
            rule["condition_fact"] = FACT_BY_LABEL[cond["fact"]]
            key = "condition_min" if cond["op"] == "≥" else "condition_max"
            rule[key] = number(cond["value"])
        found.append(rule)
    return found


def _parse_standard(standard: str, index: int) -> dict[str, Any]:
    base = {"min_amount": None, "max_amount": None, "min_rate": None, "max_rate": None, "fact": ""}
    if match := FIXED_RE.match(standard):
        base.update(
            form=FineRule.Form.FIXED, min_amount=number(match["lo"]), max_amount=number(match["hi"])
        )
    elif match := PER_UNIT_RE.match(standard):
        if match["unit"] not in FACT_BY_UNIT:
            units = "、".join(FACT_BY_UNIT)
            raise CellError(f"第{index}条罚款标准的计量单位“{match['unit']}”不认识，可用：{units}")
        base.update(form=FineRule.Form.PER_UNIT, fact=FACT_BY_UNIT[match["unit"]])
        base.update(min_rate=number(match["lo"]), max_rate=number(match["hi"]))
    elif (match := PERCENT_RE.match(standard)) or (match := MULTIPLE_RE.match(standard)):
        if match["fact"] not in FACT_BY_LABEL:
            names = "、".join(label for label, unit in FACTS.values() if not unit)
            raise CellError(f"第{index}条罚款标准的计罚基数“{match['fact']}”不认识，可用：{names}")
        form = FineRule.Form.PERCENTAGE if "%" in standard else FineRule.Form.MULTIPLE
        base.update(form=form, fact=FACT_BY_LABEL[match["fact"]])
        base.update(min_rate=number(match["lo"]), max_rate=number(match["hi"]))
    else:
        raise CellError(
            f"第{index}条罚款标准“{standard}”看不懂，应写作“10000-100000元”“每平方米10-50元”"
            "“矿产品价值的3-5倍”或“项目总投资额的1%-5%”"
        )
    low = base["min_amount"] if base["min_amount"] is not None else base["min_rate"]
    high = base["max_amount"] if base["max_amount"] is not None else base["max_rate"]
    if high < low:
        raise CellError(f"第{index}条罚款标准的上限低于下限")
    return base


def format_fine_rule(r: Any) -> str:
    if r.form == FineRule.Form.FIXED:
        standard = f"{num(r.min_amount)}-{num(r.max_amount)}元"
    elif r.form == FineRule.Form.PER_UNIT:
        standard = f"每{fact_unit(r.fact)}{num(r.min_rate)}-{num(r.max_rate)}元"
    elif r.form == FineRule.Form.MULTIPLE:
        standard = f"{fact_label(r.fact)}的{num(r.min_rate)}-{num(r.max_rate)}倍"
    else:
        standard = f"{fact_label(r.fact)}的{num(r.min_rate)}%-{num(r.max_rate)}%"
    parts = [
        FineRule.Party(r.party).label,
        standard,
        r.article + format_dates(r.effective_from, r.effective_to),
    ]
    if r.condition_fact:
        if r.condition_min is not None:
            parts.append(f"{fact_label(r.condition_fact)}≥{num(r.condition_min)}")
        elif r.condition_max is not None:
            parts.append(f"{fact_label(r.condition_fact)}<{num(r.condition_max)}")
    return "｜".join(parts)


def parse_standards(value: Any) -> list[dict[str, Any]]:
    found = []
    for index, line in enumerate(lines(value), start=1):
        parts = [p.strip() for p in SEP.split(line)]
        if len(parts) < 3 or len(parts) > 5:
            raise CellError(
                f"第{index}条裁量基准应写作“等级｜违法情形｜处罚标准”，可加“｜罚款幅度｜公布日期”"
            )
        parts += [""] * (5 - len(parts))
        if parts[0] not in LEVEL_BY_LABEL:
            raise CellError(f"第{index}条裁量基准的等级“{parts[0]}”应为 轻微、一般、较重 或 严重")
        low = high = None
        if parts[3]:
            match = FIXED_RE.match(parts[3])
            if not match:
                raise CellError(f"第{index}条裁量基准的罚款幅度“{parts[3]}”应写作“1000-5000元”")
            low, high = number(match["lo"]), number(match["hi"])
        found.append(
            {
                "sort": index,
                "level": LEVEL_BY_LABEL[parts[0]],
                "circumstances": parts[1],
                "sanction": parts[2],
                "min_amount": low,
                "max_amount": high,
                "published_on": parse_date(parts[4]),
            }
        )
    return found


def format_standard(s: Any) -> str:
    amount = f"{num(s.min_amount)}-{num(s.max_amount)}元" if s.min_amount is not None else ""
    published = f"{s.published_on:%Y-%m-%d}" if s.published_on else ""
    return "｜".join(
        [DiscretionStandard.Level(s.level).label, s.circumstances, s.sanction, amount, published]
    ).rstrip("｜")


def parse_exemptions(value: Any) -> str:
    for index, line in enumerate(lines(value), start=1):
        if not (line.startswith("首违不罚") or line.startswith("轻微免罚")):
            raise CellError(f"第{index}行应以“首违不罚：”或“轻微免罚：”开头")
    return "\n".join(lines(value))


def parse_kinds(value: Any) -> list[str]:
    kinds = []
    for label in re.split(r"[、,，;；\s]+", text(value)):
        if not label:
            continue
        if label not in KIND_BY_LABEL:
            raise CellError(f"处罚种类“{label}”不是行政处罚法第九条规定的种类")
        kinds.append(str(KIND_BY_LABEL[label]))
    return kinds


def parse_recognitions(value: Any, lookups: Lookups) -> list[dict[str, Any]]:
    found = []
    for index, line in enumerate(lines(value), start=1):
        parts = [p.strip() for p in SEP.split(line)]
        if len(parts) != 3:
            raise CellError(f"第{index}条互认应写作“确认部门｜确认日期｜函号”")
        dept = lookups.departments.get(parts[0])
        if dept is None:
            raise CellError(f"第{index}条互认的部门“{parts[0]}”不在本镇部门名录中")
        found.append(
            {"department": dept, "confirmed_on": parse_date(parts[1]), "letter_number": parts[2]}
        )
    return found


# ---- one row ---------------------------------------------------------------------------------


def row_parse(
    values: dict[str, Any], lookups: Lookups
) -> tuple[ItemRow | None, list[tuple[str, str]]]:
    """Read one row; returns the item or the list of (column, Chinese message) errors."""
    errors: list[tuple[str, str]] = []
    got: dict[str, Any] = {}

    def read(column: str, reader: Any) -> None:
        try:
            got[column] = reader(values.get(column))
        except CellError as error:
            errors.append((column, str(error)))

    for column in REQUIRED:
        if not text(values.get(column)):
            errors.append((column, "不能为空"))
    code, name = text(values.get("事项编码")), text(values.get("事项名称"))
    if len(code) > 40:
        errors.append(("事项编码", "不能超过40个字符"))
    if len(name) > 300:
        errors.append(("事项名称", "不能超过300个字符"))
    type_label = text(values.get("事项类型"))
    if type_label and type_label not in TYPE_BY_LABEL:
        errors.append(
            ("事项类型", f"“{type_label}”应为 行政处罚、行政检查、行政强制 或 其他行政权力")
        )
    dept_name = text(values.get("原实施部门"))
    if dept_name and dept_name not in lookups.departments:
        errors.append(("原实施部门", f"“{dept_name}”不在本镇部门名录中，请先在部门名录中添加"))
    domain_name = text(values.get("领域"))
    if domain_name and domain_name not in lookups.domains:
        names = "、".join(d.name for d in Domain.objects.all())
        errors.append(("领域", f"“{domain_name}”不是执法领域，应为：{names}"))
    status = text(values.get("下放状态"))
    if status and status not in STATUSES:
        errors.append(("下放状态", "应为 下放、收回、法定 或 未下放"))
    sort_raw = text(values.get("序号"))
    if sort_raw and not sort_raw.isdigit():
        errors.append(("序号", f"“{sort_raw}”应为整数"))
    read("实施依据", parse_provisions)
    read("处罚种类", parse_kinds)
    read("罚款标准", parse_fine_rules)
    read("裁量基准", parse_standards)
    read("不予处罚情形", parse_exemptions)
    read("下放日期", parse_date)
    read("收回日期", parse_date)
    read("清单互认", lambda v: parse_recognitions(v, lookups))
    held_from, held_to = got.get("下放日期"), got.get("收回日期")
    if (
        status in (STATUS_DELEGATED, STATUS_ORIGINAL, STATUS_WITHDRAWN)
        and "下放日期" in got
        and not held_from
    ):
        errors.append(("下放日期", f"下放状态为“{status}”时必须填写"))
    if status == STATUS_WITHDRAWN and "收回日期" in got and not held_to:
        errors.append(("收回日期", "下放状态为“收回”时必须填写"))
    if status in (STATUS_DELEGATED, STATUS_ORIGINAL, STATUS_COUNTY) and held_to:
        errors.append(("收回日期", f"下放状态为“{status}”时不应填写收回日期"))
    if status == STATUS_COUNTY and held_from:
        errors.append(("下放日期", "下放状态为“未下放”时不应填写下放日期"))
    if held_from and held_to and held_to < held_from:
        errors.append(("收回日期", "早于下放日期"))
    if (
        got.get("罚款标准")
        and type_label
        and TYPE_BY_LABEL.get(type_label) != PowerItem.Type.PENALTY
    ):
        errors.append(("罚款标准", "只有行政处罚事项可以设置罚款标准"))
    if errors:
        return None, errors
    origin = {
        STATUS_ORIGINAL: PowerItem.Origin.ORIGINAL,
        STATUS_COUNTY: PowerItem.Origin.COUNTY,
    }.get(status, PowerItem.Origin.DELEGATED)
    return (
        ItemRow(
            code=code,
            name=name,
            type=TYPE_BY_LABEL[type_label],
            domain=lookups.domains[domain_name],
            department=lookups.departments[dept_name],
            origin=origin,
            sort=int(sort_raw or 0),
            penalty_kinds=got["处罚种类"],
            provisions=got["实施依据"],
            fine_rules=got["罚款标准"],
            standards=got["裁量基准"],
            exemption_conditions=got["不予处罚情形"],
            status=status,
            held_from=held_from,
            held_to=held_to,
            decision_ref=text(values.get("下放文件")),
            recognitions=got["清单互认"],
            limits=text(values.get("限定范围"))[:200],
            notes=text(values.get("备注")),
        ),
        [],
    )


def latest_allocation(item: PowerItem) -> Allocation | None:
    allocations = list(item.allocations.all())
    return allocations[-1] if allocations else None


def row_values(item: PowerItem) -> dict[str, Any]:
    """The item as one row of the published list (also the audit snapshot)."""
    allocation = latest_allocation(item)
    if allocation is None:
        status = STATUS_COUNTY
    elif allocation.status == Allocation.Status.WITHDRAWN:
        status = STATUS_WITHDRAWN
    elif item.origin == PowerItem.Origin.ORIGINAL:
        status = STATUS_ORIGINAL
    else:
        status = STATUS_DELEGATED
    return {
        "序号": item.sort,
        "事项编码": item.code,
        "事项名称": item.name,
        "事项类型": item.get_type_display(),
        "实施依据": "\n".join(format_provision(p) for p in item.provisions.all()),
        "原实施部门": item.department.name,
        "领域": item.domain.name,
        "处罚种类": "、".join(item.penalty_kind_labels()),
        "罚款标准": "\n".join(format_fine_rule(r) for r in item.fine_rules.all()),
        "裁量基准": "\n".join(format_standard(s) for s in item.standards.all()),
        "不予处罚情形": item.exemption_conditions,
        "下放状态": status,
        "下放日期": allocation.effective_from if allocation else None,
        "收回日期": allocation.effective_to if allocation else None,
        "下放文件": allocation.decision_ref if allocation else "",
        "清单互认": "\n".join(
            f"{r.department.name}｜{r.confirmed_on:%Y-%m-%d}｜{r.letter_number}"
            for r in item.recognitions.all()
        ),
        "限定范围": item.limits,
        "备注": item.notes,
    }


def row_snapshot(row: ItemRow) -> dict[str, Any]:
    """The row as ``row_values`` would give it once saved (no database round trip)."""
    from types import SimpleNamespace as NS

    kinds = "、".join(PenaltyKind(k).label for k in row.penalty_kinds)
    return {
        "序号": row.sort,
        "事项编码": row.code,
        "事项名称": row.name,
        "事项类型": PowerItem.Type(row.type).label,
        "实施依据": "\n".join(format_provision(NS(**p)) for p in row.provisions),
        "原实施部门": row.department.name,
        "领域": row.domain.name,
        "处罚种类": kinds,
        "罚款标准": "\n".join(format_fine_rule(NS(**r)) for r in row.fine_rules),
        "裁量基准": "\n".join(format_standard(NS(**s)) for s in row.standards),
        "不予处罚情形": row.exemption_conditions,
        "下放状态": row.status,
        "下放日期": row.held_from,
        "收回日期": row.held_to,
        "下放文件": row.decision_ref,
        "清单互认": "\n".join(
            f"{r['department'].name}｜{r['confirmed_on']:%Y-%m-%d}｜{r['letter_number']}"
            for r in row.recognitions
        ),
        "限定范围": row.limits,
        "备注": row.notes,
    }
