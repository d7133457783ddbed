from django.db import migrations

# The usual 案卷评查 layout: eight headings, 100 points.
CRITERIA = [
    ("subject", "主体", "执法主体合法，承办人员持有效执法证且不少于两人", 10),
    ("facts", "事实", "违法事实清楚，当事人认定准确", 15),
    ("evidence", "证据", "证据确实充分，取证程序合法，证据链完整", 15),
    ("basis", "依据", "适用法律、法规、规章准确，条款具体", 15),
    ("procedure", "程序", "立案、调查、告知、听证、法制审核、决定、送达程序合法", 15),
    ("discretion", "裁量", "裁量适当，与裁量基准相符，理由充分", 10),
    ("documents", "文书", "文书要素齐全、格式规范、文号连续，卷宗装订规范", 10),
    ("time_limits", "时限", "各环节在法定期限内完成", 10),
]


def seed(apps, schema_editor):
    Criterion = apps.get_model("dashboard", "ReviewCriterion")
    for sort, (code, label, guidance, score) in enumerate(CRITERIA):
        Criterion.objects.update_or_create(
            code=code,
            defaults={"label": label, "guidance": guidance, "max_score": score, "sort": sort},
        )


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
