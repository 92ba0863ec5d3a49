"""The programmes every installation starts with (shared/domain/programmes.md), each with its
document checklist; loaded by `manage.py load_reference_data` (services.reference_data).

A programme is created, with its checklist, when its code is absent; one that exists is the
staff's to edit and is left alone, checklist included (a line they removed is not put back).
Where the source does not say where a programme is submitted, the entry says what the Centre
does at the desk; staff correct it in «Προγράμματα παροχών».
"""

from __future__ import annotations

from dataclasses import dataclass

from beneficiaries.models import DocumentType
from community_centre.reference import LoadSummary
from services.models import Programme, ProgrammeDocument, Requirement, Scope

REQ, REL = Requirement.REQUIRED, Requirement.WHERE_RELEVANT
APPLICANT, ADULTS, EVERYONE = Scope.APPLICANT, Scope.ADULT_MEMBER, Scope.EVERY_MEMBER


@dataclass(frozen=True)
class Line:
    document: str  # DocumentType code
    requirement: str = REQ
    scope: str = APPLICANT
    note: str = ""


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    body: str
    via: str
    centre_files: bool
    renewal_months: int | None
    lines: tuple[Line, ...]
    description: str = ""


MUNICIPALITY = "Δήμος Καρπενησίου"
AT_CENTRE = "Κέντρο Κοινότητας"
ID = Line("identity", scope=ADULTS)

