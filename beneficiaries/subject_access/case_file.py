"""The case file's own parts of the export: the person, household, representatives, consents,
documents (their files in the ZIP), case notes and needs. Each part reads its records in one or
two queries, whatever their number."""

from __future__ import annotations

from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.models import (
    Beneficiary,
    CaseNote,
    CaseStatusChange,
    Consent,
    Document,
    HouseholdMember,
    LegalHoldChange,
    Need,
    Rectification,
    Representative,
)
from beneficiaries.subject_access.registry import register_part
from beneficiaries.subject_access.values import Group, Record, fields_of, item


def document_path(document: Document) -> str:
    """Where a document's file goes in the ZIP: its id and its original name, made safe."""
    name = get_valid_filename(document.original_name) or "file"
    return f"documents/{document.pk}-{name}"


def document_label(document: Document | None) -> tuple[str | None, str]:
    """A link from a record to a document of the file: (its path in the ZIP, as printed)."""
    if document is None:
        return None, ""
    return document_path(document), f"{document.original_name} ({document_path(document)})"


def person(beneficiary: Beneficiary) -> list[Record]:
    """Every field of the case file, special categories included (the data are the person's
    own), and each closing and reopening of the file."""
    b = Beneficiary.objects.select_related("settlement", "assigned_worker", "register_import").get(
        pk=beneficiary.pk
    )
    changes = [
        Record(str(change), fields_of(change))
        for change in b.status_changes.select_related("actor").order_by("at", "pk")
    ]
    title = _("Ατομικός φάκελος %(name)s") % {"name": b.full_name}
    groups = [Group("status_changes", _("Κλεισίματα και επανενεργοποιήσεις"), changes)]
    return [Record(title, fields_of(b), groups)]


def household(beneficiary: Beneficiary) -> list[Record]:
    return [Record(str(member), fields_of(member)) for member in beneficiary.household.all()]


def _linked_document(record, name: str, label) -> list:
    path, text = document_label(getattr(record, name))
    return [item(f"{name}_file", label, path, text)]


def representatives(beneficiary: Beneficiary) -> list[Record]:
    reps = beneficiary.representatives.select_related("authorisation_document").order_by(
        "valid_from", "pk"
    )
    return [
        Record(
            str(rep),
            fields_of(rep, exclude=("authorisation_document",))
            + _linked_document(rep, "authorisation_document", _("Έγγραφο εξουσιοδότησης")),
        )
        for rep in reps
    ]


def consents(beneficiary: Beneficiary) -> list[Record]:
    rows = beneficiary.consents.select_related("signed_copy", "recorded_by").order_by(
        "informed_on", "pk"
    )
    return [
        Record(
            _("Ενημέρωση %(consent)s") % {"consent": consent},
            fields_of(consent, exclude=("signed_copy",))
            + _linked_document(consent, "signed_copy", _("Υπογεγραμμένο αντίγραφο")),
        )
        for consent in rows
    ]


def _documents(beneficiary: Beneficiary):
    return beneficiary.documents.select_related("document_type").order_by("uploaded_at", "pk")


def documents(beneficiary: Beneficiary) -> list[Record]:
    return [
        Record(
            str(document),
            fields_of(document) + [item("file", _("Αρχείο στο ZIP"), document_path(document))],
        )
        for document in _documents(beneficiary)
    ]


def document_files(beneficiary: Beneficiary):
    for document in _documents(beneficiary):
        yield document_path(document), document.file


def notes(beneficiary: Beneficiary) -> list[Record]:
    rows = beneficiary.notes.order_by("occurred_on", "created_at", "pk")
    return [Record(str(note), fields_of(note)) for note in rows]


def needs(beneficiary: Beneficiary) -> list[Record]:
    rows = beneficiary.needs.select_related("category").order_by("identified_on", "pk")
    return [Record(str(need), fields_of(need)) for need in rows]


def rectifications(beneficiary: Beneficiary) -> list[Record]:
    """Each correction the person asked for (art. 16): when, why, what was corrected."""
    rows = Rectification.objects.filter(beneficiary=beneficiary).select_related("actor")
    return [Record(str(row), fields_of(row)) for row in rows.order_by("at", "pk")]


def legal_holds(beneficiary: Beneficiary) -> list[Record]:
    """Each placing and lifting of a legal hold, which keeps the file from anonymisation."""
    rows = LegalHoldChange.objects.filter(beneficiary=beneficiary).select_related("actor")
    return [Record(str(row), fields_of(row)) for row in rows.order_by("at", "pk")]


def register() -> None:
    """Called by BeneficiariesConfig.ready()."""
    register_part(
        "case_file",
        gettext_lazy("Στοιχεία του φακέλου"),
        person,
        order=10,
        layout="table",
        show_empty=True,
        models=(Beneficiary, CaseStatusChange),
    )
    register_part(
        "household",
        gettext_lazy("Μέλη νοικοκυριού"),
        household,
        order=20,
        models=(HouseholdMember,),
    )
    register_part(
        "representatives",
        gettext_lazy("Εξουσιοδοτημένοι εκπρόσωποι"),
        representatives,
        order=30,
        models=(Representative,),
    )
    register_part(
        "consents",
        gettext_lazy("Ενημερώσεις και συναινέσεις"),
        consents,
        order=40,
        models=(Consent,),
    )
    register_part(
        "documents",
        gettext_lazy("Δικαιολογητικά"),
        documents,
        order=50,
        files=document_files,
        models=(Document,),
    )
    register_part(
        "case_notes", gettext_lazy("Σημειώσεις φακέλου"), notes, order=60, models=(CaseNote,)
    )
    register_part("needs", gettext_lazy("Ανάγκες"), needs, order=70, models=(Need,))
    register_part(
        "rectifications",
        gettext_lazy("Διορθώσεις στοιχείων (άρθρο 16 ΓΚΠΔ)"),
        rectifications,
        order=80,
        models=(Rectification,),
    )
    register_part(
        "legal_holds",
        gettext_lazy("Δέσμευση από τη διατήρηση δεδομένων"),
        legal_holds,
        order=85,
        models=(LegalHoldChange,),
    )
