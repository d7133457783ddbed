"""National identifiers of parties: 统一社会信用代码 (GB 32100-2015) and 居民身份证号码 (GB 11643-1999).

The check characters are computed by python-stdnum (``stdnum.cn.uscc``, ``stdnum.cn.ric``), which
implements both standards; here they are wrapped with Chinese messages and masking for lists.
"""

from __future__ import annotations

from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

from zhifa.core.errors import DomainError


def credit_code_clean(value: str) -> str:
    """Return the normalised 18-character code, or raise with a message a clerk understands."""
    code = uscc.compact(value or "")
    try:
        return uscc.validate(code)
    except InvalidLength as error:
        raise DomainError(
            f"统一社会信用代码应为 18 位，收到 {len(code)} 位", code="bad_credit_code"
        ) from error
    except InvalidChecksum as error:
        raise DomainError(
            f"统一社会信用代码“{code}”校验码不正确（GB 32100），请核对后重新输入",
            code="bad_credit_code",
        ) from error
    except (InvalidFormat, InvalidComponent) as error:
        raise DomainError(
            f"统一社会信用代码“{code}”格式不正确（GB 32100）", code="bad_credit_code"
        ) from error


# GB 2260 province-level codes (first two digits of a 居民身份证号码).
PROVINCES = {
    "11",
    "12",
    "13",
    "14",
    "15",
    "21",
    "22",
    "23",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "41",
    "42",
    "43",
    "44",
    "45",
    "46",
    "50",
    "51",
    "52",
    "53",
    "54",
    "61",
    "62",
    "63",
    "64",
    "65",
    "71",
    "81",
    "82",
}


def id_number_clean(value: str) -> str:
    """Return the normalised 18-character 居民身份证号码, or raise (GB 11643 check digit, birth date).

    The county part of the address code is not looked up: python-stdnum's table of counties is
    historical and rejects codes in use today (some counties among them), so only the province is
    checked; the check digit and the birth date are what catch mistyped numbers.
    """
    number = ric.compact(value or "").upper()
    if len(number) != 18:
        raise DomainError(f"居民身份证号码应为 18 位，收到 {len(number)} 位", code="bad_id_number")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise DomainError("居民身份证号码前 17 位应为数字，末位为数字或 X", code="bad_id_number")
    if number[17] != ric.calc_check_digit(number):
        raise DomainError(
            "居民身份证号码校验位不正确（GB 11643），请核对后重新输入", code="bad_id_number"
        )
    if number[:2] not in PROVINCES:
        raise DomainError("居民身份证号码的地址码不正确（GB 11643）", code="bad_id_number")
    try:
        ric.get_birth_date(number)
    except (InvalidComponent, ValueError) as error:
        raise DomainError(
            "居民身份证号码中的出生日期不正确（GB 11643）", code="bad_id_number"
        ) from error
    return number


def id_number_mask(number: str) -> str:
    """Lists show only the region's first 3 and the last 4 characters: 110***********002X."""
    if not number:
        return ""
    return number[:3] + "*" * (len(number) - 7) + number[-4:]
