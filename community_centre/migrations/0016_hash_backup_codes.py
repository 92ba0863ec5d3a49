"""Keep the backup codes already made as their keyed hash (two_factor.backup_codes), as every
new one is: the codes people hold keep working, and the database holds none of them as typed."""

from django.db import migrations

from community_centre.two_factor.backup_codes import stored_form


def hash_codes(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all().only("pk", "token"):
        StaticToken.objects.filter(pk=token.pk).update(token=stored_form(token.token))


class Migration(migrations.Migration):
    dependencies = [
        ("community_centre", "0015_staffevent_two_factor_kinds"),
        ("otp_static", "0003_add_timestamps"),
    ]

    # Not reversible: a hash does not give the code back (the reverse leaves the hashes).
    operations = [migrations.RunPython(hash_codes, migrations.RunPython.noop)]
