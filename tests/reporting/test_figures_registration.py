"""`Beneficiary.registered_on`, the day the case file was opened ("new" in the report): at the
intake (today unless typed), on the edit page, on the case file, in the import, in the migration."""

from __future__ import annotations

import datetime as dt
from datetime import UTC

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Beneficiary
from community_centre.reference import load_settlements
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.beneficiaries.test_import import run, write_csv
from tests.beneficiaries.test_views import field_block, intake_data

pytestmark = pytest.mark.django_db


def test_the_intake_takes_today_unless_another_day_is_typed(worker_client, social_worker):
    data = intake_data(social_worker)
    data.pop("registered_on", None)
    worker_client.post(reverse("beneficiaries:create"), data)
    assert Beneficiary.objects.get().registered_on == timezone.localdate()
    page = worker_client.get(reverse("beneficiaries:create")).content.decode()
    assert f'value="{timezone.localdate():%d/%m/%Y}"' in field_block(page, "registered_on")


def test_the_intake_keeps_an_old_registers_date(worker_client, social_worker):
    data = intake_data(social_worker, registered_on="03/02/2019")
    response = worker_client.post(reverse("beneficiaries:create"), data)
    person = Beneficiary.objects.get()
    assert response.status_code == 302 and person.registered_on == dt.date(2019, 2, 3)
    page = worker_client.get(person.get_absolute_url()).content.decode()
    assert "εγγραφή 03/02/2019" in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("01/01/2999", "Η ημερομηνία δεν μπορεί να είναι μελλοντική."),
        ("04/03/1980", "Η ημερομηνία εγγραφής δεν μπορεί να είναι πριν από τη γέννηση."),
        ("31/02/2020", "Δεν υπάρχει τέτοια ημερομηνία."),
    ],
)
def test_a_wrong_registration_date_is_refused_beside_the_field(
    worker_client, social_worker, value, message
):
    data = intake_data(social_worker, registered_on=value)  # born 05/03/1980
    response = worker_client.post(reverse("beneficiaries:create"), data)
    block = field_block(response.content.decode(), "registered_on")
    assert response.status_code == 200 and not Beneficiary.objects.exists()
    assert message in block and "is-invalid" in block


def test_an_edit_left_empty_keeps_the_recorded_day(worker_client, social_worker):
    from tests.beneficiaries.test_views import _edit_data

    person = BeneficiaryFactory(registered_on=dt.date(2021, 6, 1), assigned_worker=social_worker)
    data = _edit_data(worker_client, person, registered_on="", father_name="Δημήτριος")
    response = worker_client.post(reverse("beneficiaries:edit", args=[person.pk]), data)
    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.father_name, person.registered_on) == ("Δημήτριος", dt.date(2021, 6, 1))
    data = _edit_data(worker_client, person, registered_on="15/07/2022")
    worker_client.post(reverse("beneficiaries:edit", args=[person.pk]), data)
    person.refresh_from_db()
    assert person.registered_on == dt.date(2022, 7, 15)


def test_the_import_reads_the_old_registers_date(tmp_path):
    load_settlements()
    header = ["Επώνυμο", "Όνομα", "Φύλο", "Ημερομηνία γέννησης", "ΗΜΕΡΟΜΗΝΙΑ ΕΓΓΡΑΦΗΣ"]
    rows = [["Ζαχαρίου", "Ελένη", "Γ", "01/01/1930", "5.3.2012"],
            ["Κωστοπούλου", "Άννα", "Γ", "03/04/1970", ""]]  # fmt: skip
    output, _ = run(write_csv(tmp_path / "register.csv", [header, *rows]))
    assert "Δημιουργήθηκαν 2" in output
    dates = dict(Beneficiary.objects.values_list("surname", "registered_on"))
    assert dates == {"Ζαχαρίου": dt.date(2012, 3, 5), "Κωστοπούλου": timezone.localdate()}


def test_the_import_refuses_a_registration_before_birth(tmp_path):
    from tests.beneficiaries.test_import import run_failing

    header = ["surname", "given_name", "sex", "date_of_birth", "registered_on"]
    rows = [["Ζαχαρίου", "Ελένη", "F", "01/01/1990", "1989-12-31"]]
    err, _error = run_failing(write_csv(tmp_path / "register.csv", [header, *rows]))
    assert "πριν από τη γέννηση" in err and not Beneficiary.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_rows_their_athens_creation_day():
    executor = MigrationExecutor(connection)
    executor.migrate([("beneficiaries", "0008_drop_intake_token")])
    old = executor.loader.project_state([("beneficiaries", "0008_drop_intake_token")]).apps
    person = old.get_model("beneficiaries", "Beneficiary").objects.create(
        surname="Παπαδάκη", given_name="Ειρήνη", sex="female", date_of_birth=dt.date(1980, 1, 1)
    )
    # 22:30 UTC on 31 March is 01:30 on 1 April in Athens.
    type(person).objects.filter(pk=person.pk).update(
        created_at=dt.datetime(2026, 3, 31, 22, 30, tzinfo=UTC)
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Beneficiary.objects.get(pk=person.pk).registered_on == dt.date(2026, 4, 1)
