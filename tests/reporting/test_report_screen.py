"""The report screen and its exports: the same numbers as the JSON export, the sign-off status
and its flag, Greek messages for a bad period or a missing reason, the access log of every view
and export, and no 500 for any input."""

from __future__ import annotations

import datetime as dt
import json
import re
from hashlib import sha256
from html import unescape

import pytest
from django.contrib import admin
from django.urls import reverse

from community_centre.models import AccessLog
from reporting import actions
from reporting.forms import last_ended_month
from reporting.models import Reopening, SignedReport
from reporting.period import ATHENS, Period
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.requests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db

OCTOBER = Period.month(2026, 10)
REPORT = reverse("reporting:report")


@pytest.fixture
def october(social_worker):
    for day in (3, 14, 31):
        AssistanceRequestFactory(
            beneficiary=BeneficiaryFactory(),
            received_at=dt.datetime(2026, 10, day, 9, tzinfo=ATHENS),
            assigned_worker=social_worker,
        )


def _cells(html: str, key: str) -> dict[str, list[str]]:
    """The counts of one table on the page: row key → its cells as printed."""
    section = re.search(rf'<section[^>]*id="table-{key}".*?</section>', html, re.S).group(0)
    rows = re.findall(r'<tr[^>]*data-row="([^"]+)">(.*?)</tr>', section, re.S)
    return {
        row: [unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", body)] for row, body in rows
    }


def _printed(value) -> str:
    return "<5" if value == "<5" else f"{value:,}".replace(",", ".")


@pytest.mark.parametrize("publication", [False, True], ids=["internal", "publication"])
def test_the_screen_shows_the_numbers_of_the_json_export(coordinator_client, october, publication):
    query = {"month": "2026-10", **({"publication": "on"} if publication else {})}
    html = coordinator_client.get(REPORT, query).content.decode()
    export = coordinator_client.get(reverse("reporting:export", args=["json"]), query)
    document = json.loads(export.content)
    assert document["publication"] is publication
    assert document["tables"]["participants"]["total"] == ("<5" if publication else 3)
    for key, values in document["tables"].items():
        shown = _cells(html, key)
        assert list(shown) == list(values), key
        for row, value in values.items():
            expected = (
                [_printed(v) for v in value.values()]
                if isinstance(value, dict)
                else [_printed(value)]
            )
            assert shown[row] == expected, (key, row)


def test_the_default_is_the_last_ended_month(coordinator_client):
    response = coordinator_client.get(REPORT)
    assert response.status_code == 200
    assert response.context["period"] == last_ended_month()
    assert response.context["form"]["month"].value() == last_ended_month().month_key


@pytest.mark.parametrize(
    "query, field, message",
    [
        ({"month": "2026-13"}, "month", "Ο μήνας γράφεται ΕΕΕΕ-ΜΜ"),
        ({"month": "2999-01"}, "month", "δεν έχει αρχίσει ακόμη"),
        ({"date_from": "15/10/2026", "date_to": "01/10/2026"}, "date_to", "τελειώνει πριν"),
        ({"date_from": "01/01/2015", "date_to": "01/01/2026"}, "date_to", "5 έτη"),
        ({"date_from": "01/10/2026"}, "date_to", "και τις δύο"),
        ({"date_from": "32/10/2026", "date_to": "01/11/2026"}, "date_from", "Δεν υπάρχει"),
    ],
)
def test_a_bad_period_is_refused_beside_its_field_and_kept(coordinator_client, query, field,
                                                            message):  # fmt: skip
    before = AccessLog.objects.count()
    response = coordinator_client.get(REPORT, query)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert "period" not in response.context
    html = response.content.decode()
    for value in query.values():
        assert f'value="{value}"' in html  # what was typed is kept
    assert AccessLog.objects.count() == before  # nothing was shown


def test_a_range_is_reported_and_cannot_be_signed(coordinator_client, october):
    response = coordinator_client.get(REPORT, {"date_from": "1/10/2026", "date_to": "15/10/2026"})
    assert response.context["period"] == Period(dt.date(2026, 10, 1), dt.date(2026, 10, 15))
    assert response.context["report"].figure("participants.total") == 2
    html = response.content.decode()
    assert "όχι ένα διάστημα ημερών" in html
    assert reverse("reporting:sign_off") not in html


def test_every_view_and_export_is_in_the_access_log(coordinator_client, coordinator, october):
    coordinator_client.get(REPORT, {"month": "2026-10"})
    for fmt in ("json", "csv", "xlsx", "pdf"):
        response = coordinator_client.get(
            reverse("reporting:export", args=[fmt]), {"month": "2026-10", "publication": "on"}
        )
        assert response.status_code == 200, fmt
        assert "attachment" in response["Content-Disposition"]
    rows = list(AccessLog.objects.filter(user=coordinator).order_by("at", "pk"))
    assert [row.action for row in rows] == ["view_list"] + ["export"] * 4
    assert "Οκτώβριος 2026" in rows[0].detail and "δημοσίευση: όχι" in rows[0].detail
    for row, fmt in zip(rows[1:], ("JSON", "CSV", "XLSX", "PDF"), strict=True):
        assert row.detail.startswith(fmt) and "Οκτώβριος 2026" in row.detail
        assert "δημοσίευση: ναι" in row.detail
        assert row.beneficiary_id is None


@pytest.mark.parametrize("fmt", ["html", "JSON", "..", "json.exe"])
def test_an_unknown_format_is_not_found(coordinator_client, fmt):
    response = coordinator_client.get(reverse("reporting:export", args=[fmt]), {"month": "2026-10"})
    assert response.status_code == 404
    assert not AccessLog.objects.filter(action="export").exists()


def test_an_export_of_a_bad_period_goes_back_to_the_page_with_the_message(coordinator_client):
    url = reverse("reporting:export", args=["csv"])
    response = coordinator_client.get(url, {"month": "abc"}, follow=True)
    assert response.redirect_chain[0][0].startswith(REPORT)
    assert "Ο μήνας γράφεται ΕΕΕΕ-ΜΜ" in response.content.decode()
    assert not AccessLog.objects.filter(action="export").exists()


def _sign_off_form(client, month="2026-10"):
    page = client.get(REPORT, {"month": month})
    return {"month": month, "submission_token": page.context["sign_off_form"].initial[
        "submission_token"]}  # fmt: skip


def test_the_coordinator_signs_off_a_month_and_sees_who_and_when(
    coordinator_client, coordinator, october
):
    data = _sign_off_form(coordinator_client)
    response = coordinator_client.post(reverse("reporting:sign_off"), data, follow=True)
    assert response.redirect_chain[-1][0] == f"{REPORT}?month=2026-10"
    html = response.content.decode()
    assert "Ο μήνας Οκτώβριος 2026 υπογράφηκε." in html
    assert "Υπογεγραμμένη" in html and coordinator.get_full_name() in html
    assert "Καμία εγγραφή της περιόδου δεν άλλαξε" in html
    export = coordinator_client.get(
        reverse("reporting:export", args=["json"]), {"month": "2026-10"}
    )
    assert (
        f'<code class="text-break" data-sha256>{sha256(export.content).hexdigest()}</code>' in html
    )
    # A double click lands on the same page, with one signed report.
    again = coordinator_client.post(reverse("reporting:sign_off"), data, follow=True)
    assert "είχε ήδη αποθηκευτεί" in again.content.decode()
    assert SignedReport.objects.count() == 1


def test_the_screen_flags_changes_after_sign_off_and_names_the_figures(
    coordinator_client, coordinator, october, social_worker
):
    actions.sign_off(OCTOBER, coordinator)
    AssistanceRequestFactory(
        beneficiary=BeneficiaryFactory(),
        received_at=dt.datetime(2026, 10, 20, 9, tzinfo=ATHENS),
        assigned_worker=social_worker,
    )
    response = coordinator_client.get(REPORT, {"month": "2026-10"})
    assert response.context["changed"] == 2  # the request, and the person it made served
    html = unescape(response.content.decode())
    assert "Άλλαξαν μετά την υπογραφή: 2 εγγραφές." in html
    assert _cells(html, "participants")["total"] == ["3"]  # the signed figure
    differences = {(d.table, d.row): (d.signed, d.now) for d in response.context["differences"]}
    assert differences[("Ωφελούμενοι που εξυπηρετήθηκαν", "Σύνολο")] == ("3", "4")


def test_signing_a_month_that_has_not_ended_says_why(coordinator_client):
    this_month = Period.month(dt.date.today().year, dt.date.today().month).month_key
    page = coordinator_client.get(REPORT, {"month": this_month})
    assert "δεν έχει τελειώσει" in page.content.decode()
    response = coordinator_client.post(
        reverse("reporting:sign_off"), {"month": this_month}, follow=True
    )
    assert "δεν έχει τελειώσει" in response.content.decode()
    assert not SignedReport.objects.exists()


def test_reopening_without_a_reason_shows_the_message_beside_the_field(
    coordinator_client, coordinator
):
    actions.sign_off(OCTOBER, coordinator)
    response = coordinator_client.post(reverse("reporting:reopen"), {"month": "2026-10"})
    assert response.status_code == 200
    assert response.context["reopen_form"].errors["reason"] == [
        "Γράψτε γιατί ανοίγει ξανά ο μήνας."
    ]
    assert 'aria-invalid="true"' in response.content.decode()
    assert SignedReport.objects.get().in_force


def test_reopening_with_a_reason_opens_the_month_again(coordinator_client, coordinator):
    actions.sign_off(OCTOBER, coordinator)
    response = coordinator_client.post(
        reverse("reporting:reopen"), {"month": "2026-10", "reason": "Λάθος κατηγορία."},
        follow=True,
    )  # fmt: skip
    html = response.content.decode()
    assert "Ο μήνας Οκτώβριος 2026 άνοιξε ξανά." in html
    assert "Λάθος κατηγορία." in html and "Δεν έχει υπογραφεί" in html
    assert Reopening.objects.get().reason == "Λάθος κατηγορία."


@pytest.mark.parametrize(
    "data, reopen_answer",
    [({}, 302), ({"month": "x" * 5000}, 302), ({"month": "2026-10\x00"}, 302),
     ({"month": ["2026-10", "2026-09"]}, 200),
     ({"month": "2026-10", "submission_token": "not-a-token"}, 200)],
)  # fmt: skip
def test_hostile_posts_answer_a_message_never_a_500(coordinator_client, data, reopen_answer):
    """A month that cannot be read goes back to the report with the message; a readable one
    without a reason shows the re-opening form with its message (200)."""
    assert coordinator_client.post(reverse("reporting:sign_off"), data).status_code == 302
    assert coordinator_client.post(reverse("reporting:reopen"), data).status_code == reopen_answer


def test_a_social_worker_sees_no_coordination_menu_items(worker_client):
    html = worker_client.get(reverse("requests:my_work")).content.decode()
    assert reverse("reporting:report") not in html and "Συντονισμός" not in html


def test_the_coordinator_finds_the_report_under_coordination(coordinator_client):
    html = coordinator_client.get(reverse("requests:my_work")).content.decode()
    assert "Συντονισμός" in html and f'href="{REPORT}"' in html
    assert reverse("staff_overview") in html and reverse("reporting:dashboard") in html


def test_a_signed_month_is_published_from_its_signed_figures(coordinator_client, coordinator,
                                                             october):  # fmt: skip
    actions.sign_off(OCTOBER, coordinator)
    AssistanceRequestFactory(received_at=dt.datetime(2026, 10, 9, 9, tzinfo=ATHENS))
    AssistanceRequestFactory(received_at=dt.datetime(2026, 10, 10, 9, tzinfo=ATHENS))
    url = reverse("reporting:export", args=["json"])
    internal = json.loads(coordinator_client.get(url, {"month": "2026-10"}).content)
    published = json.loads(
        coordinator_client.get(url, {"month": "2026-10", "publication": "on"}).content
    )
    assert internal["tables"]["participants"]["total"] == 3  # as signed, not the 5 of today
    assert (published["signed_off"], published["publication"]) == (True, True)
    assert published["tables"]["participants"]["total"] == "<5"


def test_the_page_reads_a_fixed_number_of_queries(
    coordinator_client, coordinator, october, social_worker, django_assert_max_num_queries
):
    """Every table is an aggregate: more people and requests read no more queries."""
    for day in range(1, 29):
        AssistanceRequestFactory(received_at=dt.datetime(2026, 10, day, 9, tzinfo=ATHENS))
    with django_assert_max_num_queries(32):
        coordinator_client.get(REPORT, {"month": "2026-10"})
    actions.sign_off(OCTOBER, coordinator)
    AssistanceRequestFactory(received_at=dt.datetime(2026, 10, 9, 9, tzinfo=ATHENS))
    with django_assert_max_num_queries(38):  # and the figures counted again, to compare
        coordinator_client.get(REPORT, {"month": "2026-10"})


def test_nothing_of_the_reporting_app_is_in_the_admin():
    assert not admin.site.is_registered(SignedReport)
    assert not admin.site.is_registered(Reopening)
