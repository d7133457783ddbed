from django.db import migrations

# The eleven domains named in the seed (砂河镇: 应急、公安、消防、自然资源、生态环境、住建、市场、宗教、人社、农林水、教科文卫).
DOMAINS = [
    ("emergency", "应急"),
    ("public_security", "公安"),
    ("fire", "消防"),
    ("natural_resources", "自然资源"),
    ("ecology", "生态环境"),
    ("housing", "住建"),
    ("market", "市场"),
    ("religion", "宗教"),
    ("human_resources", "人社"),
    ("agriculture", "农林水"),
    ("culture_health", "教科文卫"),
]


def add_domains(apps, schema_editor):
    Domain = apps.get_model("catalog", "Domain")
    for sort, (code, name) in enumerate(DOMAINS, start=1):
        Domain.objects.update_or_create(code=code, defaults={"name": name, "sort": sort})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(add_domains, migrations.RunPython.noop)]
