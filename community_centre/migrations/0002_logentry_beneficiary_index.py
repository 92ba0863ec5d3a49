"""Index auditlog entries by the beneficiary they belong to, for the case file's history page."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("community_centre", "0001_initial"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX auditlog_logentry_beneficiary "
                "ON auditlog_logentry ((additional_data -> 'beneficiary_id'), \"timestamp\" DESC)"
            ),
            reverse_sql="DROP INDEX IF EXISTS auditlog_logentry_beneficiary",
        ),
    ]
