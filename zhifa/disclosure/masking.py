"""What the public may read about a party (公示的去标识化), in one place.

The rules (国办发〔2018〕118号; 个人信息保护法第二十八条; 未成年人保护法第一百一十条):
- a natural person is shown as surname + 某某 (张某某, 欧阳某某); never a full name;
- 居民身份证号码 and telephone numbers are removed, wherever they appear in a text;
- an address is cut to its village (or community), or to the town when no village is named;
- a decision on a minor, or one the team marks as touching privacy, is never published;
- a business name and its 统一社会信用代码 are shown (public by law, 企业信息公示暂行条例);
- officers are shown with their certificate numbers, never their phones.

Functions here are pure: they take values and return what may be shown. The caller passes every
natural person's name it knows of, so a name written into free text is masked there too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Two-character surnames among the common ones (百家姓 复姓): the rest take one character.
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "轩辕",
        "呼延",
        "澹台",
        "万俟",
        "闻人",
        "赫连",
        "申屠",
        "公羊",
        "濮阳",
        "太史",
        "钟离",
        "百里",
        "东郭",
        "拓跋",
    ]
)

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[-－—\s]?\d{7,8}(?!\d)")
REMOVED_ID = "（身份证号码已隐去）"
REMOVED_PHONE = "（电话已隐去）"

# Where an address stops being public: the village (村), its community (社区) or 居委会.
VILLAGE_END = re.compile(r"^(.*?(?:村委会|村|社区|居委会))")
TOWN_END = re.compile(r"^(.*?(?:镇|乡|街道|街道办事处))")


def person_mask(name: str) -> str:
    """张三丰 → 张某某, 欧阳娜 → 欧阳某某; an empty name stays empty."""
    name = (name or "").strip()
    if not name:
        return ""
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    return f"{surname}某某"


def text_scrub(text: str, *, names: Iterable[str] = ()) -> str:
    """Remove ID numbers and phones from a text; mask the natural persons' names it holds."""
    text = text or ""
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        if len(name) >= 2:
            text = text.replace(name, person_mask(name))
    text = ID_NUMBER.sub(REMOVED_ID, text)
    text = MOBILE.sub(REMOVED_PHONE, text)
    return LANDLINE.sub(REMOVED_PHONE, text)


def address_cut(address: str) -> str:
    """某县某镇某村三组12号 → 某县某镇某村; 某县某镇东街8号 → 某县某镇."""
    address = text_scrub((address or "").strip())
    for pattern in (VILLAGE_END, TOWN_END):
        match = pattern.match(address)
        if match:
            return match.group(1)
    return ""


def minor_on(id_number: str, on: dt.date) -> bool:
    """Whether the holder of an 18-digit ID number was under 18 on ``on`` (民法典第十七条).
    A number that cannot be read counts as not known to be a minor; staff still mark the case."""
    number = (id_number or "").strip()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    try:
        adult = born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February
        adult = dt.date(born.year + 18, 3, 1)
    return on < adult


@dataclass(frozen=True)
class PublicParty:
    """A party as the public sees it."""

    kind: str  # 自然人 / 法人或其他组织
    name: str
    credit_code: str = ""
    representative: str = ""
    address: str = ""

    @property
    def is_person(self) -> bool:
        return self.kind == "自然人"


def party_public(
    *, kind: str, name: str, credit_code: str = "", representative: str = "", address: str = ""
) -> PublicParty:
    """``kind`` is the Subject kind: ``individual`` is a natural person (masked); an enterprise or
    a site is shown by its name and code, its legal representative masked (a natural person)."""
    if kind == "individual":
        return PublicParty(kind="自然人", name=person_mask(name), address=address_cut(address))
    return PublicParty(
        kind="法人或其他组织",
        name=text_scrub(name),
        credit_code=credit_code.strip(),
        representative=person_mask(representative),
        address=address_cut(address),
    )
