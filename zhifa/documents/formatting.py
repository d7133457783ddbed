"""Chinese formatting for documents: dates in Chinese numerals, money in capitals.

Forms print dates like 二〇二六年九月二十九日 and sums like 人民币陆万元整; these helpers are the
one place that does it, used as template filters (``cn_date``, ``cn_money``) by every template.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

_SHANGHAI = ZoneInfo("Asia/Shanghai")
_DIGITS = "〇一二三四五六七八九"
_CAPITAL = "零壹贰叁肆伍陆柒捌玖"


def _small_number(n: int) -> str:
    """1..31 in Chinese numerals as dates write them (十, 十九, 二十九, 三十一)."""
    if n < 10:
        return _DIGITS[n]
    tens, units = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[units] if units else ''}"


def _local(value: dt.datetime) -> dt.datetime:
    """A time as the document's reader lives it: an aware time in Asia/Shanghai (a context may
    carry UTC, as the database gives it); a naive one is taken as already local."""
    return value.astimezone(_SHANGHAI) if value.tzinfo is not None else value


def parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str) and len(value) > 10 and "T" in value:
        with contextlib.suppress(ValueError):
            value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return _local(value).date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def cn_date(value: Any) -> str:
    """二〇二六年九月二十九日; an empty value gives the blank form “    年  月  日”."""
    day = parse_date(value)
    if day is None:
        return "　　年　　月　　日" if value in (None, "") else str(value)
    year = "".join(_DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{_small_number(day.month)}月{_small_number(day.day)}日"


def plain_date(value: Any) -> str:
    """2026年9月29日 (Arabic figures, as records and tables print them)."""
    day = parse_date(value)
    if day is None:
        return "" if value in (None, "") else str(value)
    return f"{day.year}年{day.month}月{day.day}日"


def plain_datetime(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, dt.datetime):
        return plain_date(value)
    value = _local(value)
    return f"{value.year}年{value.month}月{value.day}日{value.hour}时{value.minute:02d}分"


def to_decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def money_capital(value: Any) -> str:
    """60000 → 陆万元整; 10005 → 壹万零伍元整; 1234.5 → 壹仟贰佰叁拾肆元伍角 (财务大写)."""
    amount = to_decimal(value)
    if amount is None:
        return ""
    amount = amount.quantize(Decimal("0.01"))
    yuan = int(amount)
    cents = int((amount - yuan) * 100)
    jiao, fen = divmod(cents, 10)
    out = ""
    if yuan:
        digits = str(yuan)
        groups = ["", "万", "亿", "万"]
        length = len(digits)
        zero_pending = False
        for i, ch in enumerate(digits):
            d = int(ch)
            pos = length - 1 - i  # power of ten
            unit = ("", "拾", "佰", "仟")[pos % 4]
            if d == 0:
                zero_pending = True
            else:
                if zero_pending and out:
                    out += "零"
                zero_pending = False
                out += _CAPITAL[d] + unit
            if pos % 4 == 0 and pos > 0:
                group_digits = digits[max(0, i - 3) : i + 1]
                if int(group_digits):
                    out += groups[pos // 4]
        out += "元"
    if not jiao and not fen:
        return (out or "零元") + "整"
    if jiao:
        out += _CAPITAL[jiao] + "角"
    elif out:
        out += "零"
    if fen:
        out += _CAPITAL[fen] + "分"
    return out


def money_figures(value: Any) -> str:
    amount = to_decimal(value)
    if amount is None:
        return ""
    return f"¥{amount:,.2f}"


def cn_money(value: Any) -> str:
    """人民币陆万元整（¥60,000.00）."""
    if to_decimal(value) is None:
        return ""
    return f"人民币{money_capital(value)}（{money_figures(value)}）"


def clause(value: Any, party: Any = "") -> str:
    """The facts as a clause after “经查，你（单位）”: without the party's name or “当事人”/“你（单位）”
    at its start (the sentence already names them) and without a closing 。 (the template adds one)."""
    text = "" if value is None else str(value).strip()
    for lead in (str(party or "").strip(), "你（单位）", "你单位", "当事人"):
        if lead and text.startswith(lead):
            text = text[len(lead) :].lstrip("，, ")
    return text.rstrip("。．. ")
