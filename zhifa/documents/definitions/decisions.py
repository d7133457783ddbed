"""处罚决定: 行政处罚决定书, 当场行政处罚决定书, 不予行政处罚决定书."""

from __future__ import annotations

from typing import Any

from zhifa.core.articles import A33, A42, A51, A52, A59, A72

from ..formatting import to_decimal
from .common import (
    HANDLERS,
    NOT_SUSPENDED,
    PARTY_LINES,
    REMEDY_ON_THE_SPOT,
    REMEDY_ORDINARY,
    SAMPLE_TOWN_CASE,
    SURCHARGE,
    handlers_check,
    header,
    need,
    need_block,
    number,
    p,
    seal,
    signatures,
)
from .penalty import EVIDENCE, S5
from .registry import DocType, Field, register


def _require_fine_text(context: dict[str, Any]) -> list[tuple[str, str]]:
    penalty = context.get("penalty") or {}
    if penalty.get("kind") == "罚款" and to_decimal(penalty.get("amount")) is None:
        return [("罚款决定应载明罚款数额", A59)]
    return []


register(
    DocType(
        code="penalty_decision",
        name="行政处罚决定书",
        group="处罚决定",
        abbr="罚决",
        description="载明处罚法第五十九条全部事项并加盖印章；罚款自收到决定书之日起十五日内缴纳（第六十七条），逾期每日加处百分之三（第七十二条）。",
        blocks=[
            header("行政处罚决定书", red=True),
            number(),
            PARTY_LINES,
            p(
                "{{ case.cause|default:'' }}{% if case.cause %}一案，{% endif %}本机关于{{ case.filed|plain_date }}立案调查。经查明：你（单位）{{ facts|clause:party.name }}。"
            ),
            EVIDENCE,
            p(
                "你（单位）的上述行为违反了{{ violated }}的规定。{% if procedure_note %}{{ procedure_note }}{% endif %}"
                "{% if discretion %}{{ discretion }}。{% endif %}依据{{ basis }}的规定，本机关决定对你（单位）作出如下行政处罚：{{ penalty.content }}。"
            ),
            p(
                "{% if performance %}{{ performance }}{% else %}限你（单位）自收到本决定书之日起十五日内，持本决定书到{{ payment.bank }}"
                "（账号：{{ payment.account }}）缴纳罚款{% if payment.online %}，或者通过{{ payment.online }}电子缴纳{% endif %}。{% endif %}",
                key="performance",
            ),
            SURCHARGE,
            REMEDY_ORDINARY,
            NOT_SUSPENDED,
            seal(),
        ],
        fields=(
            Field("party.*", "当事人姓名或者名称、代码、法定代表人、地址"),
            Field("case.cause", "案由"),
            Field("case.filed", "立案日期"),
            Field("facts", "违法事实"),
            Field("evidence", "证据（列表）"),
            Field("violated", "违反的规定"),
            Field("procedure_note", "程序经过（告知、听证、审核）"),
            Field("discretion", "裁量理由"),
            Field("basis", "处罚依据"),
            Field("penalty.kind", "处罚种类"),
            Field("penalty.amount", "罚款数额（元）"),
            Field("penalty.content", "处罚内容"),
            Field("payment.bank", "缴款银行"),
            Field("payment.account", "缴款账号"),
            Field("performance", "非罚款处罚的履行方式和期限"),
        ),
        needs=(
            need("当事人的姓名或者名称", A59, "party.name"),
            need("当事人地址", A59, "party.address"),
            need("违反法律、法规、规章的事实", A59, "facts"),
            need("证据", A59, "evidence", min_items=1),
            need("行政处罚的种类（内容）", A59, "penalty.content"),
            need("行政处罚的依据", A59, "basis"),
            need("行政处罚的履行方式和期限", A59, "payment.bank", "performance"),
            need_block("申请行政复议、提起行政诉讼的途径和期限", A59, "remedy"),
            need_block("逾期不缴纳罚款加处罚款的告知", A72, "surcharge"),
            need_block("作出决定的行政机关名称、日期和印章", A59, "seal"),
        ),
        checks=(_require_fine_text,),
        sample={
            **S5,
            "procedure_note": "本机关于2026年9月29日向你（单位）送达了行政处罚事先告知书，你（单位）于2026年10月12日提出听证申请，"
            "本机关于2026年10月23日依法举行听证，并经法制审核。",
            "payment": {
                "bank": "示例农商银行繁峙县支行",
                "account": "1409 2400 0000 0000 001",
                "online": "示例省非税收入电子缴款系统",
            },
        },
    )
)


