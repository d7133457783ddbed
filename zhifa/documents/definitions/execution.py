"""送达与执行: 送达回证, 催告书, 强制执行决定书, 强制执行申请书."""

from __future__ import annotations

from typing import Any

from zhifa.core.articles import A61, MSS89, Q35, Q37, Q53, Q54, Q55, cite

from .common import (
    REMEDY_ORDINARY,
    SAMPLE_TOWN_CASE,
    addressee,
    header,
    need,
    need_block,
    number,
    p,
    seal,
)
from .registry import DocType, Field, register


def service_check(context: dict[str, Any]) -> list[tuple[str, str]]:
    service = context.get("service") or {}
    if service.get("method") == "留置送达" and not (service.get("witness") or service.get("media")):
        return [("留置送达应当有见证人签名，或者以拍照、录像等方式记录送达过程", MSS89)]
    return []


register(
    DocType(
        code="service_receipt",
        name="送达回证",
        group="送达与执行",
        abbr="",
        description="送达应当有送达回证；当事人不在场的，七个工作日内依照民事诉讼法送达（处罚法第六十一条）；留置送达须有见证人或者拍照录像（民诉法第八十九条）。",
        blocks=[
            header("送达回证"),
            {
                "kind": "table",
                "source": "service.documents",
                "min_rows": 2,
                "columns": [
                    {"title": "送达文书名称", "value": "{{ item.name }}", "width": "55%"},
                    {"title": "文号", "value": "{{ item.number }}", "width": "45%"},
                ],
            },
            {
                "kind": "grid",
                "rows": [
                    [{"l": "受送达人", "v": "{{ recipient.name }}", "span": 3}],
                    [{"l": "送达地点", "v": "{{ service.place }}", "span": 3}],
                    [
                        {"l": "送达方式", "v": "{{ service.method }}"},
                        {"l": "送达时间", "v": "{{ service.time|plain_datetime }}"},
                    ],
                    [{"l": "送达人", "v": "{{ service.servers|join_cn }}", "span": 3}],
                    [
                        {
                            "l": "受送达人签名（盖章）",
                            "v": "{{ service.receiver_signature }}\n\n　　　年　　月　　日",
                            "span": 3,
                            "h": 22,
                        }
                    ],
                    [{"l": "代收人及代收理由", "v": "{{ service.proxy }}", "span": 3}],
                    [{"l": "见证人", "v": "{{ service.witness }}", "span": 3}],
                    [
                        {
                            "l": "备注",
                            "v": "{{ service.note }}{% if service.media %}\n送达过程记录：{{ service.media }}{% endif %}",
                            "span": 3,
                            "h": 18,
                        }
                    ],
                ],
            },
            {
                "kind": "note",
                "text": "送达方式：直接送达、留置送达、委托送达、邮寄送达、电子送达（须经受送达人同意）、公告送达（自发出公告之日起经过三十日视为送达）。",
            },
            seal(),
        ],
        fields=(
            Field("service.documents", "送达的文书（name, number）"),
            Field("recipient.name", "受送达人"),
            Field("service.place", "送达地点"),
            Field("service.method", "送达方式"),
            Field("service.time", "送达时间"),
            Field("service.servers", "送达人（列表）"),
            Field("service.proxy", "代收人"),
            Field("service.witness", "见证人"),
            Field("service.media", "拍照录像记录"),
            Field("service.note", "备注"),
        ),
        needs=(
            need("送达文书名称及文号", A61, "service.documents", min_items=1),
            need("受送达人", A61, "recipient.name"),
            need("送达方式", A61, "service.method"),
            need("送达地点", A61, "service.place"),
        ),
        checks=(service_check,),
        sample={
            **SAMPLE_TOWN_CASE,
            "recipient": {"name": "繁峙县示例建筑工程有限公司"},
            "service": {
                "documents": [
                    {"name": "行政处罚事先告知书（听证）", "number": "繁砂综执听告〔2026〕4号"}
                ],
                "place": "繁峙县砂河镇示范路18号公司办公室",
                "method": "直接送达",
                "time": "2026-09-29T10:30:00",
                "servers": ["张演练", "刘测试"],
            },
        },
    )
)

DEBT = p(
    "本机关于{{ decision.date|plain_date }}作出{{ decision.number }}{{ decision.name|default:'行政处罚决定书' }}，"
    "于{{ decision.served|plain_date }}送达你（单位），决定：{{ decision.content }}。"
    "{% if decision.appeal_expired %}你（单位）在法定期限内未申请行政复议或者提起行政诉讼，{% endif %}至今未履行上述义务。"
)

