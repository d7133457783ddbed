"""Every article the house cites and every statutory period, once (issue 14).

Services, rules and documents name an article through these constants, so one article has one
spelling everywhere; the periods are the law's numbers that the ``rule_*`` functions count with.
"""

from __future__ import annotations

from decimal import Decimal

XCF = "《中华人民共和国行政处罚法》"
QZF = "《中华人民共和国行政强制法》"
A27, A33, A36, A42, A44, A45 = (
    f"{XCF}第{n}条" for n in ("二十七", "三十三", "三十六", "四十二", "四十四", "四十五")
)
A51, A57, A58, A59, A60, A61 = (
    f"{XCF}第{n}条" for n in ("五十一", "五十七", "五十八", "五十九", "六十", "六十一")
)
A62, A63, A64, A67, A68, A70 = (
    f"{XCF}第{n}条" for n in ("六十二", "六十三", "六十四", "六十七", "六十八", "七十")
)
A71, A72, A73, A48 = (f"{XCF}第{n}条" for n in ("七十一", "七十二", "七十三", "四十八"))
Q25, Q43, Q53, Q54 = (f"{QZF}第{n}条" for n in ("二十五", "四十三", "五十三", "五十四"))
GB118 = "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）"
MSS = "《中华人民共和国民事诉讼法》第八十七条至第九十五条"

CITIZEN, ORGANISATION = "citizen", "organisation"
SIMPLE_LIMITS = {CITIZEN: Decimal(200), ORGANISATION: Decimal(3000)}
ON_THE_SPOT_COLLECTION_LIMIT = Decimal(100)
SURCHARGE_RATE = Decimal("0.03")
DECISION_DAYS = 90
PAYMENT_DAYS = 15
PUBLIC_NOTICE_DAYS = 30
SEIZURE_MAX_DAYS = 30

A28 = f"{XCF}第二十八条"
A56 = f"{XCF}第五十六条"
A66 = f"{XCF}第六十六条"
A69 = f"{XCF}第六十九条"
Q18, Q28 = (f"{QZF}第{n}条" for n in ("十八", "二十八"))
AQ70 = "《中华人民共和国安全生产法》第七十条"
EXTENSION_MAX_DAYS = 30
HOLD_WORKING_DAYS = 7
