"""Every article the house cites and every statutory period, once (issue 14).

Services, rules and documents name an article through these constants, so one article has one
spelling everywhere: the law's full title (``《中华人民共和国行政处罚法》第五十六条``) in messages and
documents, and ``short()`` of it (``行政处罚法第五十六条``) where the house shows a compact label (the
deadline board, the state machine's refusals). ``cite()`` joins several, naming a law once per run.
A ``Period`` is a number of days the law sets, with its unit and article; the ``rule_*`` functions
and the clocks (``core.deadlines``) count with these, never with a number written in a service.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

XCF = "《中华人民共和国行政处罚法》"
QZF = "《中华人民共和国行政强制法》"

# --- 行政处罚法 -------------------------------------------------------------------------------------
A9 = f"{XCF}第九条"
A17 = f"{XCF}第十七条"
A22 = f"{XCF}第二十二条"
A24 = f"{XCF}第二十四条"
A26 = f"{XCF}第二十六条"
A27 = f"{XCF}第二十七条"
A28 = f"{XCF}第二十八条"
A33 = f"{XCF}第三十三条"
A34 = f"{XCF}第三十四条"
A36 = f"{XCF}第三十六条"
A42 = f"{XCF}第四十二条"
A43 = f"{XCF}第四十三条"
A44 = f"{XCF}第四十四条"
A45 = f"{XCF}第四十五条"
A47 = f"{XCF}第四十七条"
A48 = f"{XCF}第四十八条"
A51 = f"{XCF}第五十一条"
A52 = f"{XCF}第五十二条"
A54 = f"{XCF}第五十四条"
A55 = f"{XCF}第五十五条"
A56 = f"{XCF}第五十六条"
A57 = f"{XCF}第五十七条"
A58 = f"{XCF}第五十八条"
A59 = f"{XCF}第五十九条"
A60 = f"{XCF}第六十条"
A61 = f"{XCF}第六十一条"
A62 = f"{XCF}第六十二条"
A63 = f"{XCF}第六十三条"
A64 = f"{XCF}第六十四条"
A66 = f"{XCF}第六十六条"
A67 = f"{XCF}第六十七条"
A68 = f"{XCF}第六十八条"
A69 = f"{XCF}第六十九条"
A70 = f"{XCF}第七十条"
A71 = f"{XCF}第七十一条"
A72 = f"{XCF}第七十二条"
A73 = f"{XCF}第七十三条"

# --- 行政强制法 -------------------------------------------------------------------------------------
Q18 = f"{QZF}第十八条"
Q21 = f"{QZF}第二十一条"
Q22 = f"{QZF}第二十二条"
Q24 = f"{QZF}第二十四条"
Q25 = f"{QZF}第二十五条"
Q28 = f"{QZF}第二十八条"
Q35 = f"{QZF}第三十五条"
Q37 = f"{QZF}第三十七条"
Q43 = f"{QZF}第四十三条"
Q45 = f"{QZF}第四十五条"
Q53 = f"{QZF}第五十三条"
Q54 = f"{QZF}第五十四条"
Q55 = f"{QZF}第五十五条"

# --- other laws ------------------------------------------------------------------------------------
AQ70 = "《中华人民共和国安全生产法》第七十条"
AQ70_2 = f"{AQ70}第二款"  # 24 hours' written notice to the business before a power cut
FY23 = "《中华人民共和国行政复议法》第二十三条"
MSS = "《中华人民共和国民事诉讼法》第八十七条至第九十五条"
MSS89 = "《中华人民共和国民事诉讼法》第八十九条"
GB118 = "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）"
GB118_SHORT = "国办发〔2018〕118号"

_TITLE = re.compile(r"《中华人民共和国([^》]+)》")
_LAW = re.compile(r"^(《[^》]+》)(.*)$")


def short(citation: str) -> str:
    """The compact label of a citation: ``《中华人民共和国行政处罚法》第五十六条`` → ``行政处罚法第五十六条``."""
    return _TITLE.sub(r"\1", citation)


def cite(*citations: str) -> str:
    """Several articles in one citation, naming a law once per run of its articles:
    ``cite(A44, A62)`` → ``《中华人民共和国行政处罚法》第四十四条、第六十二条``."""
    parts: list[str] = []
    previous = ""
    for citation in citations:
        found = _LAW.match(citation)
        law = found.group(1) if found else ""
        parts.append(found.group(2) if found and law == previous else citation)
        previous = law
    return "、".join(parts)


# --- amounts ---------------------------------------------------------------------------------------
CITIZEN, ORGANISATION = "citizen", "organisation"
SIMPLE_LIMITS = {CITIZEN: Decimal(200), ORGANISATION: Decimal(3000)}  # 第五十一条
ON_THE_SPOT_COLLECTION_LIMIT = Decimal(100)  # 第六十八条
SURCHARGE_RATE = Decimal("0.03")  # 第七十二条


# --- periods ---------------------------------------------------------------------------------------
# Units as ``core.models.Deadline.Unit`` stores them (this module imports no model).
WORKING_DAYS, CALENDAR_DAYS = "working_days", "calendar_days"


@dataclass(frozen=True)
class Period:
    """A period the law sets: ``amount`` days of ``unit``, by ``article``."""

    amount: int
    unit: str
    article: str


# 处罚法第五十四条、第六十条: a decision within 90 days of filing.
DECISION = Period(90, CALENDAR_DAYS, A60)
# 第四十四条、第四十五条: the party's statement window (the law sets no length; the house gives 3
# working days, as long as the hearing-request window when a hearing is offered).
STATEMENT = Period(3, WORKING_DAYS, A44)
# 第六十四条: a hearing request within 5 working days; its notice 7 working days before.
HEARING_REQUEST = Period(5, WORKING_DAYS, A64)
HEARING_NOTICE = Period(7, WORKING_DAYS, A64)
# 第六十一条: a decision served within 7 working days when the party was absent.
SERVICE = Period(7, WORKING_DAYS, A61)
# 民事诉讼法: service by public notice takes effect after 30 days.
PUBLIC_NOTICE = Period(30, CALENDAR_DAYS, MSS)
# 第六十七条: payment within 15 days of service.
PAYMENT = Period(15, CALENDAR_DAYS, A67)
# 第七十一条: a fine collected on the spot handed in within 2 working days.
HAND_IN = Period(2, WORKING_DAYS, A71)
# 强制法第五十四条: court enforcement 10 (working) days after the reminder was served.
REMINDER = Period(10, WORKING_DAYS, Q54)
# 处罚法第四十八条, 118号: a decision disclosed within 7 working days, withdrawn within 3 when changed.
DISCLOSURE = Period(7, WORKING_DAYS, f"{A48}、{GB118_SHORT}")
DISCLOSURE_WITHDRAW = Period(3, WORKING_DAYS, f"{A48}、{GB118_SHORT}")
# 强制法第二十五条: a seizure ≤30 days, one extension ≤30 days.
SEIZURE = Period(30, CALENDAR_DAYS, Q25)
SEIZURE_EXTENSION = Period(30, CALENDAR_DAYS, Q25)
# 处罚法第五十六条: a decision on goods held as evidence within 7 working days.
EVIDENCE_HOLD = Period(7, WORKING_DAYS, A56)
# 行政复议法: 60 days to apply for reconsideration; 行政诉讼法: 6 months to sue; 强制法第五十三条:
# 3 months after both have run out to apply to the court.
RECONSIDERATION_DAYS = 60
LAWSUIT_MONTHS = 6
COURT_APPLICATION_MONTHS = 3