register(
    DocType(
        code="reminder",
        name="催告书",
        group="送达与执行",
        abbr="催告",
        description="作出强制执行决定前，事先书面催告当事人履行义务：履行期限、方式，金钱给付的金额和给付方式，当事人依法享有的陈述权和申辩权（强制法第三十五条）。",
        blocks=[
            header("催告书", red=True),
            number(),
            addressee(),
            DEBT,
            p(
                f"依据{Q35}"
                "{% if amount %}、第四十五条{% endif %}的规定，现催告你（单位）于{{ deadline|cn_date }}前{{ obligation }}。"
                "{% if amount %}应缴纳金额合计{{ amount.total|cn_money }}，其中罚款{{ amount.fine|money_figures }}，加处罚款{{ amount.surcharge|money_figures }}；"
                "缴纳方式：{{ payment.manner }}。{% endif %}"
            ),
            p(
                "你（单位）收到本催告书后有权进行陈述和申辩，请于{{ statement_days|default:'三' }}个工作日内向本机关提出。"
                "逾期仍不履行且无正当理由的，本机关将依法申请人民法院强制执行。",
                key="rights",
            ),
            p("联系人：{{ contact.name }}　　联系电话：{{ contact.phone }}", indent=False),
            seal(),
            {
                "kind": "signatures",
                "lines": [{"l": "当事人（签收人）签名：", "v": ""}, {"l": "签收日期：", "v": ""}],
            },
        ],
        fields=(
            Field("party.name", "当事人"),
            Field("decision.*", "原决定：文号、名称、日期、送达日、内容"),
            Field("obligation", "应履行的义务"),
            Field("deadline", "履行期限"),
            Field("amount.*", "金钱给付：fine, surcharge, total"),
            Field("payment.manner", "给付方式"),
            Field("statement_days", "陈述申辩期限"),
        ),
        needs=(
            need("当事人", Q35, "party.name"),
            need("履行义务的期限", Q35, "deadline"),
            need("履行义务的方式", Q35, "obligation"),
            need("给付方式", Q35, "payment.manner"),
            need_block("当事人依法享有的陈述权和申辩权", Q35, "rights"),
            need_block("行政机关印章位置", Q35, "seal"),
        ),
        sample={
            **SAMPLE_TOWN_CASE,
            "decision": {
                "number": "繁砂综执罚决〔2026〕7号",
                "name": "行政处罚决定书",
                "date": "2026-11-02",
                "served": "2026-11-03",
                "content": "罚款人民币陆万元整",
            },
            "obligation": "缴纳罚款及加处罚款",
            "deadline": "2026-12-28",
            "amount": {"fine": 60000, "surcharge": 60000, "total": 120000},
            "payment": {
                "manner": "到中国农业银行繁峙县支行缴纳，或通过山西省非税收入电子缴款系统缴纳"
            },
            "contact": {"name": "张演练", "phone": "0350-5550110"},
        },
    )
)

register(
    DocType(
        code="enforcement_decision",
        name="强制执行决定书",
        group="送达与执行",
        abbr="强执",
        description="当事人逾期不履行，经催告仍不履行的，作出书面强制执行决定：当事人、理由和依据、强制执行的方式和时间、救济途径、行政机关名称、印章和日期（强制法第三十七条）。",
        blocks=[
            header("强制执行决定书", red=True),
            number(),
            addressee(),
            {"kind": "para", "text": "住所（住址）：{{ party.address }}", "indent": False},
            DEBT,
            p(
                "本机关于{{ reminder.served|plain_date }}向你（单位）送达催告书，{{ reminder.outcome|default:'你（单位）经催告仍未履行' }}。"
            ),
            p(
                "依据{{ basis }}的规定，本机关决定自{{ enforcement.time|plain_date }}起对你（单位）采取以下强制执行措施：{{ enforcement.method }}。"
            ),
            REMEDY_ORDINARY,
            seal(),
        ],
        fields=(
            Field("party.*", "当事人及住所"),
            Field("decision.*", "原决定"),
            Field("reminder.served", "催告书送达日期"),
            Field("reminder.outcome", "催告结果及陈述申辩情况"),
            Field("basis", "强制执行依据"),
            Field("enforcement.method", "强制执行方式"),
            Field("enforcement.time", "强制执行时间"),
        ),
        needs=(
            need("当事人的姓名或者名称、地址", Q37, "party.name"),
            need("当事人地址", Q37, "party.address"),
            need("强制执行的理由", Q37, "decision.number"),
            need("强制执行的依据", Q37, "basis"),
            need("强制执行的方式", Q37, "enforcement.method"),
            need("强制执行的时间", Q37, "enforcement.time"),
            need_block("申请行政复议或者提起行政诉讼的途径和期限", Q37, "remedy"),
            need_block("行政机关的名称、印章和日期", Q37, "seal"),
        ),
        sample={
            **SAMPLE_TOWN_CASE,
            "party": {"name": "繁峙县示例煤炭经销有限公司", "address": "繁峙县砂河镇山会村"},
            "decision": {
                "number": "繁砂综执罚决〔2026〕9号",
                "date": "2026-10-20",
                "served": "2026-10-21",
                "content": "罚款人民币伍万元整，并于2026年11月20日前清运违规堆放的煤炭",
                "appeal_expired": False,
            },
            "reminder": {
                "served": "2026-11-25",
                "outcome": "你（单位）在陈述申辩期内未提出陈述申辩，经催告仍未履行",
            },
            "basis": "《中华人民共和国行政强制法》第三十七条、第四十六条第三款",
            "enforcement": {
                "method": "依法拍卖已扣押的煤炭，所得价款依法抵缴罚款",
                "time": "2026-12-10",
            },
        },
    )
)

