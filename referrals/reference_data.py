"""The partner directory every installation starts with: the bodies a Community Centre in
Karpenisi refers people to, with their services, and the helplines shown to staff
(shared/domain/partners.md). `manage.py load_reference_data` loads it with everything else.

Idempotent: a body is created when its code is absent and a service when its body has none of
that name; rows that exist are the staff's to edit and are left alone. Contact details that the
source does not give are left blank for the staff to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from beneficiaries.models import DocumentType, NeedCategory
from community_centre.models import Settlement
from community_centre.reference import Loader, LoadSummary
from referrals.models import BodyKind, PartnerBody, PartnerService

KARPENISI = "3001010101"  # ELSTAT code of the town of Karpenisi


@dataclass(frozen=True)
class Service:
    name: str
    needs: tuple[str, ...]
    days: int = 10
    documents: tuple[str, ...] = ()
    eligibility: str = ""


@dataclass(frozen=True)
class Body:
    code: str
    name: str
    kind: str
    services: tuple[Service, ...] = ()
    uses_system: bool = False
    is_helpline: bool = False
    phones: str = ""
    hours: str = ""
    in_town: bool = True


ID = ("identity",)
BODIES: list[Body] = [
    # Municipal
    Body("koinoniko-pantopoleio", "Κοινωνικό Παντοπωλείο Δήμου Καρπενησίου", BodyKind.MUNICIPAL,
         (Service("Διάθεση τροφίμων και ειδών πρώτης ανάγκης", ("food",), 10,
                  (*ID, "tax-assessment", "family-status", "proof-of-residence"),
                  "Δημότες και κάτοικοι με χαμηλό εισόδημα, κατά τον κανονισμό λειτουργίας."),),
         uses_system=True),
    Body("kdap", "ΚΔΑΠ Καρπενησίου", BodyKind.MUNICIPAL,
         (Service("Δημιουργική απασχόληση παιδιών", ("child-care",), 10,
                  (*ID, "family-status"), "Παιδιά σχολικής ηλικίας."),)),
    Body("gevmata-agapis", "Γεύματα Αγάπης / Μαθητική Εστία", BodyKind.MUNICIPAL,
         (Service("Καθημερινό γεύμα", ("food",), 5, ID),)),
    Body("voitheia-sto-spiti", "Βοήθεια στο Σπίτι Δήμου Καρπενησίου", BodyKind.MUNICIPAL,
         (Service("Κατ' οίκον φροντίδα", ("elderly-care", "disability"), 15,
                  (*ID, "medical-report"),
                  "Ηλικιωμένοι και άτομα με αναπηρία που δεν αυτοεξυπηρετούνται."),),
         uses_system=True),
    Body("kapi", "ΚΑΠΗ Καρπενησίου", BodyKind.MUNICIPAL,
         (Service("Δημιουργική απασχόληση και φροντίδα ηλικιωμένων", ("elderly-care",), 10, ID),)),
    Body("koinoniki-ypiresia", "Κοινωνική Υπηρεσία Δήμου Καρπενησίου", BodyKind.MUNICIPAL,
         (Service("Κοινωνική έρευνα και έκτακτη οικονομική ενίσχυση", ("income", "housing"), 15,
                  (*ID, "tax-assessment")),)),
    Body("paidikoi-stathmoi", "Δημοτικοί Παιδικοί Σταθμοί Καρπενησίου", BodyKind.MUNICIPAL,
         (Service("Εγγραφή σε παιδικό σταθμό", ("child-care",), 20,
                  (*ID, "family-status", "tax-assessment")),)),
    # State
    Body("dypa", "ΔΥΠΑ (πρώην ΟΑΕΔ) — Κέντρο Προώθησης Απασχόλησης Καρπενησίου", BodyKind.STATE,
         (Service("Εγγραφή στο μητρώο ανέργων και κάρτα ανεργίας", ("employment",), 10,
                  (*ID, "proof-of-residence")),
          Service("Προγράμματα απασχόλησης και κατάρτισης", ("employment", "education"), 20,
                  ("unemployment-card",)))),
    Body("opeka", "ΟΠΕΚΑ", BodyKind.STATE,
         (Service("Επιδόματα και προνοιακές παροχές", ("income",), 20,
                  (*ID, "tax-assessment", "iban")),), in_town=False),
    Body("efka-kep", "e-ΕΦΚΑ και ΚΕΠ Καρπενησίου", BodyKind.STATE,
         (Service("Έκδοση και ενεργοποίηση ΑΜΚΑ", ("legal-administrative", "health"), 5, ID),)),
    Body("kepa", "ΚΕΠΑ Ευρυτανίας", BodyKind.STATE,
         (Service("Πιστοποίηση αναπηρίας", ("disability",), 40, (*ID, "medical-report")),)),
    Body("kkp", "Κέντρο Κοινωνικής Πρόνοιας Περιφέρειας Στερεάς Ελλάδας", BodyKind.STATE,
         (Service("Προστασία παιδιού και οικογένειας", ("psychosocial", "child-care"), 20),),
         in_town=False),
    Body("nosokomeio", "Γενικό Νοσοκομείο Καρπενησίου — Κοινωνική Υπηρεσία", BodyKind.STATE,
         (Service("Κοινωνική υπηρεσία νοσοκομείου", ("health",), 5, ID),)),
    Body("psychiki-ygeia", "Υπηρεσίες ψυχικής υγείας", BodyKind.STATE,
         (Service("Ψυχιατρική και ψυχολογική υποστήριξη", ("psychosocial", "health"), 15),)),
    # Helplines: shown to staff, never referral targets
    Body("ekka-197", "ΕΚΚΑ — Γραμμή 197 για την κοινωνική έκτακτη ανάγκη", BodyKind.STATE,
         is_helpline=True, phones="197", hours=str(_("24 ώρες το 24ωρο")), in_town=False),
    Body("grammi-15900", "Γραμμή SOS 15900 για τη βία κατά των γυναικών", BodyKind.STATE,
         is_helpline=True, phones="15900", hours=str(_("24/7")), in_town=False),
    Body("symvouleftika-kentra", "Δίκτυο Συμβουλευτικών Κέντρων Γυναικών και Ξενώνων Φιλοξενίας",
         BodyKind.STATE, is_helpline=True, phones="15900", in_town=False),
]  # fmt: skip


def load_partner_directory(bodies: list[Body] = BODIES) -> LoadSummary:
    """Create the bodies and services that are missing; leave existing ones as staff keep them."""
    summary = LoadSummary()
    existing = {b.code: b for b in PartnerBody.objects.all()}
    town = Settlement.objects.filter(code=KARPENISI).first()
    documents = {t.code: t for t in DocumentType.objects.all()}
    needs = {n.code: n for n in NeedCategory.objects.all()}
    for spec in bodies:
        body = existing.get(spec.code)
        if body is None:
            body = PartnerBody.objects.create(
                code=spec.code, name=spec.name, kind=spec.kind, uses_system=spec.uses_system,
                is_helpline=spec.is_helpline, phones=spec.phones, hours=spec.hours,
                settlement=town if spec.in_town else None,
            )  # fmt: skip
            summary.created += 1
        else:
            summary.unchanged += 1
        _load_services(body, spec.services, documents, needs, summary)
    return summary


def _load_services(body, services, documents, needs, summary: LoadSummary) -> None:
    names = set(body.services.values_list("name", flat=True))
    for spec in services:
        if spec.name in names:
            continue
        service = PartnerService.objects.create(
            body=body, name=spec.name, answer_working_days=spec.days, eligibility=spec.eligibility
        )
        service.required_document_types.set([documents[c] for c in spec.documents
                                             if c in documents])  # fmt: skip
        service.need_categories.set([needs[c] for c in spec.needs if c in needs])
        summary.created += 1


LOADERS = [Loader("partner_directory", _("Συνεργαζόμενοι φορείς"), load_partner_directory)]
