"""A clearly fictional demo data set: Greek people with households, case notes, needs, consent.

`seed_beneficiaries(count=..., seed=...)` writes `count` people (and their related rows) with
bulk inserts in batches, fast enough for 100,000 people in a few minutes. The same seed on an
empty database gives the same people. Names come from Faker el_GR; AMKA and ΑΦΜ are valid
(check digits computed) but invented; every Ε.Π.Σ. number starts with "DEMO-".

Who writes the notes: the person's assigned social worker, or another caseworker, or any
active user. With no user at all, people get no notes, needs or consent records.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from django.db import transaction
from django.utils import timezone
from faker import Faker

from beneficiaries.choices import (
    CaseStatus,
    Citizenship,
    Education,
    Housing,
    IdDocumentType,
    LabourStatus,
    NeedStatus,
    NoteKind,
    Relationship,
    Sex,
    YesNoNotStated,
)
from beneficiaries.models import Beneficiary, CaseNote, Consent, HouseholdMember, Need, NeedCategory
from beneficiaries.normalize import word_key
from community_centre.models import CASE_FILE_ROLES, CentreProfile, Settlement, User
from demo.identifiers import make_afm, make_amka
from demo.users import DEMO_USERS

EPS_PREFIX = "DEMO-"
BIRTH_FIRST = date(1935, 1, 1)
BIRTH_LAST = date(2008, 12, 31)
HISTORY_DAYS = 4 * 365  # case files were opened during the last four years
ID_LETTERS = "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"  # the letters of police ID series (same shape in Latin)
MOBILE_PREFIXES = "0345789"  # +30 69x: the Greek mobile ranges
DEMO_CASEWORKERS = [u.username for u in DEMO_USERS if u.role in CASE_FILE_ROLES]

Progress = Callable[[int], None]


# --- weighted choices --------------------------------------------------------------------------


class Weighted:
    """Options with relative weights, drawn with one RNG call (cumulative weights precomputed)."""

    def __init__(self, options: dict) -> None:
        self.values = list(options)
        self.cum_weights = list(accumulate(options.values()))

    def pick(self, rng: random.Random):
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]


SEX = Weighted({Sex.FEMALE: 540, Sex.MALE: 450, Sex.NON_BINARY: 3, Sex.NOT_STATED: 7})
CITIZENSHIP = Weighted(
    {
        Citizenship.GREEK: 930,
        Citizenship.EU: 20,
        Citizenship.THIRD_COUNTRY: 45,
        Citizenship.STATELESS: 5,
    }
)
HOUSING = Weighted(
    {
        Housing.OWNED: 45,
        Housing.RENTED: 28,
        Housing.FREE: 12,
        Housing.INSECURE: 4,
        Housing.HOMELESS: 1,
        Housing.INSTITUTION: 1,
        Housing.NOT_STATED: 9,
    }
)
EDUCATION_OLDER = Weighted(
    {
        Education.ISCED_0_2: 60,
        Education.ISCED_3_4: 20,
        Education.ISCED_5_8: 5,
        Education.NOT_STATED: 15,
    }
)
EDUCATION_YOUNGER = Weighted(
    {
        Education.ISCED_0_2: 25,
        Education.ISCED_3_4: 45,
        Education.ISCED_5_8: 15,
        Education.NOT_STATED: 15,
    }
)
LABOUR_YOUNG = Weighted(
    {
        LabourStatus.STUDENT: 35,
        LabourStatus.UNEMPLOYED: 25,
        LabourStatus.LONG_TERM_UNEMPLOYED: 5,
        LabourStatus.EMPLOYED: 20,
        LabourStatus.INACTIVE: 7,
        LabourStatus.NOT_STATED: 8,
    }
)
LABOUR_WORKING_AGE = Weighted(
    {
        LabourStatus.EMPLOYED: 25,
        LabourStatus.SELF_EMPLOYED: 8,
        LabourStatus.UNEMPLOYED: 18,
        LabourStatus.LONG_TERM_UNEMPLOYED: 20,
        LabourStatus.INACTIVE: 14,
        LabourStatus.RETIRED: 5,
        LabourStatus.NOT_STATED: 10,
    }
)
LABOUR_OLDER = Weighted(
    {LabourStatus.RETIRED: 85, LabourStatus.INACTIVE: 10, LabourStatus.NOT_STATED: 5}
)
DISABILITY = Weighted(
    {YesNoNotStated.YES: 12, YesNoNotStated.NO: 68, YesNoNotStated.NOT_STATED: 20}
)
MINORITY = Weighted({YesNoNotStated.YES: 2, YesNoNotStated.NO: 50, YesNoNotStated.NOT_STATED: 48})
HOUSEHOLD_SIZE = Weighted({0: 30, 1: 25, 2: 20, 3: 13, 4: 8, 5: 4})
NOTE_COUNT = Weighted({0: 12, 1: 20, 2: 20, 3: 16, 4: 13, 5: 10, 6: 9})
NEED_COUNT = Weighted({0: 20, 1: 40, 2: 28, 3: 12})
NOTE_KIND = Weighted(
    {
        NoteKind.IN_PERSON: 55,
        NoteKind.PHONE: 30,
        NoteKind.HOME_VISIT: 8,
        NoteKind.EMAIL: 4,
        NoteKind.OTHER: 3,
    }
)
NEED_STATUS = Weighted(
    {NeedStatus.OPEN: 30, NeedStatus.IN_PROGRESS: 35, NeedStatus.MET: 28, NeedStatus.NOT_MET: 7}
)
# Categories of need by how often a Community Centre meets them (codes of reference data).
NEED_WEIGHTS = {
    "income": 30,
    "food": 20,
    "employment": 15,
    "housing": 8,
    "health": 8,
    "disability": 5,
    "psychosocial": 6,
    "elderly-care": 6,
    "legal-administrative": 6,
    "child-care": 4,
    "education": 3,
    "other": 2,
}
DISABILITY_PERCENTAGES = [50, 55, 60, 67, 70, 75, 80, 85, 90, 95, 100]
CLOSING_REASONS = [
    "Μετεγκατάσταση εκτός Δήμου Καρπενησίου.",
    "Καλύφθηκαν οι ανάγκες του/της ωφελούμενου/ης.",
    "Δεν προσήλθε ξανά μετά από επανειλημμένες επικοινωνίες.",
    "Παραπομπή και ανάληψη από άλλη υπηρεσία.",
]

# --- Greek text of notes and needs (fictional) --------------------------------------------------

NOTE_TEXTS = {
    NoteKind.IN_PERSON: [
        "Προσήλθε για ενημέρωση σχετικά με: {programme}. Δόθηκε λίστα δικαιολογητικών.",
        "Συμπληρώθηκε με τη βοήθειά μας αίτηση ({programme}). Εκκρεμεί: {document}.",
        "Προσκόμισε: {document}. Το δικαιολογητικό καταχωρίστηκε στον φάκελο.",
        "Συνάντηση συμβουλευτικής υποστήριξης. Συζητήθηκαν οι ανάγκες του νοικοκυριού.",
        "Ενημερώθηκε για τις δομές του Δήμου (Κοινωνικό Παντοπωλείο, Βοήθεια στο Σπίτι).",
        "Ζήτησε πληροφόρηση για την εξέλιξη του αιτήματός του/της. Δόθηκε ενημέρωση.",
    ],
    NoteKind.PHONE: [
        "Τηλεφωνική επικοινωνία: υπενθύμιση να προσκομίσει {document_acc}.",
        "Ρώτησε για την πορεία της αίτησης ({programme}). Ενημερώθηκε ότι εκκρεμεί έλεγχος.",
        "Κλείστηκε ραντεβού την επόμενη εβδομάδα για ανανέωση της αίτησης ({programme}).",
        "Ενημερώθηκε τηλεφωνικά ότι εγκρίθηκε η αίτησή του/της ({programme}).",
    ],
    NoteKind.HOME_VISIT: [
        "Κατ' οίκον επίσκεψη. Διαπιστώθηκε ανάγκη για θέρμανση και βασικά είδη.",
        "Επίσκεψη στο σπίτι μαζί με το πρόγραμμα «Βοήθεια στο Σπίτι». Καλή γενική κατάσταση.",
        "Κατ' οίκον επίσκεψη λόγω αδυναμίας μετακίνησης. Συλλέχθηκαν δικαιολογητικά.",
    ],
    NoteKind.EMAIL: [
        "Στάλθηκε με email η λίστα δικαιολογητικών ({programme}).",
        "Λήφθηκε με email σκαναρισμένο αντίγραφο: {document}.",
    ],
    NoteKind.OTHER: [
        "Παραπομπή στη ΔΥΠΑ για εγγραφή στο μητρώο ανέργων και συμβουλευτική απασχόλησης.",
        "Συνεργασία με το Κέντρο Υγείας Καρπενησίου για ιατρική παρακολούθηση.",
    ],
}
PROGRAMMES = [
    "ΕΕΕ (πρώην ΚΕΑ)",
    "επίδομα στέγασης",
    "επίδομα θέρμανσης",
    "Κοινωνικό Οικιακό Τιμολόγιο",
    "επίδομα ανασφάλιστων υπερηλίκων",
    "επισιτιστική βοήθεια ΤΕΒΑ",
    "επίδομα παιδιού",
]
# (nominative, accusative) of the documents a note mentions.
DOCUMENTS = [
    ("εκκαθαριστικό σημείωμα", "το εκκαθαριστικό σημείωμα"),
    ("πιστοποιητικό οικογενειακής κατάστασης", "το πιστοποιητικό οικογενειακής κατάστασης"),
    ("βεβαίωση IBAN", "τη βεβαίωση IBAN"),
    ("λογαριασμός ρεύματος", "πρόσφατο λογαριασμό ρεύματος"),
    ("μισθωτήριο", "το μισθωτήριο"),
    ("κάρτα ανεργίας ΔΥΠΑ", "την κάρτα ανεργίας ΔΥΠΑ"),
    ("γνωμάτευση ΚΕΠΑ", "τη γνωμάτευση ΚΕΠΑ"),
]
NEED_TEXTS = {
    "income": "Χαμηλό εισόδημα νοικοκυριού, δυσκολία κάλυψης βασικών εξόδων.",
    "food": "Ανάγκη για τρόφιμα και είδη πρώτης ανάγκης.",
    "employment": "Αναζήτηση εργασίας, ενδιαφέρον για κατάρτιση.",
    "housing": "Οφειλές ενοικίου, κίνδυνος απώλειας κατοικίας.",
    "health": "Χρόνιο πρόβλημα υγείας, ανάγκη πρόσβασης σε ιατρική φροντίδα.",
    "disability": "Χρειάζεται πιστοποίηση αναπηρίας και ενημέρωση για τα επιδόματα.",
    "psychosocial": "Ανάγκη ψυχοκοινωνικής υποστήριξης.",
    "education": "Υποστήριξη παιδιών στη σχολική μελέτη.",
    "legal-administrative": "Βοήθεια με έγγραφα και αιτήσεις σε δημόσιες υπηρεσίες.",
    "elderly-care": "Ηλικιωμένο μέλος χωρίς φροντιστή.",
    "child-care": "Ανάγκη φύλαξης παιδιών για να εργαστεί ο γονέας.",
    "other": "Άλλη ανάγκη που καταγράφηκε στη συνέντευξη.",
}

# --- sex-consistent Greek surnames --------------------------------------------------------------

_VOWELS = set("αεηιουωϊϋάέήίόύώΐΰΑΕΗΙΟΥΩΆΈΉΊΌΎΏ")
_PLAIN = str.maketrans("άέήίόύώΐΰΆΈΉΊΌΎΏ", "αεηιουωϊϋΑΕΗΙΟΥΩ")
_TONOS = str.maketrans("αεηιουωϊϋΑΕΗΙΟΥΩ", "άέήίόύώΐΰΆΈΉΊΌΎΏ")


def female_surname(male: str) -> str:
    """The woman's form of a family name, which is the genitive of the man's form.

    Παπαδόπουλος → Παπαδοπούλου, Αβραμίδης → Αβραμίδου, Βολικάκης → Βολικάκη, Καρράς → Καρρά.
    """
    if male.endswith(("ίδης", "άδης", "ΐδης")):
        return male[:-2] + "ου"
    if male.endswith("ός"):
        return male[:-2] + "ού"
    if male.endswith("ος"):
        return _genitive_in_ou(male[:-2])
    if male.endswith("ς"):
        return male[:-1]
    return male  # already a genitive (Γεωργίου, Αναστασίου)


def _genitive_in_ou(stem: str) -> str:
    """Stem + -ου; a proparoxytone moves its accent one syllable on (Αγγελόπουλ- → Αγγελοπούλ-)."""
    vowels = [i for i, ch in enumerate(stem) if ch in _VOWELS]
    # Paroxytones (Αγγελάκος) and -ιος with synizesis (Γκανάτσιος) keep the accent where it is.
    if not vowels or stem[vowels[-1]] != stem[vowels[-1]].translate(_PLAIN) or stem.endswith("ι"):
        return stem + "ου"
    last = vowels[-1]
    plain = stem.translate(_PLAIN)
    return plain[:last] + plain[last].translate(_TONOS) + plain[last + 1 :] + "ου"


def surname_for(family: str, sex: str) -> str:
    return female_surname(family) if sex == Sex.FEMALE else family


# --- what the generator needs from the database --------------------------------------------------


@dataclass
class Reference:
    """Rows the generated people point at, read once before the first batch."""

    settlements: list[Settlement]
    settlement_weights: list[int]
    workers: list[User]
    fallback_author: User | None
    categories: Weighted | None
    notice_version: str
    today: date
    taken_amka: set[str] = field(default_factory=set)
    taken_afm: set[str] = field(default_factory=set)
    first_eps: int = 1

    @classmethod
    def load(cls) -> Reference:
        settlements = list(Settlement.objects.order_by("code"))
        workers = list(User.objects.caseworkers().filter(username__in=DEMO_CASEWORKERS))
        workers = workers or list(User.objects.caseworkers())
        workers.sort(key=lambda user: user.username)
        fallback = workers[0] if workers else User.objects.filter(is_active=True).first()
        categories = {c.code: c for c in NeedCategory.objects.filter(is_active=True)}
        weights = {categories[code]: w for code, w in NEED_WEIGHTS.items() if code in categories}
        existing = Beneficiary.objects.all()
        return cls(
            settlements=settlements,
            settlement_weights=list(accumulate(max(s.population_2011, 1) for s in settlements)),
            workers=workers,
            fallback_author=fallback,
            categories=Weighted(weights) if weights else None,
            notice_version=CentreProfile.current().privacy_notice_version,
            today=timezone.localdate(),
            taken_amka=set(existing.exclude(amka=None).values_list("amka", flat=True)),
            taken_afm=set(existing.exclude(afm=None).values_list("afm", flat=True)),
            first_eps=existing.count() + 1,
        )


@dataclass
class Batch:
    """The rows of one batch, related rows pointing at still-unsaved people."""

    people: list[Beneficiary] = field(default_factory=list)
    household: list[HouseholdMember] = field(default_factory=list)
    notes: list[CaseNote] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)

    @transaction.atomic
    def save(self, *, batch_size: int) -> None:
        # PostgreSQL returns the new primary keys, so the related rows can point at them.
        Beneficiary.objects.bulk_create(self.people, batch_size=batch_size)
        for rows in (self.household, self.notes, self.needs, self.consents):
            if rows:
                type(rows[0]).objects.bulk_create(rows, batch_size=batch_size)


# --- the generator -------------------------------------------------------------------------------


class DemoPeople:
    """Makes fictional people one at a time from one seeded random generator."""

    def __init__(self, *, seed: int, reference: Reference) -> None:
        self.faker = Faker("el_GR")
        self.faker.seed_instance(seed)
        self.rng: random.Random = self.faker.random
        self.ref = reference
        self.amka_serials: dict[date, int] = {}
        self.eps_counter = reference.first_eps

    # identifiers

    def amka(self, born: date, sex: str) -> str | None:
        """A unique AMKA for this date of birth; its 10th digit is odd for men, even for women."""
        parity = {Sex.MALE: 1, Sex.FEMALE: 0}.get(sex, self.rng.randrange(2))
        k = self.amka_serials.get(born, 0)
        while k < 5_000:
            value = make_amka(born, 2 * k + parity)
            k += 1
            if value not in self.ref.taken_amka:
                self.amka_serials[born] = k
                self.ref.taken_amka.add(value)
                return value
        return None

    def afm(self) -> str:
        while True:
            value = make_afm(self.rng.randrange(1_000_000, 99_999_998))
            if value not in self.ref.taken_afm:
                self.ref.taken_afm.add(value)
                return value

    def mobile(self) -> str:
        return f"+3069{self.rng.choice(MOBILE_PREFIXES)}{self.rng.randrange(10**7):07d}"

    def landline(self) -> str:
        return f"+3022370{self.rng.randrange(20_000, 99_999):05d}"

    def id_document(self, citizenship: str) -> tuple[str, str]:
        letters = "".join(self.rng.choices(ID_LETTERS, k=2))
        if citizenship == Citizenship.GREEK:
            if self.rng.random() < 0.1:
                return "", ""
            return IdDocumentType.POLICE_ID, f"{letters}{self.rng.randrange(10**6):06d}"
        if citizenship == Citizenship.THIRD_COUNTRY:
            return IdDocumentType.RESIDENCE_PERMIT, f"{self.rng.randrange(10**9):09d}"
        return IdDocumentType.PASSPORT, f"{letters}{self.rng.randrange(10**7):07d}"

    # dates

    def date_between(self, first: date, last: date) -> date:
        if last <= first:
            return first
        return first + timedelta(days=self.rng.randrange((last - first).days + 1))

    def age(self, born: date) -> int:
        today = self.ref.today
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    # names

    def given_name(self, sex: str) -> str:
        female = sex == Sex.FEMALE or (
            sex not in (Sex.MALE, Sex.FEMALE) and self.rng.random() < 0.5
        )
        return self.faker.first_name_female() if female else self.faker.first_name_male()

    # the person

    def person(self) -> tuple[Beneficiary, str]:
        """A new person and their family name in its men's form (for their household)."""
        rng = self.rng
        sex = SEX.pick(rng)
        family = self.faker.last_name_male()
        born = self.date_between(BIRTH_FIRST, BIRTH_LAST)
        age = self.age(born)
        citizenship = CITIZENSHIP.pick(rng)
        id_type, id_number = self.id_document(citizenship)
        settlement = self.settlement()
        person = Beneficiary(
            surname=surname_for(family, sex),
            given_name=self.given_name(sex),
            father_name=self.faker.first_name_male(),
            mother_name=self.faker.first_name_female(),
            sex=sex,
            date_of_birth=born,
            amka=self.amka(born, sex),
            afm=self.afm() if rng.random() < 0.9 else None,
            id_document_type=id_type,
            id_document_number=id_number,
            citizenship=citizenship,
            foreign_background=self.foreign_background(citizenship),
            minority=MINORITY.pick(rng),
            settlement=settlement,
            address=self.address(settlement),
            postal_code="36100" if settlement is not None and settlement.is_urban else "",
            phone_mobile=self.mobile() if rng.random() < 0.85 else "",
            phone_other=self.landline() if rng.random() < 0.25 else "",
            education=(EDUCATION_OLDER if age >= 60 else EDUCATION_YOUNGER).pick(rng),
            labour_status=self.labour_status(age),
            housing=HOUSING.pick(rng),
            eee_beneficiary=rng.random() < 0.25,
            eps_number=self.eps_number() if rng.random() < 0.7 else "",
            assigned_worker=rng.choice(self.ref.workers) if self.ref.workers else None,
        )
        person.email = self.email(person) if rng.random() < 0.2 else ""
        self.disability(person)
        if rng.random() < 0.06:
            person.status = CaseStatus.CLOSED
            person.closed_reason = rng.choice(CLOSING_REASONS)
        person.fill_search_fields()  # bulk_create skips save()
        return person, family

    def settlement(self) -> Settlement | None:
        if not self.ref.settlements:
            return None
        return self.rng.choices(self.ref.settlements, cum_weights=self.ref.settlement_weights)[0]

    def address(self, settlement: Settlement | None) -> str:
        # Villages often have no street names; the town always does.
        if settlement is not None and not settlement.is_urban and self.rng.random() < 0.7:
            return ""
        return f"{self.faker.street()} {self.rng.randrange(1, 120)}"

    def email(self, person: Beneficiary) -> str:
        name = f"{word_key(person.given_name)}.{word_key(person.surname)}"
        return f"{name}{self.rng.randrange(10, 100)}@example.org"

    def eps_number(self) -> str:
        number = self.eps_counter
        self.eps_counter += 1
        return f"{EPS_PREFIX}{number:06d}"

    def foreign_background(self, citizenship: str) -> str:
        if citizenship != Citizenship.GREEK:
            return YesNoNotStated.YES
        return YesNoNotStated.NO if self.rng.random() < 0.6 else YesNoNotStated.NOT_STATED

    def labour_status(self, age: int) -> str:
        if age >= 67:
            return LABOUR_OLDER.pick(self.rng)
        if age < 25:
            return LABOUR_YOUNG.pick(self.rng)
        status = LABOUR_WORKING_AGE.pick(self.rng)
        return LabourStatus.UNEMPLOYED if status == LabourStatus.RETIRED and age < 55 else status

    def disability(self, person: Beneficiary) -> None:
        person.disability = DISABILITY.pick(self.rng)
        if person.disability == YesNoNotStated.YES:
            person.disability_percentage = self.rng.choice(DISABILITY_PERCENTAGES)
            person.disability_certified = self.rng.random() < 0.8

    # the household

    def household(self, person: Beneficiary, family: str) -> list[HouseholdMember]:
        """Spouse, children (or, for the young, parents and siblings) sharing the family name."""
        size = HOUSEHOLD_SIZE.pick(self.rng)
        members = []
        if size and self.age(person.date_of_birth) >= 24 and self.rng.random() < 0.65:
            members.append(self.spouse(person, family))
        first_child = person.date_of_birth + timedelta(days=20 * 365)
        last_child = min(person.date_of_birth + timedelta(days=45 * 365), self.ref.today)
        relatives = self.children if first_child < last_child else self.parents_and_siblings
        members += relatives(person, family, size - len(members), first_child, last_child)
        return members

    def spouse(self, person: Beneficiary, family: str) -> HouseholdMember:
        sex = Sex.MALE if person.sex == Sex.FEMALE else Sex.FEMALE
        offset = timedelta(days=self.rng.randrange(-6 * 365, 6 * 365))
        born = min(max(person.date_of_birth + offset, BIRTH_FIRST), BIRTH_LAST)
        return self.member(person, family, Relationship.SPOUSE, sex, born)

    def children(self, person, family, count, first_child, last_child) -> list[HouseholdMember]:
        births: list[date] = []
        for _ in range(count * 4):  # siblings are born at least ten months apart
            born = self.date_between(first_child, last_child)
            if len(births) < count and all(abs((born - b).days) > 300 for b in births):
                births.append(born)
        # Greek custom: a man's first son and daughter are named after his parents.
        grandparents = {Sex.MALE: person.father_name, Sex.FEMALE: person.mother_name}
        named = set() if person.sex == Sex.MALE and self.rng.random() < 0.6 else set(Sex)
        members = []
        for born in sorted(births):
            sex = Sex.FEMALE if self.rng.random() < 0.5 else Sex.MALE
            given = grandparents[sex] if sex not in named else None
            named.add(sex)
            members.append(self.member(person, family, Relationship.CHILD, sex, born, given=given))
        return members

    def parents_and_siblings(self, person, family, count, *_dates) -> list[HouseholdMember]:
        """A young person's household: mother, father, then brothers and sisters."""
        born = person.date_of_birth
        members = []
        for index in range(count):
            if index < 2:
                sex = (Sex.FEMALE, Sex.MALE)[index]
                given = (person.mother_name, person.father_name)[index]
                member_born = self.date_between(
                    born - timedelta(days=40 * 365), born - timedelta(days=20 * 365)
                )
                relationship = Relationship.PARENT
            else:
                sex, given = (Sex.FEMALE if self.rng.random() < 0.5 else Sex.MALE), None
                member_born = self.date_between(
                    born - timedelta(days=8 * 365), min(born + timedelta(days=8 * 365), BIRTH_LAST)
                )
                relationship = Relationship.SIBLING
            members.append(self.member(person, family, relationship, sex, member_born, given=given))
        return members

    def member(self, person, family, relationship, sex, born, *, given=None) -> HouseholdMember:
        return HouseholdMember(
            beneficiary=person,
            surname=surname_for(family, sex),
            given_name=given or self.given_name(sex),
            relationship=relationship,
            date_of_birth=born,
            amka=(self.amka(born, sex) or "") if self.rng.random() < 0.9 else "",
        )

    # the case file

    def case_file(self, person: Beneficiary, batch: Batch) -> None:
        """Opened on a day of the last four years (consent at intake), then notes and needs
        dated between intake and today."""
        author = person.assigned_worker or self.ref.fallback_author
        if author is None:
            return
        today = self.ref.today
        opened = self.date_between(today - timedelta(days=HISTORY_DAYS), today)
        person.registered_on = opened  # the report's "new": the file opened that day
        batch.consents.append(
            Consent(
                beneficiary=person,
                notice_version=self.ref.notice_version,
                informed_on=opened,
                consents_to_processing=self.rng.random() < 0.96,
                consents_to_sharing=self.rng.random() < 0.75,
                recorded_by=author,
            )
        )
        for _ in range(NOTE_COUNT.pick(self.rng)):
            batch.notes.append(self.note(person, author, opened))
        batch.needs.extend(self.needs(person, author, opened))

    def note(self, person: Beneficiary, author: User, opened: date) -> CaseNote:
        kind = NOTE_KIND.pick(self.rng)
        document, document_acc = self.rng.choice(DOCUMENTS)
        text = self.rng.choice(NOTE_TEXTS[kind]).format(
            programme=self.rng.choice(PROGRAMMES), document=document, document_acc=document_acc
        )
        return CaseNote(
            beneficiary=person,
            occurred_on=self.date_between(opened, self.ref.today),
            kind=kind,
            text=text,
            author=author,
        )

    def needs(self, person: Beneficiary, author: User, opened: date) -> list[Need]:
        if self.ref.categories is None:
            return []
        categories = {self.ref.categories.pick(self.rng) for _ in range(NEED_COUNT.pick(self.rng))}
        return [
            Need(
                beneficiary=person,
                category=category,
                description=NEED_TEXTS.get(category.code, ""),
                identified_on=self.date_between(opened, self.ref.today),
                status=NEED_STATUS.pick(self.rng),
                recorded_by=author,
            )
            for category in sorted(categories, key=lambda c: c.code)
        ]

    def batch(self, size: int) -> Batch:
        batch = Batch()
        for _ in range(size):
            person, family = self.person()
            batch.people.append(person)
            batch.household.extend(self.household(person, family))
            self.case_file(person, batch)
        return batch


def seed_beneficiaries(
    *, count: int, seed: int = 1, batch_size: int = 2000, progress: Progress | None = None
) -> int:
    """Create `count` fictional people with their related rows; returns how many were created.

    `progress`, if given, is called after each batch with the number of people created so far
    (e.g. `ProgressBar.update`).
    """
    generator = DemoPeople(seed=seed, reference=Reference.load())
    created = 0
    while created < count:
        size = min(batch_size, count - created)
        generator.batch(size).save(batch_size=batch_size)
        created += size
        if progress is not None:
            progress(created)
    return created