def on_the_spot_limits(context: dict[str, Any]) -> list[tuple[str, str]]:
    """简易程序: a warning, or a fine ≤200 yuan (citizen) / ≤3,000 yuan (organisation)."""
    penalty = context.get("penalty") or {}
    amount = to_decimal(penalty.get("amount"))
    if amount is None:
        return []
    organisation = (context.get("party") or {}).get("kind") == "单位"
    limit = 3000 if organisation else 200
    if amount > limit:
        who = "法人或者其他组织" if organisation else "公民"
        return [(f"当场处罚对{who}的罚款不得超过{limit}元，本案应适用普通程序", A51)]
    return []


register(
    DocType(
        code="onthespot_decision",
        name="当场行政处罚决定书",
        group="处罚决定",
        abbr="当罚",
        description="简易程序：警告或者对公民二百元以下、对单位三千元以下罚款（处罚法第五十一条）；预定格式、编有号码，当场交付，报所属机关备案（第五十二条）；复议前置（复议法第二十三条）。",
        blocks=[
            header("当场行政处罚决定书", red=True),
            number(),
            PARTY_LINES,
            p(
                "你（单位）于{{ act.time|plain_datetime }}在{{ act.place }}{{ facts }}，违反了{{ violated }}的规定。"
                "依据{{ basis }}的规定，本机关决定当场给予如下行政处罚：{{ penalty.content }}。"
            ),
            p(
                "{% if payment.on_the_spot %}罚款已由执法人员当场收缴，并出具财政部门统一制发的专用票据（票据号：{{ payment.receipt_no }}）。"
                "{% else %}请于收到本决定书之日起十五日内到{{ payment.bank }}缴纳罚款。{% endif %}",
                key="performance",
            ),
            SURCHARGE,
            REMEDY_ON_THE_SPOT,
            p("执法人员：" + HANDLERS, indent=False),
            p("处罚地点：{{ act.place }}　　处罚时间：{{ doc.date|plain_date }}", indent=False),
            seal(),
            signatures(
                ("当事人签名：", "{{ party_signature }}"),
                ("执法人员签名：", ""),
            ),
            {
                "kind": "note",
                "text": "{% if refused_to_sign %}当事人拒绝签收，已由执法人员注明：{{ refused_to_sign }}。{% endif %}本决定书一式二份，一份当场交付当事人，一份报所属行政机关备案。",
            },
        ],
        fields=(
            Field("party.*", "当事人（kind: 个人／单位）"),
            Field("act.time", "违法时间"),
            Field("act.place", "违法地点"),
            Field("facts", "违法行为"),
            Field("violated", "违反的规定"),
            Field("basis", "处罚依据"),
            Field("penalty.content", "处罚种类和数额"),
            Field("penalty.amount", "罚款数额（元）"),
            Field("payment.*", "当场收缴（on_the_spot, receipt_no）或缴款银行"),
            Field("handlers", "执法人员及执法证号"),
            Field("refused_to_sign", "当事人拒绝签收的情况"),
        ),
        needs=(
            need("当事人姓名或者名称", A52, "party.name"),
            need("违法行为", A52, "facts"),
            need("违法时间", A52, "act.time"),
            need("违法地点", A52, "act.place"),
            need("行政处罚的种类和依据", A52, "basis"),
            need("罚款数额或者处罚内容", A52, "penalty.content"),
            need_block("申请行政复议（复议前置）的途径和期限", A52, "remedy"),
            need_block("行政机关名称和印章", A52, "seal"),
        ),
        checks=(handlers_check(A42), on_the_spot_limits),
        sample={
            **SAMPLE_TOWN_CASE,
            "party": {
                "name": "示例摊主武某",
                "kind": "个人",
                "id_number": "140924199000000000",
                "address": "繁峙县砂河镇东街",
            },
            "act": {"time": "2026-09-05T10:20:00", "place": "砂河镇东街农贸市场北口人行道"},
            "facts": "擅自占用人行道摆摊经营水果，经劝阻拒不改正",
            "violated": "《城市道路管理条例》第二十七条第（六）项",
            "basis": "《城市道路管理条例》第四十二条",
            "penalty": {"kind": "罚款", "amount": 100, "content": "罚款人民币壹佰元整（¥100.00）"},
            "payment": {"on_the_spot": True, "receipt_no": "晋财罚示例0000123"},
        },
    )
)

