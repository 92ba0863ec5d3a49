"""Add `Beneficiary.search_terms` (the typo net of name search), fill it, then index it."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

from beneficiaries.normalize import name_terms, terms_vector

BATCH_SIZE = 500  # bulk_update writes one CASE per batch: its cost grows with the square


def fill_search_terms(apps, schema_editor) -> None:
    """The terms of every registered name, as `Beneficiary.save()` would have stored them.

    The rules are today's `beneficiaries.normalize`; if they change later,
    `manage.py refresh_search_keys` brings old rows in line.
    """
    Beneficiary = apps.get_model("beneficiaries", "Beneficiary")
    people = Beneficiary.objects.only("surname", "given_name").order_by("pk")
    batch = []
    for person in people.iterator(chunk_size=BATCH_SIZE):
        person.search_terms = terms_vector(name_terms(person.surname, person.given_name))
        batch.append(person)
        if len(batch) == BATCH_SIZE:
            Beneficiary.objects.bulk_update(batch, ["search_terms"])
            batch = []
    Beneficiary.objects.bulk_update(batch, ["search_terms"])


class Migration(migrations.Migration):
    dependencies = [
        ("beneficiaries", "0004_record_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="beneficiary",
            name="search_terms",
            field=django.contrib.postgres.search.SearchVectorField(default="", editable=False),
        ),
        # Reversed, the column goes with the field: nothing to undo here.
        migrations.RunPython(fill_search_terms, migrations.RunPython.noop, elidable=True),
        # Built once over the filled column rather than updated row by row while filling.
        migrations.AddIndex(
            model_name="beneficiary",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_terms"], name="beneficiary_name_terms"
            ),
        ),
    ]
