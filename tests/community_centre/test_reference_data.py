"""`manage.py load_reference_data`: the Centre's profile, settlements, lists and roles."""

from __future__ import annotations

from datetime import time
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.core.management import call_command

from beneficiaries.models import DocumentType, NeedCategory
from community_centre.greek_order import greek_order
from community_centre.models import CentreProfile, Role, Settlement
from community_centre.place_names import everyday_name
from community_centre.reference import strip_article

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[tuple]]:
    return {
        "profile": list(CentreProfile.objects.values_list()),
        "settlements": list(Settlement.objects.order_by("code").values_list()),
        "document_types": list(DocumentType.objects.order_by("code").values_list()),
        "need_categories": list(NeedCategory.objects.order_by("code").values_list()),
        "groups": [
            (g.name, sorted(g.permissions.values_list("codename", flat=True)))
            for g in Group.objects.order_by("name")
        ],
    }


def test_it_creates_the_centre_profile_from_the_public_page():
    load()
    profile = CentreProfile.objects.get()
    assert profile.name == "Κέντρο Κοινότητας Δήμου Καρπενησίου"
    assert profile.municipality == "Δήμος Καρπενησίου"
    assert profile.area == "Περιοχή Αγίου Γεωργίου"
    assert profile.town == "Καρπενήσι"
    assert profile.postal_code == "36100"
    assert profile.phones == "2237 3 52200, 2237 3 52221"
    assert profile.fax == "2237 3 52224"
    assert "a.fakitsa@0716.syzefxis.gov.gr" in profile.emails
    assert "m.trasteli@0716.syzefxis.gov.gr" in profile.emails
    assert (profile.opens_at, profile.closes_at) == (time(7, 0), time(15, 0))


def test_a_second_run_changes_nothing():
    load()
    before, log_entries = snapshot(), LogEntry.objects.count()
    output = load()
    assert snapshot() == before
    assert LogEntry.objects.count() == log_entries
    assert CentreProfile.objects.count() == 1
    assert "0 νέα, 0 ενημερώθηκαν, 92 αμετάβλητα" in output


def test_it_keeps_what_an_administrator_edited_and_fills_what_is_blank():
    load()
    CentreProfile.objects.update(phones="2237 0 99999", fax="", address="Ζηνοπούλου 1")
    output = load()
    profile = CentreProfile.objects.get()
    assert profile.phones == "2237 0 99999"
    assert profile.address == "Ζηνοπούλου 1"
    assert profile.fax == "2237 3 52224"
    assert "fax" in output


def test_it_loads_every_settlement_without_the_article():
    load()
    assert Settlement.objects.count() == 92
    town = Settlement.objects.get(code="3001010101")
    assert (town.name, town.official_name) == ("Καρπενήσι", "Καρπενήσιον")
    assert town.community == "Δημοτική Κοινότητα Καρπενησίου"
    assert town.municipal_unit == "Δημοτική Ενότητα Καρπενησίου"
    assert town.population_2011 == 7183
    assert not Settlement.objects.filter(name__contains=",").exists()
    assert Settlement.objects.get(code="3001010201").name == "Αγία Βλαχέρνα"


@pytest.mark.parametrize(
    ("official", "everyday"),
    [
        ("Καρπενήσιον", "Καρπενήσι"),
        ("Μέγα Χωρίον", "Μεγάλο Χωριό"),
        ("Νέον Μικρόν Χωρίον", "Νέο Μικρό Χωριό"),
        ("Δυτικόν Παππαρούσιον", "Δυτικό Παππαρούσι"),
        ("Κλειστόν", "Κλειστό"),
        ("Βούτυρον", "Βούτυρο"),
        ("Αγία Τριάς", "Αγία Τριάδα"),
        ("Άγιος Νικόλαος", "Άγιος Νικόλαος"),
        ("Φουρνά", "Φουρνά"),
    ],
)
def test_settlements_get_the_name_people_write(official, everyday):
    assert everyday_name(official) == everyday


