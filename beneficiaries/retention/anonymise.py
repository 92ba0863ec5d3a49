"""Anonymising one case file: the person, their household and representative, the free text of
every record (this app's here, the other apps' through the registry), the django-auditlog rows
of all of them, the access log's descriptions, and the uploaded files.

What the anonymous counts use is kept: sex, year of birth, citizenship, settlement, education,
labour status, housing, the vulnerable-group answers, the ΕΕΕ flag, the dates and kinds of
every record. The signed-off months are stored as text (reporting.models.SignedReport) and
this changes nothing in them.
"""

from __future__ import annotations

from datetime import date

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from beneficiaries.models import (
    Beneficiary,
    CaseNote,
    CaseStatusChange,
    Document,
    HouseholdMember,
    LegalHoldChange,
    Need,
    Rectification,
    Representative,
)
from beneficiaries.retention.records import delete_files, scrub_rows
from beneficiaries.retention.registry import anonymisers
from beneficiaries.retention.scrub import REDACTED, Scrubber
from community_centre.models import AccessLog

# Birthdays are kept as the year only, placed mid-year (the least bias in age bands).
BIRTHDAY_IN_YEAR = (7, 1)

PERSON_CLEARED = {
    "father_name": "",
    "mother_name": "",
    "amka": None,
    "amka_mismatch_reason": "",
    "paaypa": "",
    "afm": None,
    "personal_number": "",
    "id_document_type": "",
    "id_document_number": "",
    "address": "",
    "postal_code": "",
    "phone_mobile": "",
    "phone_other": "",
    "email": "",
    "eps_number": "",
    "disability_percentage": None,
    "health_notes": "",
}


def scrubber_for(beneficiary: Beneficiary) -> Scrubber:
    """The names and numbers of the person, their household and their representatives."""
    b = beneficiary
    names = [b.surname, b.given_name, b.father_name, b.mother_name]
    numbers = [b.amka, b.afm, b.paaypa, b.personal_number, b.id_document_number, b.eps_number]
    numbers += [b.phone_mobile, b.phone_other, b.email, b.address]
    for member in b.household.all():
        names += [member.surname, member.given_name]
        numbers.append(member.amka)
    for rep in b.representatives.all():
        names += [rep.surname, rep.given_name]
        numbers += [rep.id_document_number, rep.phone]
    names += _former_values(b, NAME_FIELDS)
    numbers += _former_values(b, NUMBER_FIELDS)
    return Scrubber([n for n in names if n], [n for n in numbers if n])


NAME_FIELDS = ("surname", "given_name", "father_name", "mother_name")
NUMBER_FIELDS = ("amka", "afm", "personal_number", "id_document_number", "eps_number",
                 "phone_mobile", "phone_other", "phone", "email", "address")  # fmt: skip


def _former_values(beneficiary: Beneficiary, fields: tuple[str, ...]) -> list[str]:
    """What the names and numbers of the person, their household and their representatives
    were before an edit or a correction (art. 16): free text written then may hold them. One
    query over the audit rows of the file and of its people."""
    types = ContentType.objects.get_for_models(Beneficiary, HouseholdMember, Representative)
    person = types[Beneficiary]
    values = []
    entries = LogEntry.objects.filter(content_type__in=types.values()).filter(
        Q(content_type=person, object_pk=str(beneficiary.pk))
        | Q(additional_data__beneficiary_id=beneficiary.pk)
    )
    for changes in entries.values_list("changes", flat=True):
        for field, change in (changes or {}).items():
            if field in fields and isinstance(change, list):
                values += [v for v in change if isinstance(v, str) and v not in ("", "None")]
    return values


def year_only(day: date | None) -> date | None:
    return None if day is None else date(day.year, *BIRTHDAY_IN_YEAR)


def anonymise_case_file(beneficiary: Beneficiary, to_delete: list) -> dict[str, int]:
    """Remove the identifiers of one case file (inside the caller's transaction); the records
    changed, per kind. The files are queued in `to_delete`."""
    scrub = scrubber_for(beneficiary)
    ids = [beneficiary.pk]
    counts = {"case_file": _anonymise_person(beneficiary, scrub)}
    counts["household"] = _anonymise_people_around(ids, scrub)
    counts["case_records"] = _anonymise_records(ids, scrub, to_delete)
    for anonymiser in anonymisers():
        counts[anonymiser.key] = anonymiser.anonymise(ids, scrub, to_delete)
    counts["history"] = scrub_history(beneficiary, scrub)
    counts["access_log"] = scrub_rows(AccessLog.objects.about(beneficiary.pk), scrub, ["detail"])
    return counts


def _anonymise_person(beneficiary: Beneficiary, scrub: Scrubber) -> int:
    b = beneficiary
    b.surname = b.given_name = REDACTED
    b.fill_search_fields()
    values = {
        **PERSON_CLEARED,
        "surname": REDACTED,
        "given_name": REDACTED,
        "search_key": b.search_key,
        "search_terms": b.search_terms,
        "date_of_birth": year_only(b.date_of_birth),
        "closed_reason": scrub.text(b.closed_reason) or REDACTED,
    }
    Beneficiary.objects.filter(pk=b.pk).update(**values)
    return 1


def _anonymise_people_around(ids: list[int], scrub: Scrubber) -> int:
    changed = 0
    for member in HouseholdMember.objects.filter(beneficiary__in=ids).only("pk", "date_of_birth"):
        HouseholdMember.objects.filter(pk=member.pk).update(
            surname=REDACTED,
            given_name=REDACTED,
            amka="",
            date_of_birth=year_only(member.date_of_birth),
        )
        changed += 1
    changed += scrub_rows(
        Representative.objects.filter(beneficiary__in=ids),
        scrub,
        text=["relationship"],
        set_to={"surname": REDACTED, "given_name": REDACTED, "id_document_number": "", "phone": ""},
    )
    return changed


def _anonymise_records(ids: list[int], scrub: Scrubber, to_delete: list) -> int:
    documents = Document.objects.filter(beneficiary__in=ids)
    changed = delete_files(documents, "file", to_delete)
    scrub_rows(documents, scrub, ["description"], set_to={"original_name": REDACTED, "sha256": ""})
    changed += scrub_rows(CaseNote.objects.filter(beneficiary__in=ids), scrub, ["text"])
    changed += scrub_rows(Need.objects.filter(beneficiary__in=ids), scrub, ["description"])
    changed += scrub_rows(CaseStatusChange.objects.filter(beneficiary__in=ids), scrub, ["reason"])
    changed += scrub_rows(LegalHoldChange.objects.filter(beneficiary__in=ids), scrub, ["reason"])
    # The old and new values of a correction (art. 16) are kept under the fields' names.
    changed += scrub_rows(
        Rectification.objects.filter(beneficiary__in=ids), scrub, ["reason"], json=["changes"]
    )
    return changed


def scrub_history(beneficiary: Beneficiary, scrub: Scrubber) -> int:
    """django-auditlog's rows of the file and of every record in it (they carry its
    `beneficiary_id`, deleted records' too): the changes, their text, the object's name."""
    person = ContentType.objects.get_for_model(Beneficiary)
    entries = LogEntry.objects.filter(
        Q(additional_data__beneficiary_id=beneficiary.pk)
        | Q(content_type=person, object_pk=str(beneficiary.pk))
    )
    return scrub_rows(
        entries,
        scrub,
        text=["changes_text"],
        json=["changes", "serialized_data", "additional_data"],
        set_to={"object_repr": REDACTED},
    )