PROGRAMMES: list[Entry] = [
    Entry(
        Programme.EEE, "ΕΕΕ (πρώην ΚΕΑ)", "ΟΠΕΚΑ",
        "Πλατφόρμα ΕΕΕ, μέσω Δήμου / Κέντρου Κοινότητας", True, 6,
        (
            Line("eee-consent", scope=ADULTS, note="Υπογραφή όλων των ενήλικων μελών, θεωρημένη"),
            ID,
            Line("residence-permit", REL, ADULTS, "Για μέλη που δεν είναι Έλληνες πολίτες"),
            Line("tax-return-e1", scope=EVERYONE),
            Line("tax-assessment", scope=EVERYONE),
            Line("iban", note="Λογαριασμός του/της αιτούντος/ούσας"),
            Line("utility-bill", note="Πρόσφατος λογαριασμός ρεύματος ή νερού"),
            Line("proof-of-residence", note="Μισθωτήριο, Ε9 ή τίτλος, ή δήλωση δωρεάν παραχώρησης"),
            Line("unemployment-card", REL, ADULTS),
            Line("family-status"),
            Line("school-certificate", REL, EVERYONE, "Για τα παιδιά που φοιτούν"),
            Line("court-decision", REL, note="Διαζύγιο, επιμέλεια τέκνων"),
        ),
        "Τρεις πυλώνες: εισοδηματική ενίσχυση, σύνδεση με υπηρεσίες κοινωνικής ένταξης, "
        "σύνδεση με την αγορά εργασίας (ΔΥΠΑ). Μόνο μέσω Δήμου / Κέντρου για νοικοκυριά με "
        "φιλοξενούμενα μέλη, μονογονεϊκές οικογένειες, απροστάτευτα τέκνα ή αλλοδαπό ενήλικο "
        "μέλος.",
    ),
    Entry(
        "disability", "Προνοιακά επιδόματα αναπηρίας", "ΟΠΕΚΑ",
        "ΟΠΕΚΑ (καταχώριση από το Κέντρο)", True, None,
        (Line("identity"), Line("disability-certificate", note="Πιστοποίηση ΚΕΠΑ σε ισχύ"),
         Line("iban"), Line("tax-assessment"), Line("medical-report", REL)),
        "Πιστοποίηση αναπηρίας στο ΚΕΠΑ.",
    ),
    Entry(
        "uninsured-elderly", "Επίδομα ανασφάλιστων υπερηλίκων", "ΟΠΕΚΑ",
        "Κέντρο Κοινότητας, διαβιβάζεται στον ΟΠΕΚΑ", True, None,
        (Line("identity"), Line("tax-return-e1"), Line("tax-assessment"), Line("iban"),
         Line("no-pension-certificate"),
         Line("proof-of-residence", note="Μόνιμη και νόμιμη διαμονή")),
        "Για άτομα 67 ετών και άνω χωρίς σύνταξη.",
    ),
    Entry(
        "housing", "Επίδομα στέγασης", "ΟΠΕΚΑ", "Πλατφόρμα ΟΠΕΚΑ", False, None,
        (Line("identity"), Line("proof-of-residence", note="Μισθωτήριο κύριας κατοικίας"),
         Line("tax-assessment", scope=EVERYONE), Line("iban")),
    ),
    Entry(
        "child", "Επίδομα παιδιού", "ΟΠΕΚΑ", "Πλατφόρμα ΟΠΕΚΑ", False, None,
        (Line("identity"), Line("tax-assessment"), Line("family-status"), Line("iban")),
    ),
    Entry(
        "birth", "Επίδομα γέννησης", "ΟΠΕΚΑ", "Πλατφόρμα ΟΠΕΚΑ", False, None,
        (Line("identity"), Line("birth-certificate"), Line("iban")),
    ),
    Entry(
        "heating", "Επίδομα θέρμανσης", "ΑΑΔΕ", "Πλατφόρμα επιδόματος θέρμανσης", False, None,
        (Line("identity"), Line("tax-assessment"), Line("utility-bill"), Line("iban")),
    ),
    Entry(
        "kot", "Κοινωνικό Οικιακό Τιμολόγιο (ΚΟΤ)", "Πάροχος ηλεκτρικής ενέργειας",
        "Πλατφόρμα ΚΟΤ", False, None,
        (Line("identity"), Line("utility-bill", note="Λογαριασμός ρεύματος της κατοικίας"),
         Line("tax-assessment", scope=EVERYONE)),
        "Μειωμένο τιμολόγιο ρεύματος για ευάλωτα νοικοκυριά.",
    ),
    Entry(
        "teva", "ΤΕΒΑ / Επισιτιστική Βοήθεια", MUNICIPALITY, AT_CENTRE, True, None,
        (Line("identity"), Line("tax-assessment"), Line("family-status", REL)),
        "Τρόφιμα και βασική υλική συνδρομή (συνεχίζεται στο ΕΚΤ+ 2021–2027).",
    ),
    Entry(
        "pantopoleio", "Κοινωνικό Παντοπωλείο", MUNICIPALITY, AT_CENTRE, True, None,
        (Line("identity"), Line("tax-assessment"), Line("family-status"),
         Line("proof-of-residence")),
    ),
    Entry(
        "voitheia-sto-spiti", "Βοήθεια στο Σπίτι", MUNICIPALITY, AT_CENTRE, True, None,
        (Line("identity"), Line("medical-report"), Line("tax-assessment")),
    ),
    Entry(
        "gevmata-agapis", "Γεύματα Αγάπης", MUNICIPALITY, AT_CENTRE, True, None,
        (Line("identity"), Line("tax-assessment", REL)),
    ),
    Entry(
        "kafsoxyla", "Διανομή καυσόξυλων και πετρελαίου θέρμανσης", MUNICIPALITY, AT_CENTRE,
        True, None, (Line("identity"), Line("tax-assessment"), Line("proof-of-residence")),
    ),
    Entry(
        "rouxa-paixnidia", "Ρούχα και παιχνίδια", MUNICIPALITY, AT_CENTRE, True, None,
        (Line("identity"),),
    ),
    Entry(
        "koinoniko-frontistirio", "Κοινωνικό φροντιστήριο", MUNICIPALITY, AT_CENTRE, True, None,
        (Line("identity"), Line("school-certificate", note="Του μαθητή ή της μαθήτριας")),
    ),
]  # fmt: skip


def load_programmes(entries: list[Entry] = PROGRAMMES) -> LoadSummary:
    """Create the programmes that are missing, with their checklists; leave the others alone."""
    existing = set(Programme.objects.values_list("code", flat=True))
    documents = {t.code: t for t in DocumentType.objects.all()}
    summary = LoadSummary(unchanged=len([e for e in entries if e.code in existing]))
    for entry in entries:
        if entry.code in existing:
            continue
        programme = Programme.objects.create(
            code=entry.code, name=entry.name, deciding_body=entry.body, submitted_via=entry.via,
            centre_files=entry.centre_files, renewal_months=entry.renewal_months,
            description=entry.description,
        )  # fmt: skip
        ProgrammeDocument.objects.bulk_create(
            ProgrammeDocument(
                programme=programme,
                document_type=documents[line.document],
                requirement=line.requirement,
                scope=line.scope,
                note=line.note,
                position=i,
            )  # fmt: skip
            for i, line in enumerate(entry.lines)
            if line.document in documents
        )
        summary.created += 1
    return summary
