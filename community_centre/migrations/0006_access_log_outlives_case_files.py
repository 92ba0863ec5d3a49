"""The access log lists the people a list or search showed.

This migration once also turned the log's foreign key to the case file into the plain id
`beneficiary_id` (dropping the constraint, keeping the column and its index). 0001 now creates
that plain id directly, so the base app's migrations need no other app's; on a database migrated
before, the column, its index and the state are the same either way."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community_centre", "0005_roles_by_grant"),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslog",
            name="shown",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(),
                default=list,
                size=None,
                verbose_name="εμφανίστηκαν",
            ),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="action",
            field=models.CharField(
                choices=[
                    ("view_case_file", "Προβολή φακέλου"),
                    ("view_section", "Προβολή ενότητας φακέλου"),
                    ("view_list", "Προβολή λίστας"),
                    ("search", "Αναζήτηση"),
                    ("download_document", "Λήψη εγγράφου"),
                    ("print", "Εκτύπωση"),
                    ("export", "Εξαγωγή"),
                ],
                max_length=30,
                verbose_name="ενέργεια",
            ),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["shown"], name="accesslog_shown"
            ),
        ),
    ]