def test_the_letterhead_and_the_settlement_of_the_town_agree():
    load()
    assert CentreProfile.current().town == Settlement.objects.get(code="3001010101").name


def test_strip_article_drops_what_follows_the_comma():
    assert strip_article("Καρπενήσιον,το") == "Καρπενήσιον"
    assert strip_article("Βαμβακιαί,αι") == "Βαμβακιαί"
    assert strip_article("Στάβλοι") == "Στάβλοι"


def test_only_the_town_of_karpenisi_is_urban():
    load()
    assert list(Settlement.objects.filter(is_urban=True).values_list("code", flat=True)) == [
        "3001010101"
    ]


def test_every_settlement_belongs_to_one_of_the_six_municipal_units():
    load()
    units = set(Settlement.objects.values_list("municipal_unit", flat=True))
    assert units == {
        "Δημοτική Ενότητα Καρπενησίου",
        "Δημοτική Ενότητα Δομνίστας",
        "Δημοτική Ενότητα Κτημενίων",
        "Δημοτική Ενότητα Ποταμιάς",
        "Δημοτική Ενότητα Προυσού",
        "Δημοτική Ενότητα Φουρνά",
    }
    assert Settlement.objects.values("community").distinct().count() == 50


def test_a_changed_settlement_is_put_back_by_its_code_without_a_duplicate():
    load()
    Settlement.objects.filter(code="3001010101").update(name="Λάθος", is_urban=False)
    load()
    town = Settlement.objects.get(code="3001010101")
    assert (town.name, town.is_urban) == ("Καρπενήσι", True)
    assert Settlement.objects.count() == 92


def test_it_loads_the_document_types_with_expiry_where_documents_expire():
    load()
    expiry = dict(DocumentType.objects.values_list("code", "has_expiry"))
    assert len(expiry) == 19
    assert expiry["identity"] is True
    assert expiry["no-pension-certificate"] is True and expiry["birth-certificate"] is False
    assert expiry["residence-permit"] is True
    assert expiry["unemployment-card"] is True
    assert expiry["tax-return-e1"] is False
    assert expiry["tax-assessment"] is False
    assert DocumentType.objects.get(code="disability-certificate").name.endswith("ΚΕΠΑ")


def test_it_keeps_a_renamed_document_type():
    load()
    DocumentType.objects.filter(code="iban").update(name="IBAN (βεβαίωση τράπεζας)")
    load()
    assert DocumentType.objects.get(code="iban").name == "IBAN (βεβαίωση τράπεζας)"


def test_it_loads_the_need_categories():
    load()
    codes = set(NeedCategory.objects.values_list("code", flat=True))
    assert {"income", "food", "housing", "employment", "health", "other"} <= codes
    assert len(codes) == 12


def test_it_creates_the_role_groups_with_their_permissions():
    load()
    social_worker = Group.objects.get(name=Role.SOCIAL_WORKER)
    administrator = Group.objects.get(name=Role.ADMINISTRATOR)
    assert social_worker.permissions.filter(codename="view_beneficiary").exists()
    assert not administrator.permissions.filter(codename="view_beneficiary").exists()
    assert administrator.permissions.filter(codename="change_settlement").exists()


def test_places_are_listed_as_greek_readers_sort_them():
    load()
    names = list(
        Settlement.objects.filter(name__in=["Αγία Βλαχέρνα", "Άγιος Ανδρέας", "Άμπλιανη"])
        .order_by(greek_order("name"))
        .values_list("name", flat=True)
    )
    assert names == ["Αγία Βλαχέρνα", "Άγιος Ανδρέας", "Άμπλιανη"]
    # The default order of the settlement lists is Greek too (by unit, community, name).
    units = list(dict.fromkeys(Settlement.objects.values_list("municipal_unit", flat=True)))
    assert units == sorted(units, key=lambda u: u.lower().translate(_UNACCENT))


_UNACCENT = str.maketrans("άέήίόύώϊϋΐΰ", "αεηιουωιυιυ")
