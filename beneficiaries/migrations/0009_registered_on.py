"""Add `Beneficiary.registered_on`, the day the case file was opened. Existing rows take the day
they were entered, in Athens time; the column then gets its index."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("beneficiaries", "0008_drop_intake_token"),
    ]

    operations = [
        migrations.AddField(
            model_name="beneficiary",
            name="registered_on",
            field=models.DateField(null=True, verbose_name="ημερομηνία εγγραφής"),
        ),
        migrations.RunSQL(
            "UPDATE beneficiaries_beneficiary"
            " SET registered_on = (created_at AT TIME ZONE 'Europe/Athens')::date",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="beneficiary",
            name="registered_on",
            field=models.DateField(
                db_index=True,
                default=django.utils.timezone.localdate,
                verbose_name="ημερομηνία εγγραφής",
            ),
        ),
    ]