register(
    DocType(
        code="no_penalty_decision",
        name="不予行政处罚决定书",
        group="处罚决定",
        abbr="不罚",
        description="违法行为轻微并及时改正、没有造成危害后果的，不予处罚；初次违法且危害后果轻微并及时改正的，可以不予处罚；对当事人进行教育（处罚法第三十三条）。",
        blocks=[
            header("不予行政处罚决定书", red=True),
            number(),
            PARTY_LINES,
            p("经查，你（单位）{{ facts|clause:party.name }}。"),
            EVIDENCE,
            p(
                "你（单位）的上述行为违反了{{ violated }}的规定。鉴于{{ reason }}，依据{{ basis }}的规定，本机关决定对你（单位）不予行政处罚。"
            ),
            p(
                "本机关已于{{ education.date|plain_date }}对你（单位）进行了{{ education.form|default:'批评教育' }}。请你（单位）今后严格遵守法律规定，杜绝类似行为再次发生。"
            ),
            REMEDY_ORDINARY,
            seal(),
        ],
        fields=(
            Field("party.*", "当事人"),
            Field("facts", "违法事实"),
            Field("evidence", "证据"),
            Field("violated", "违反的规定"),
            Field("reason", "不予处罚的情形"),
            Field("basis", "不予处罚的依据"),
            Field("education.date", "教育日期"),
            Field("education.form", "教育方式"),
        ),
        needs=(
            need("当事人的姓名或者名称", A33, "party.name"),
            need("当事人地址", A33, "party.address"),
            need("违法事实", A33, "facts"),
            need("不予处罚的情形", A33, "reason"),
            need("不予处罚的依据", A33, "basis"),
            need("对当事人的教育", A33, "education.date"),
            need_block("申请行政复议、提起行政诉讼的途径和期限", A59, "remedy"),
            need_block("行政机关印章位置", A33, "seal"),
        ),
        sample={
            **SAMPLE_TOWN_CASE,
            "party": {
                "name": "繁峙县示例餐饮店",
                "id_number": "92140924MA0XXXXX2B",
                "legal_rep": "陈示例",
                "address": "繁峙县砂河镇新兴街",
            },
            "facts": "于2026年9月6日在店门前人行道堆放杂物约3平方米，影响行人通行",
            "evidence": ["现场检查笔录1份", "现场照片4张", "整改后复查照片2张"],
            "violated": "《城市市容和环境卫生管理条例》第十四条",
            "reason": "你（单位）系初次违法，危害后果轻微，且在执法人员指出后当场清理完毕",
            "basis": "《中华人民共和国行政处罚法》第三十三条第一款",
            "education": {"date": "2026-09-06", "form": "当面批评教育并签署《依法经营承诺书》"},
        },
    )
)
