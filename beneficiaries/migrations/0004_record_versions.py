"""Household members, representatives and needs get `updated_at`: the version their edit forms
carry. Existing rows take the moment of the migration; only equality with it matters."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("beneficiaries", "0003_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name=model_name,
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="τελευταία αλλαγή"
            ),
            preserve_default=False,
        )
        for model_name in ("householdmember", "representative", "need")
    ]
