"""The report's figures over the hand-built April of figures_data.py: every value of every table,
written out by hand from the data's description."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beneficiaries.models import Beneficiary
from reporting.figures import build_report, describe
from reporting.figures.participants import participant_ids
from reporting.period import Period
from reporting.tables import Report
from tests.reporting.figures_data import RURAL_CODE, URBAN_CODE, April

APRIL = Period.month(2026, 4)
SEXES = ("female", "male", "non_binary", "not_stated", "total")


@pytest.fixture
def april(db) -> April:
    return April()


@pytest.fixture
def report(april) -> Report:
    return build_report(APRIL)


def by_sex(*counts: int) -> dict[str, int]:
    return dict(zip(SEXES, counts, strict=True))


def yes_no(yes: int, no: int, not_stated: int) -> dict[str, int]:
    return {"yes": yes, "no": no, "not_stated": not_stated, "total": yes + no + not_stated}


def values(report: Report, key: str) -> dict:
    return report.tables[key].to_json()


def test_it_counts_each_person_served_once_and_only_those(report, april):
    assert values(report, "participants") == {"new": 2, "returning": 13, "total": 15}
    served = set(Beneficiary.objects.filter(pk__in=participant_ids(APRIL)).values_list(
        "given_name", flat=True))  # fmt: skip
    assert served == {f"Πρόσωπο {key}" for key in "ABCDEFGHIKLMNPR"}


def test_it_counts_participants_by_gender_age_citizenship_education_and_labour(report):
    assert values(report, "participants_by_gender") == {
        "female": 7, "male": 6, "non_binary": 1, "not_stated": 1}  # fmt: skip
    assert values(report, "participants_by_age") == {
        "under_18": 2, "18_29": 3, "30_54": 6, "55_plus": 4}  # fmt: skip
    assert values(report, "participants_by_citizenship") == {
        "greek": 12, "eu": 1, "third_country": 1, "stateless": 1}  # fmt: skip
    assert values(report, "participants_by_education") == {
        "isced_0_2": 4, "isced_3_4": 4, "isced_5_8": 3, "not_stated": 4}  # fmt: skip
    assert values(report, "participants_by_labour_status") == {
        "employed": 3, "self_employed": 1, "unemployed": 3, "long_term_unemployed": 1,
        "inactive": 2, "student": 2, "retired": 1, "not_stated": 2}  # fmt: skip


def test_it_counts_vulnerable_groups_with_not_stated_apart(report):
    assert values(report, "participants_by_group") == {
        "disability": yes_no(2, 9, 4),
        "foreign_background": yes_no(3, 9, 3),
        "minority": yes_no(1, 10, 4),
        "third_country_national": yes_no(2, 13, 0),
        "homeless_or_housing_exclusion": yes_no(3, 9, 3),
        "rural_area": yes_no(5, 7, 3),
        "eee_beneficiary": yes_no(2, 13, 0),
    }
    assert values(report, "participants_by_settlement") == {
        URBAN_CODE: 7, RURAL_CODE: 5, "not_stated": 3}  # fmt: skip


def test_it_counts_the_esf_indicators_by_gender(report):
    assert values(report, "esf_indicators") == {
        "unemployed": by_sex(1, 2, 1, 0, 4),
        "long_term_unemployed": by_sex(0, 1, 0, 0, 1),
        "inactive": by_sex(2, 3, 0, 0, 5),
        "employed": by_sex(3, 1, 0, 0, 4),
        "under_18": by_sex(0, 2, 0, 0, 2),
        "18_29": by_sex(2, 0, 1, 0, 3),
        "55_plus": by_sex(2, 1, 0, 1, 4),
        "isced_0_2": by_sex(2, 2, 0, 0, 4),
        "isced_3_4": by_sex(1, 2, 1, 0, 4),
        "isced_5_8": by_sex(3, 0, 0, 0, 3),
        "disability": by_sex(2, 0, 0, 0, 2),
        "third_country_national": by_sex(0, 2, 0, 0, 2),
        "foreign_background": by_sex(0, 2, 1, 0, 3),
        "minority": by_sex(0, 0, 1, 0, 1),
        "homeless_or_housing_exclusion": by_sex(0, 2, 1, 0, 3),
        "rural_area": by_sex(2, 2, 1, 0, 5),
        "total": by_sex(7, 6, 1, 1, 15),
    }


def test_it_counts_requests_by_category_and_by_status_at_the_end_of_the_period(report):
    assert values(report, "requests_by_category") == {"housing": 2, "food": 3, "legal": 0}
    assert values(report, "requests_by_status") == {
        "new": 2, "in_progress": 1, "waiting_documents": 1, "referred": 0, "completed": 0,
        "rejected": 1, "withdrawn": 0}  # fmt: skip


def test_it_counts_information_requests_as_they_stood_at_the_end(report):
    assert values(report, "information_requests") == {
        "answered_on_time": 1, "answered_late": 1,
        "open_overdue": 2, "open_not_due": 1}  # fmt: skip


def test_it_counts_referrals_by_body_and_status_at_the_end(report):
    zero = dict.fromkeys(["sent", "accepted", "declined", "completed", "did_not_attend",
                          "revoked", "total"], 0)  # fmt: skip
    assert values(report, "referrals_by_body") == {
        "dypa": {**zero, "sent": 1, "accepted": 1, "total": 2},
        "kepa": zero,
        "pantopoleio": {**zero, "declined": 1, "total": 1},
        "total": {**zero, "sent": 1, "accepted": 1, "declined": 1, "total": 3},
    }
    assert list(values(report, "referrals_by_body")) == ["dypa", "kepa", "pantopoleio", "total"]


def test_it_counts_applications_by_programme_and_status_at_the_end(report):
    zero = dict.fromkeys(["submitted", "approved", "rejected", "withdrawn", "total"], 0)
    assert values(report, "applications_by_programme") == {
        "eee": {**zero, "submitted": 1, "rejected": 1, "total": 2},
        "housing_allowance": {**zero, "withdrawn": 1, "total": 1},
        "total": {**zero, "submitted": 1, "rejected": 1, "withdrawn": 1, "total": 3},
    }


def test_it_counts_sessions_events_needs_and_totals(report):
    assert values(report, "sessions_by_type") == {
        "employment": 1, "psychosocial_child": 0, "psychosocial_adult": 1,
        "psychosocial_family": 0, "benefits_information": 0, "social_inquiry": 0,
        "home_visit": 0}  # fmt: skip
    none = {"events": 0, "registered": 0, "head_count": 0, "attendance": 0}
    assert values(report, "events_by_kind") == {
        "educational": none,
        "social_cultural": none,
        "networking": {"events": 1, "registered": 0, "head_count": 12, "attendance": 12},
        "information_day": {"events": 1, "registered": 1, "head_count": 7, "attendance": 8},
        "group_counselling": none,
        "total": {"events": 2, "registered": 1, "head_count": 19, "attendance": 20},
    }
    assert values(report, "needs_by_category") == {"income": 1, "shelter": 1}
    assert values(report, "totals") == {
        "requests": 5, "information_requests": 5, "referrals": 3, "applications": 3,
        "sessions": 2, "events": 2, "needs": 2,
        "appointments_attended": 1, "case_notes": 2}  # fmt: skip


def test_a_range_counts_only_its_days(april):
    report = build_report(Period(date(2026, 4, 6), date(2026, 4, 10)))
    assert values(report, "participants") == {"new": 0, "returning": 2, "total": 2}
    assert values(report, "information_requests") == {
        "answered_on_time": 0, "answered_late": 0,
        "open_overdue": 0, "open_not_due": 1}  # fmt: skip
    assert values(report, "requests_by_status")["in_progress"] == 0
    assert values(report, "requests_by_status")["rejected"] == 1
    assert values(report, "referrals_by_body")["pantopoleio"]["declined"] == 1
    assert values(report, "applications_by_programme")["housing_allowance"]["submitted"] == 1
    assert values(report, "totals") == {
        "requests": 1, "information_requests": 1, "referrals": 1, "applications": 1,
        "sessions": 1, "events": 1, "needs": 0,
        "appointments_attended": 1, "case_notes": 1}  # fmt: skip


def test_age_is_taken_on_the_first_day_of_the_period(april):
    # B turns 18 on 2 April: under 18 in April, 18–29 from the 2nd.
    report = build_report(Period(date(2026, 4, 2), date(2026, 4, 30)))
    assert values(report, "participants")["total"] == 15
    assert values(report, "participants_by_age") == {
        "under_18": 1, "18_29": 4, "30_54": 6, "55_plus": 4}  # fmt: skip


def test_a_month_without_contacts_is_all_zeros(april):
    report = build_report(Period.month(2026, 1))
    assert values(report, "participants") == {"new": 0, "returning": 0, "total": 0}
    assert set(values(report, "totals").values()) == {0}


def test_the_tables_are_labelled_in_greek(report):
    table = report.tables["requests_by_category"]
    assert table.title == "Αιτήματα ανά κατηγορία"
    assert table.rows[0] == ("housing", "Στέγαση")
    assert table.total_of == "totals.requests"
    assert (
        dict(report.tables["participants_by_settlement"].rows)[URBAN_CODE]
        == "Καρπενήσιον (Καρπενησίου)"
    )
    assert report.tables["esf_indicators"].partition is False
    assert dict(report.tables["referrals_by_body"].columns)["accepted"] == "Έγινε δεκτή"


def test_describe_reads_a_report_back_and_labels_unknown_keys_by_themselves(report):
    document = json.loads(json.dumps(report.to_json_dict()))
    document["tables"]["requests_by_category"]["other-centre"] = 4
    again = Report.from_json_dict(document, describe)
    assert again.tables["requests_by_category"].rows[:2] == [
        ("housing", "Στέγαση"), ("food", "Επισιτισμός")]  # fmt: skip
    assert again.tables["requests_by_category"].rows[-1] == ("other-centre", "other-centre")
    for key, table in report.tables.items():
        if key == "requests_by_category":
            continue
        assert again.tables[key].rows == table.rows, key
        assert again.tables[key].columns == table.columns, key
        assert again.tables[key].title == table.title, key
        assert again.tables[key].values == table.values, key


def test_the_number_of_queries_does_not_grow_with_the_data(april):
    with CaptureQueriesContext(connection) as before:
        build_report(APRIL)
    April.more(april)
    with CaptureQueriesContext(connection) as after:
        grown = build_report(APRIL)
    assert values(grown, "participants")["total"] > 15
    assert len(after.captured_queries) == len(before.captured_queries)