register(
    DocType(
        code="enforcement_application",
        name="强制执行申请书",
        group="送达与执行",
        abbr="执申",
        description="复议、诉讼期限届满之日起三个月内（强制法第五十三条），催告书送达十日后（第五十四条）向人民法院申请；申请书由行政机关负责人签名，加盖印章并注明日期（第五十五条）。",
        blocks=[
            header("强制执行申请书"),
            number(),
            p(
                "申请人：{{ town.agency_name }}\n法定代表人（负责人）：{{ head.name }}　　职务：{{ head.title }}\n地址：{{ applicant.address }}",
                indent=False,
            ),
            p(
                "被申请人：{{ party.name }}\n{% if party.legal_rep %}法定代表人（负责人）：{{ party.legal_rep }}\n{% endif %}住所（住址）：{{ party.address }}",
                indent=False,
            ),
            p(
                "申请事项：请求依法强制执行{{ decision.number }}{{ decision.name|default:'行政处罚决定书' }}确定的{{ request }}。",
                indent=False,
            ),
            {"kind": "heading", "text": "事实和理由："},
            p(
                "本机关于{{ decision.date|plain_date }}作出{{ decision.number }}{{ decision.name|default:'行政处罚决定书' }}，"
                "决定：{{ decision.content }}。该决定书于{{ decision.served|plain_date }}送达被申请人。"
                "被申请人在法定期限内未申请行政复议，也未提起行政诉讼，又不履行该决定。"
                "本机关于{{ reminder.served|plain_date }}向被申请人送达催告书，催告书送达已满十个工作日，被申请人仍未履行。"
            ),
            p(f"依据{cite(Q53, Q54)}的规定，特申请贵院依法强制执行。"),
            p("此致", indent=True),
            p("{{ court }}", indent=False),
            p("行政机关负责人（签名）：{{ head.name }}", align="right", indent=False),
            seal(),
            {
                "kind": "table",
                "title": "附：申请材料",
                "source": "attachments",
                "min_rows": 0,
                "columns": [
                    {"title": "序号", "value": "{{ index }}", "width": "10%"},
                    {"title": "材料名称", "value": "{{ item.name }}", "width": "65%"},
                    {"title": "页数", "value": "{{ item.pages }}", "width": "25%"},
                ],
            },
        ],
        fields=(
            Field("head.*", "行政机关负责人姓名、职务"),
            Field("applicant.address", "申请人地址"),
            Field("party.*", "被申请人"),
            Field("decision.*", "据以执行的决定"),
            Field("request", "申请执行的内容"),
            Field("reminder.served", "催告书送达日期"),
            Field("court", "受理法院"),
            Field("attachments", "申请材料（name, pages）"),
        ),
        needs=(
            need("受理法院", Q55, "court"),
            need("被申请人", Q55, "party.name"),
            need("据以执行的行政决定", Q55, "decision.number"),
            need("行政决定的送达日期", Q55, "decision.served"),
            need("催告书送达日期", Q55, "reminder.served"),
            need("行政机关负责人", Q55, "head.name"),
            need("申请材料", Q55, "attachments", min_items=1),
            need_block("行政机关印章和日期", Q55, "seal"),
        ),
        sample={
            **SAMPLE_TOWN_CASE,
            "head": {"name": "李示范", "title": "镇长"},
            "applicant": {"address": "繁峙县砂河镇政府街1号"},
            "decision": {
                "number": "繁砂综执罚决〔2026〕7号",
                "date": "2026-11-02",
                "served": "2026-11-03",
                "content": "罚款人民币陆万元整",
            },
            "request": "罚款人民币陆万元整及加处罚款人民币陆万元整",
            "reminder": {"served": "2026-12-14"},
            "court": "繁峙县人民法院",
            "attachments": [
                {"name": "行政处罚决定书及送达回证", "pages": "4页"},
                {"name": "催告书及送达回证", "pages": "2页"},
                {"name": "当事人陈述申辩情况说明", "pages": "1页"},
                {"name": "被申请人财产状况说明", "pages": "2页"},
            ],
        },
    )
)
