"""What the first page of a report says about it (centre, period, when, signed off,
publication, format), as (label, text) pairs: the XLSX cover sheet and the PDF's heading."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reporting.period import ATHENS
from reporting.tables import FORMAT, FORMAT_VERSION, Report

TITLE = "Μηνιαία αναφορά Ε.Π.Σ."


def title() -> str:
    return _(TITLE)


def local_time(moment: datetime) -> str:
    """dd/mm/yyyy HH:MM, Athens time."""
    return f"{moment.astimezone(ATHENS):%d/%m/%Y %H:%M}"


def cover_lines(report: Report, *, changes: bool = True) -> list[tuple[str, str]]:
    """The particulars; `changes=False` leaves out «Άλλαξαν μετά την υπογραφή» (the PDF prints
    it apart, above them)."""
    period = report.period
    lines = [
        (_("Κέντρο"), str(report.centre.get("name", ""))),
        (_("Δήμος"), str(report.centre.get("municipality", ""))),
        (_("Περίοδος"), period.label),
        (_("Από – έως"), f"{period.first:%d/%m/%Y} – {period.last:%d/%m/%Y}"),
        (_("Δημιουργήθηκε"), local_time(report.generated_at)),
        (_("Υπογραφή"), signed_off_text(report)),
    ]
    changed = changed_text(report) if changes else ""
    if changed:
        lines.append((_("Αλλαγές"), changed))
    lines += [
        (_("Δημοσίευση"), publication_text(report)),
        (_("Μορφή"), _("%(format)s, έκδοση %(version)d")
         % {"format": FORMAT, "version": FORMAT_VERSION}),
    ]  # fmt: skip
    return lines


def signed_off_text(report: Report) -> str:
    if not report.signed_off:
        return _("Δεν έχει υπογραφεί: προσωρινά στοιχεία")
    if report.signed_by and report.signed_at:
        when = local_time(report.signed_at)
        return _("Υπογράφηκε από %(who)s στις %(when)s") % {"who": report.signed_by, "when": when}
    return _("Υπογράφηκε")


def changed_text(report: Report) -> str:
    """«Άλλαξαν μετά την υπογραφή: N εγγραφές», or "" when nothing changed or nobody checked."""
    count = report.changed_after_sign_off
    if not report.signed_off or not count:
        return ""
    return ngettext(
        "Άλλαξαν μετά την υπογραφή: %(count)d εγγραφή",
        "Άλλαξαν μετά την υπογραφή: %(count)d εγγραφές",
        count,
    ) % {"count": count}


def publication_text(report: Report) -> str:
    if report.publication:
        return _("Για δημοσίευση: οι αριθμοί από 1 έως 4, και όσοι θα τους αποκάλυπταν, "
                 "εμφανίζονται ως «<5»")  # fmt: skip
    return _("Για εσωτερική χρήση: όλοι οι αριθμοί, χωρίς απόκρυψη")
