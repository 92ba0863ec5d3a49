"""A social worker, in Chromium, records a series of eight psychosocial sessions for a person
from the case file, then marks the first one held with its notes from the series' list, and
sees it on the case file and on «Η εργασία μου». Screenshots go to var/screenshots; each screen
is checked with axe-core."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from community_centre.calendar import is_working_day
from services.models import CounsellingSession
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import login
from tests.services.factories import CounsellingSessionFactory
from tests.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_social_worker_records_a_series_of_eight_and_marks_one_held(page, screenshot,
                                                                    social_worker):  # fmt: skip
    today = timezone.localdate()
    if not is_working_day(today):
        pytest.skip("the Centre is closed today: the first session could not be held today")
    person = BeneficiaryFactory(surname="Καραγιάννη", given_name="Ελένη",
                                assigned_worker=social_worker)  # fmt: skip
    login(page, social_worker.username)
    page.goto(person.get_absolute_url())
    section = page.get_by_role("region", name="Συνεδρίες")
    expect(section).to_contain_text("Δεν έχει καταχωριστεί συνεδρία.")
    section.get_by_role("link", name="Σειρά συνεδριών").click()

    page.get_by_label("Είδος").select_option(label="Ψυχοκοινωνική υποστήριξη ενήλικα")
    page.get_by_label("Πρώτη συνεδρία").fill(today.strftime("%d/%m/%Y"))
    page.get_by_label("Ώρα έναρξης").fill("14:00")
    page.get_by_label("Διάρκεια (λεπτά)").fill("45")
    page.get_by_label("Αριθμός συνεδριών").fill("8")
    page.get_by_label("Κάθε").fill("1")
    page.get_by_label("Μονάδα").select_option(label="εβδομάδες")
    screenshot("series-form")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Προγραμματισμός σειράς").click()

    expect(page.get_by_text("Προγραμματίστηκαν 8 συνεδρίες.")).to_be_visible()
    expect(page.locator("ol.list-group > li")).to_have_count(8)
    screenshot("series")
    assert serious_violations(page) == []
    first = page.locator("ol.list-group > li").first
    first.get_by_label("Σημειώσεις").fill("Πρώτη γνωριμία· στόχοι για τις επόμενες εβδομάδες.")
    first.get_by_role("button", name="Πραγματοποιήθηκε").click()

    expect(page.get_by_text("Η συνεδρία σημειώθηκε ως πραγματοποιημένη.")).to_be_visible()
    expect(page.get_by_text("1 από 8 πραγματοποιήθηκαν")).to_be_visible()
    screenshot("series-one-held")
    held = CounsellingSession.objects.get(beneficiary=person, series_position=1)
    assert held.status == "held" and held.notes.startswith("Πρώτη γνωριμία")

    page.goto(person.get_absolute_url())
    section = page.get_by_role("region", name="Συνεδρίες")
    expect(section).to_contain_text("Ψυχοκοινωνική υποστήριξη ενήλικα 1")
    section.screenshot(path=str(screenshot("case-file").with_name("case-file-section.png")))
    page.goto("/")
    expect(page.get_by_role("region", name="Σημερινές συνεδρίες")).to_contain_text("Καραγιάννη")
    screenshot("my-work")
    assert serious_violations(page) == []

    page.goto(held.get_absolute_url())
    history = page.get_by_role("region", name="Ιστορικό")
    expect(history).to_contain_text(social_worker.get_full_name())
    screenshot("session")
    assert serious_violations(page) == []


def test_a_clash_and_an_absurd_duration_are_shown_beside_their_fields(page, screenshot,
                                                                      social_worker):  # fmt: skip
    person = BeneficiaryFactory(surname="Μπακάλης", given_name="Νίκος")
    other = CounsellingSessionFactory(worker=social_worker, start_time=dt.time(10, 0))
    login(page, social_worker.username)
    page.goto(f"/services/sessions/for/{person.pk}/new/")
    page.get_by_label("Ημερομηνία").fill(other.date.strftime("%d/%m/%Y"))
    page.get_by_label("Ώρα έναρξης").fill("10:30")
    page.get_by_label("Διάρκεια (λεπτά)").fill("-5")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.get_by_text("Η διάρκεια είναι από 5 έως 480 λεπτά.")).to_be_visible()
    page.get_by_label("Διάρκεια (λεπτά)").fill("45")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.locator("#id_start_time_error, .invalid-feedback").first).to_contain_text(
        other.beneficiary.surname
    )
    screenshot("clash")
    assert serious_violations(page) == []
    page.goto(f"/services/sessions/for/{other.beneficiary_id}/")
    screenshot("list")
    assert serious_violations(page) == []
