"""The access log keeps the person as a plain id (it outlives the case file), and lists the
people a list or search showed. The column `beneficiary_id` and its index stay as they are:
only the foreign key's constraint and single-column index go."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("beneficiaries", "0001_initial"),
        ("community_centre", "0005_roles_by_grant"),
    ]

    operations = [
        # 1. Drop the foreign key's constraint and its own index; the data stays.
        migrations.AlterField(
            model_name="accesslog",
            name="beneficiary",
            field=models.ForeignKey(
                blank=True,
                null=True,
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="beneficiaries.beneficiary",
                verbose_name="ωφελούμενος",
            ),
        ),
        # 2. The same column becomes a plain integer field: state only.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="accesslog", name="accesslog_beneficiary_at"),
                migrations.RemoveField(model_name="accesslog", name="beneficiary"),
                migrations.AddField(
                    model_name="accesslog",
                    name="beneficiary_id",
                    field=models.BigIntegerField(blank=True, null=True, verbose_name="ωφελούμενος"),
                ),
                migrations.AddIndex(
                    model_name="accesslog",
                    index=models.Index(
                        fields=["beneficiary_id", "-at"], name="accesslog_beneficiary_at"
                    ),
                ),
            ],
        ),
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
