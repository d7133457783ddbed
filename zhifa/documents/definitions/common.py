"""Building blocks shared by the type definitions: parties, handlers, remedies, seal."""

from __future__ import annotations

from typing import Any

from zhifa.core.articles import A72, FY23

from .registry import Need


def header(title: str, *, red: bool = False, subtitle: str = "") -> dict[str, Any]:
    return {"kind": "header", "title": title, "red": red, "subtitle": subtitle}


def number() -> dict[str, Any]:
    return {"kind": "number"}


def p(text: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "para", "text": text, **extra}


def addressee(path: str = "party.name") -> dict[str, Any]:
    return {"kind": "para", "text": "{{ " + path + " }}：", "indent": False}


def seal(date: str = "{{ doc.date|cn_date }}") -> dict[str, Any]:
    return {"kind": "seal", "key": "seal", "date": date}


def signatures(*pairs: tuple[str, str]) -> dict[str, Any]:
    return {"kind": "signatures", "lines": [{"l": label, "v": value} for label, value in pairs]}


HANDLERS = (
    "{% for h in handlers %}{{ h.name }}（执法证号：{{ h.cert_no }}）"
    "{% if not forloop.last %}、{% endif %}{% endfor %}"
)

PARTY_GRID_ROWS = [
    [
        {"l": "当事人", "v": "{{ party.name }}"},
        {"l": "统一社会信用代码／身份证号码", "v": "{{ party.id_number }}"},
    ],
    [
        {"l": "法定代表人（负责人）", "v": "{{ party.legal_rep }}"},
        {"l": "联系电话", "v": "{{ party.phone }}"},
    ],
    [{"l": "住所（住址）", "v": "{{ party.address }}", "span": 3}],
]

PARTY_LINES = p(
    "当事人：{{ party.name }}\n"
    "{% if party.id_number %}统一社会信用代码（身份证号码）：{{ party.id_number }}\n{% endif %}"
    "{% if party.legal_rep %}法定代表人（负责人）：{{ party.legal_rep }}\n{% endif %}"
    "住所（住址）：{{ party.address }}",
    indent=False,
)

REMEDY_ORDINARY = {
    "kind": "remedy",
    "key": "remedy",
    "text": "如不服本决定，可以在收到本决定书之日起六十日内向{{ town.county_government }}申请行政复议，"
    "也可以在收到本决定书之日起六个月内依法向人民法院提起行政诉讼。",
}

REMEDY_NOTICE = {
    "kind": "remedy",
    "key": "remedy",
    "text": "如不服本通知，可以在收到本通知书之日起六十日内向{{ town.county_government }}申请行政复议，"
    "也可以在收到本通知书之日起六个月内依法向人民法院提起行政诉讼。",
}

REMEDY_ON_THE_SPOT = {
    "kind": "remedy",
    "key": "remedy",
    "text": "当事人对本决定不服的，应当自收到本决定书之日起六十日内先向{{ town.county_government }}申请行政复议"
    f"（{FY23}，复议前置）；对行政复议决定不服的，"
    "可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。",
}

SURCHARGE = {
    "kind": "para",
    "key": "surcharge",
    "text": f"逾期不缴纳罚款的，依据{A72}第一款第一项的规定，"
    "每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。",
}

NOT_SUSPENDED = p(
    "申请行政复议或者提起行政诉讼期间，本决定不停止执行。逾期不申请行政复议、不提起行政诉讼又不履行本决定的，"
    "本机关将依法申请人民法院强制执行。"
)


def need(label: str, article: str, *paths: str, min_items: int = 0) -> Need:
    return Need(label=label, article=article, paths=paths, min_items=min_items)


def need_block(label: str, article: str, block: str) -> Need:
    return Need(label=label, article=article, block=block)


def handlers_check(article: str) -> Any:
    """≥2 officers, each with a certificate number (处罚法第四十二条; 强制法第十八条)."""

    def check(context: dict[str, Any]) -> list[tuple[str, str]]:
        handlers = context.get("handlers") or []
        certified = [
            h for h in handlers if isinstance(h, dict) and h.get("name") and h.get("cert_no")
        ]
        if len(certified) < 2:
            return [("执法人员不少于两人且应载明执法证件号码", article)]
        return []

    return check


SAMPLE_TOWN_CASE = {
    "case": {
        "number": "繁砂综执〔2026〕立字第18号",
        "cause": "施工工地未采取扬尘污染防治措施案",
        "source": "巡查发现",
        "filed": "2026-08-20",
    },
    "party": {
        "name": "繁峙县示例建筑工程有限公司",
        "kind": "单位",
        "id_number": "91140924MA0XXXXX1A",
        "legal_rep": "冯示例",
        "phone": "0350-5550001",
        "address": "山西省忻州市繁峙县砂河镇示范路18号",
    },
    "handlers": [
        {"name": "张演练", "cert_no": "14092420260001"},
        {"name": "刘测试", "cert_no": "14092420260002"},
    ],
}
