"""No page, partial, PDF, spreadsheet or export shows a special category of a person
(beneficiaries.special_categories) unless the worker opened it with a purpose.

The routes come from the access matrix (tests.test_access_matrix.ROUTES): every page a
caseworker or a partner reads is opened with the planted person carrying distinctive values,
and its bytes — HTML, the text of a PDF, the cells of an XLSX, CSV or JSON — are searched for
them. A new page cannot escape the check.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from beneficiaries.models import Beneficiary
from referrals.models import PartnerBody
from tests.pdf import read
from tests.pdf import text as pdf_text
from tests.referrals.factories import partner_user
from tests.test_access_log_completeness import READ_BY_POST, READS, _query, _reader
from tests.test_access_matrix import ROUTES, _url, objects  # noqa: F401 - objects is a fixture

pytestmark = pytest.mark.django_db

HEALTH = "Επιληψία-ΜΝ6624"
MARKERS = (HEALTH, "64%", "πιστοποίηση ΚΕΠΑ")
EXPORT_FORMATS = ("json", "csv", "xlsx", "pdf")


def _plant(objects: dict) -> Beneficiary:  # noqa: F811
    person = Beneficiary.objects.get(pk=objects["beneficiary"])
    person.disability, person.disability_percentage, person.disability_certified = "yes", 64, True
    person.health_notes, person.minority, person.foreign_background = HEALTH, "yes", "yes"
    person.save()
    return person


def readable(response) -> str:
    """What a person could read in the response, whatever its format."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf") and b"startxref" in content:  # not a planted stub
        return pdf_text(read(content))
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return content.decode("utf-8", "replace")


def assert_hidden(text: str, where: str) -> None:
    for marker in MARKERS:
        assert marker not in text, f"{where} shows the special category «{marker}»"


@pytest.mark.parametrize("route", READS, ids=lambda r: r.name)
def test_no_page_shows_a_special_category(route, client, request, objects):  # noqa: F811
    person = _plant(objects)
    client.force_login(_reader(route, request))
    if route.name in READ_BY_POST:
        response = client.post(_url(route, objects), {"q": person.surname})
    else:
        response = client.get(_url(route, objects), _query(route, objects))
    assert response.status_code in (200, 302)
    assert_hidden(readable(response), route.name)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_no_export_of_the_report_carries_a_special_category(fmt, client, coordinator, objects):  # noqa: F811
    _plant(objects)
    client.force_login(coordinator)
    response = client.get(f"/reports/export/{fmt}/")
    assert response.status_code == 200, response.status_code
    assert_hidden(readable(response), f"the {fmt} export")


PARTNER_READS = [
    r for r in ROUTES if r.method == "get" and r.allowed <= {"partner", "other_partner"}
]


@pytest.mark.parametrize("route", PARTNER_READS, ids=lambda r: r.name)
def test_a_partner_sees_no_special_category_not_disclosed(route, client, objects):  # noqa: F811
    _plant(objects)
    client.force_login(partner_user(PartnerBody.objects.get(pk=objects["body"]), "pantopoleio"))
    response = client.get(_url(route, objects))
    assert response.status_code == 200
    assert_hidden(readable(response), route.name)
