"""A hand-built April 2026 in which every figure of the report is known in advance.

Sixteen people, keyed by a letter. Fifteen were served in April, each by one kind of contact or
several; Olga (O) had contacts only just outside April, or ones that do not count (a request
received at 23:30 on 31 March Athens time, an event she registered for but missed, a cancelled
event, a draft referral, an application still being prepared, a session in March, a case note
on 1 May). Athens is UTC+3 in April: 21:30 UTC on 31 March is 00:30 on 1 April there.

The expected figures are written out by hand in test_figures.py, not computed from this data.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC

from beneficiaries.models import Beneficiary, Need
from community_centre.models import Settlement
from referrals.models import ReferralStatusChange
from reporting.period import ATHENS
from requests.models import RequestStatusChange
from services.models import ApplicationStatusChange, EventAttendance
from tests.beneficiaries.factories import BeneficiaryFactory, CaseNoteFactory, NeedCategoryFactory
from tests.community_centre.factories import UserFactory
from tests.referrals.factories import PartnerBodyFactory, ReferralFactory
from tests.requests.factories import (
    AppointmentFactory,
    AssistanceRequestFactory,
    InformationRequestFactory,
    RequestCategoryFactory,
)
from tests.services.factories import (
    ApplicationFactory,
    CounsellingSessionFactory,
    EventFactory,
    ProgrammeFactory,
)

D = dt.date
NS = "not_stated"

# key: sex, date of birth, citizenship, education, labour status, disability, foreign
# background, minority, housing, settlement (U urban, R rural, None), ΕΕΕ, registered on.
PEOPLE = {
    "A": ("female", D(1990, 6, 15), "greek", "isced_5_8", "employed", "yes", "no", "no", "rented", "U", False, D(2025, 1, 10)),  # noqa: E501
    "B": ("male", D(2008, 4, 2), "greek", "isced_0_2", "student", "no", "no", "no", "owned", "R", True, D(2024, 6, 1)),  # noqa: E501
    "C": ("male", D(1960, 1, 1), "third_country", NS, "long_term_unemployed", NS, "yes", NS, "homeless", None, False, D(2023, 2, 2)),  # noqa: E501
    "D": ("non_binary", D(2000, 3, 1), "eu", "isced_3_4", "unemployed", "no", "yes", "yes", "insecure", "R", False, D(2025, 5, 5)),  # noqa: E501
    "E": ("not_stated", D(1970, 5, 5), "greek", NS, NS, NS, NS, NS, NS, None, False, D(2025, 7, 7)),  # noqa: E501
    "F": ("male", D(1985, 4, 1), "stateless", "isced_0_2", "inactive", "no", "yes", "no", "institution", "U", False, D(2025, 8, 8)),  # noqa: E501
    "G": ("female", D(1995, 9, 9), "greek", "isced_3_4", "self_employed", "no", "no", "no", "free", "U", False, D(2025, 9, 9)),  # noqa: E501
    "H": ("female", D(1950, 12, 12), "greek", "isced_0_2", "retired", "yes", "no", "no", "owned", "R", True, D(2024, 1, 1)),  # noqa: E501
    "I": ("male", D(2010, 1, 1), "greek", NS, "student", NS, NS, NS, NS, "U", False, D(2026, 4, 5)),  # noqa: E501
    "K": ("female", D(1980, 2, 2), "greek", "isced_5_8", "employed", "no", "no", "no", "rented", "U", False, D(2025, 2, 2)),  # noqa: E501
    "L": ("male", D(1975, 7, 7), "greek", "isced_3_4", "unemployed", "no", "no", "no", "rented", "R", False, D(2026, 3, 1)),  # noqa: E501
    "M": ("female", D(1998, 8, 8), "greek", "isced_5_8", "unemployed", "no", "no", "no", "rented", "U", False, D(2025, 3, 3)),  # noqa: E501
    "N": ("male", D(1996, 4, 1), "greek", "isced_3_4", "employed", "no", "no", "no", "owned", "U", False, D(2025, 4, 4)),  # noqa: E501
    "P": ("female", D(2000, 4, 30), "greek", NS, NS, NS, NS, NS, NS, None, False, D(2026, 4, 30)),  # noqa: E501
    "R": ("female", D(1966, 4, 2), "greek", "isced_0_2", "inactive", "no", "no", "no", "owned", "R", False, D(2025, 6, 6)),  # noqa: E501
    "O": ("female", D(1990, 1, 1), "third_country", "isced_0_2", "unemployed", "yes", "yes", "yes", "homeless", "R", True, D(2025, 1, 1)),  # noqa: E501
}  # fmt: skip
FIELDS = ("sex", "date_of_birth", "citizenship", "education", "labour_status", "disability",
          "foreign_background", "minority", "housing", "settlement", "eee_beneficiary",
          "registered_on")  # fmt: skip
URBAN_CODE, RURAL_CODE = "3001010101", "3001020101"


def athens(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ATHENS)


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


class April:
    """The data set; `people[key]` are the Beneficiary rows."""

    def __init__(self) -> None:
        self.worker = UserFactory(username="figures-worker")
        self.urban = Settlement.objects.create(
            code=URBAN_CODE, name="Καρπενήσιον", community="Καρπενησίου",
            municipal_unit="Καρπενησίου", is_urban=True,
        )  # fmt: skip
        self.rural = Settlement.objects.create(
            code=RURAL_CODE, name="Κορυσχάδες", community="Κορυσχάδων",
            municipal_unit="Καρπενησίου", is_urban=False,
        )  # fmt: skip
        self.people = {key: self._person(key, values) for key, values in PEOPLE.items()}
        self._categories()
        self._requests()
        self._information_requests()
        self._notes_appointments_sessions()
        self._events()
        self._referrals()
        self._applications()
        self._needs()

    def _person(self, key: str, values: tuple) -> Beneficiary:
        fields = dict(zip(FIELDS, values, strict=True))
        fields["settlement"] = {"U": self.urban, "R": self.rural, None: None}[fields["settlement"]]
        if key == "C":  # a closed case file served in the month counts like an open one
            fields.update(status="closed", closed_reason="Μετακόμισε.")
        return BeneficiaryFactory(given_name=f"Πρόσωπο {key}", **fields)

    def _categories(self) -> None:
        self.housing = RequestCategoryFactory(code="housing", name="Στέγαση", order=1)
        self.food = RequestCategoryFactory(code="food", name="Επισιτισμός", order=2)
        RequestCategoryFactory(code="legal", name="Νομική συνδρομή", order=3)
        self.income = NeedCategoryFactory(code="income", name="Οικονομική ενίσχυση")
        self.shelter = NeedCategoryFactory(code="shelter", name="Στέγη")

    def request(self, key: str, received: dt.datetime, category, status: str, moves=()):
        """A request with its history: created at `received` unless the first move says when
        it was recorded; `moves` are (from, to, at)."""
        item = AssistanceRequestFactory(
            beneficiary=self.people[key], received_at=received, category=category, status=status,
            assigned_worker=self.worker, last_action_at=received,
        )  # fmt: skip
        history(RequestStatusChange, "request", item, moves, self.worker)
        return item

    def _requests(self) -> None:
        h, f = self.housing, self.food
        # 00:30 on 1 April Athens; in progress at the end of April, completed in May.
        self.a_request = self.request("A", utc(2026, 3, 31, 21, 30), h, "completed", [
            ("", "new", utc(2026, 3, 31, 21, 30)),
            ("new", "in_progress", athens(2026, 4, 10, 9)),
            ("in_progress", "completed", athens(2026, 5, 5, 9)),
        ])  # fmt: skip
        # 23:30 on 30 April Athens: April's; 00:30 on 1 May: May's.
        self.request(
            "B", utc(2026, 4, 30, 20, 30), f, "new", [("", "new", utc(2026, 4, 30, 20, 30))]
        )
        self.request(
            "B", utc(2026, 4, 30, 21, 30), h, "new", [("", "new", utc(2026, 4, 30, 21, 30))]
        )
        self.l_request = self.request("L", athens(2026, 4, 6, 9), h, "rejected", [
            ("", "new", athens(2026, 4, 6, 9)),
            ("new", "in_progress", athens(2026, 4, 6, 10)),
            ("in_progress", "rejected", athens(2026, 4, 7, 10)),
        ])  # fmt: skip
        # No history at all (bulk-loaded): its status now stands for its status then.
        self.request("K", athens(2026, 4, 2, 10), f, "waiting_documents")
        # Received on 29 April, recorded on 3 May: "new" at the end of April.
        self.request("N", athens(2026, 4, 29, 12), f, "in_progress", [
            ("", "new", athens(2026, 5, 3, 9)),
            ("new", "in_progress", athens(2026, 5, 4, 9)),
        ])  # fmt: skip
        self.g_request = self.request("G", athens(2026, 2, 10, 9), h, "referred")
        # 23:30 on 31 March Athens: March's.
        self.o_request = self.request("O", utc(2026, 3, 31, 20, 30), h, "in_progress")

    def _information_requests(self) -> None:
        cases = [  # key, received, due, answered
            ("K", athens(2026, 4, 2, 10), D(2026, 4, 16), D(2026, 4, 10)),  # on time
            ("L", athens(2026, 4, 6, 11), D(2026, 4, 20), D(2026, 4, 22)),  # late
            ("M", athens(2026, 4, 27, 9), D(2026, 5, 12), None),  # open, not yet due
            ("N", athens(2026, 4, 1, 9), D(2026, 4, 15), D(2026, 5, 4)),  # open and overdue
            ("R", athens(2026, 4, 16, 9), D(2026, 4, 30), None),  # due on the last day: overdue
            ("O", athens(2026, 3, 31, 9), D(2026, 4, 14), None),  # March's
        ]
        for key, received, due, answered in cases:
            InformationRequestFactory(
                beneficiary=self.people[key], received_at=received, due_date=due,
                answered_on=answered, recorded_by=self.worker,
            )  # fmt: skip

    def _notes_appointments_sessions(self) -> None:
        p, w = self.people, self.worker
        for key, day in [("C", D(2026, 4, 15)), ("L", D(2026, 4, 7)), ("O", D(2026, 5, 1))]:
            CaseNoteFactory(beneficiary=p[key], occurred_on=day, author=w)
        for key, start, status in [
            ("D", athens(2026, 4, 8, 10), "attended"),
            ("D", athens(2026, 4, 9, 10), "no_show"),
            ("O", athens(2026, 5, 4, 10), "attended"),
            ("O", athens(2026, 4, 14, 10), "cancelled"),
        ]:
            AppointmentFactory(
                beneficiary=p[key], worker=w, created_by=w, status=status, starts_at=start,
                ends_at=start + dt.timedelta(minutes=30),
            )  # fmt: skip
        for key, day, kind, status in [
            ("E", D(2026, 4, 20), "employment", "held"),
            ("E", D(2026, 4, 27), "employment", "planned"),
            ("L", D(2026, 4, 9), "psychosocial_adult", "held"),
            ("O", D(2026, 3, 30), "psychosocial_adult", "held"),
            ("O", D(2026, 4, 21), "home_visit", "cancelled"),
        ]:
            CounsellingSessionFactory(
                beneficiary=p[key], worker=w, created_by=w, date=day, kind=kind, status=status
            )

    def _events(self) -> None:
        p, w = self.people, self.worker

        def event(day, kind, status, others, attendances=()):
            item = EventFactory(held_on=day, kind=kind, status=status, other_attendees=others,
                                organiser=w)  # fmt: skip
            for key, attended in attendances:
                EventAttendance.objects.create(
                    event=item, beneficiary=p[key], attended=attended, added_by=w
                )

        event(D(2026, 4, 22), "information_day", "held", 7, [("F", True), ("O", False)])
        event(D(2026, 4, 23), "educational", "cancelled", 0, [("O", True)])
        event(D(2026, 4, 28), "social_cultural", "planned", 0)
        event(D(2026, 4, 10), "networking", "held", 12)

    def _referrals(self) -> None:
        dypa = PartnerBodyFactory(code="dypa", name="ΔΥΠΑ")
        pantopoleio = PartnerBodyFactory(code="pantopoleio", name="Κοινωνικό Παντοπωλείο")
        PartnerBodyFactory(code="kepa", name="ΚΕΠΑ")  # no referrals: a row of zeros
        PartnerBodyFactory(
            code="helpline", name="Γραμμή 197", is_helpline=True, uses_system=False
        )  # no row

        def referral(item, body, status, sent_at, moves):
            made = ReferralFactory(
                assistance_request=item, body=body, referred_by=self.worker, sent=sent_at
                is not None, status=status, sent_at=sent_at, status_changed_at=moves[-1][2],
                outcome="Απάντησε ο φορέας." if status in ("completed", "declined") else "",
            )  # fmt: skip
            history(ReferralStatusChange, "referral", made, moves, self.worker)

        # Accepted at the end of April, completed in May.
        referral(self.g_request, dypa, "completed", athens(2026, 4, 3, 10), [
            ("", "draft", athens(2026, 4, 1, 10)),
            ("draft", "sent", athens(2026, 4, 3, 10)),
            ("sent", "accepted", athens(2026, 4, 20, 10)),
            ("accepted", "completed", athens(2026, 5, 10, 10)),
        ])  # fmt: skip
        referral(self.l_request, pantopoleio, "declined", athens(2026, 4, 7, 12), [
            ("", "draft", athens(2026, 4, 7, 11)),
            ("draft", "sent", athens(2026, 4, 7, 12)),
            ("sent", "declined", athens(2026, 4, 8, 12)),
        ])  # fmt: skip
        # Sent on 29 April, the sending recorded on 2 May: counted as sent.
        referral(self.a_request, dypa, "sent", athens(2026, 4, 29, 10), [
            ("", "draft", athens(2026, 4, 28, 10)),
            ("draft", "sent", athens(2026, 5, 2, 10)),
        ])  # fmt: skip
        referral(self.o_request, dypa, "draft", None, [("", "draft", athens(2026, 4, 2, 10))])

    def _applications(self) -> None:
        eee = ProgrammeFactory(code="eee", name="ΕΕΕ (πρώην ΚΕΑ)")
        housing = ProgrammeFactory(code="housing_allowance", name="Επίδομα στέγασης")
        ProgrammeFactory(code="old", name="Παλαιό πρόγραμμα", is_active=False)  # no row

        def application(key, programme, status, submitted, decided, moves):
            made = ApplicationFactory(
                beneficiary=self.people[key], programme=programme, worker=self.worker,
                status=status, submitted_on=submitted, decided_on=decided,
            )  # fmt: skip
            history(ApplicationStatusChange, "application", made, moves, self.worker)

        application("H", eee, "approved", D(2026, 4, 14), D(2026, 5, 20), [
            ("", "preparing", athens(2026, 4, 1, 10)),
            ("preparing", "submitted", athens(2026, 4, 14, 10)),
            ("submitted", "approved", athens(2026, 5, 20, 10)),
        ])  # fmt: skip
        application("L", housing, "withdrawn", D(2026, 4, 10), None, [
            ("", "preparing", athens(2026, 4, 5, 10)),
            ("preparing", "submitted", athens(2026, 4, 10, 12)),
            ("submitted", "withdrawn", athens(2026, 4, 25, 10)),
        ])  # fmt: skip
        application("K", eee, "rejected", D(2026, 4, 11), D(2026, 4, 28), [])  # no history
        application("O", housing, "preparing", None, None, [
            ("", "preparing", athens(2026, 4, 3, 10)),
        ])  # fmt: skip

    def _needs(self) -> None:
        for key, category, day in [
            ("C", self.income, D(2026, 4, 15)),
            ("L", self.shelter, D(2026, 4, 30)),
            ("L", self.income, D(2026, 3, 30)),
        ]:
            Need.objects.create(
                beneficiary=self.people[key], category=category, identified_on=day,
                recorded_by=self.worker,
            )  # fmt: skip

    def more(self, count: int = 3) -> None:
        """More of everything in April: people, contacts, categories, bodies, programmes."""
        Settlement.objects.create(
            code="3001030101", name="Μεγάλο Χωριό", community="Μεγάλου Χωριού",
            municipal_unit="Καρπενησίου",
        )  # fmt: skip
        category = RequestCategoryFactory(code="more", name="Άλλο", order=9)
        need = NeedCategoryFactory(code="more", name="Άλλη ανάγκη")
        body = PartnerBodyFactory(code="more", name="Άλλος φορέας")
        programme = ProgrammeFactory(code="more", name="Άλλο πρόγραμμα")
        event = EventFactory(held_on=D(2026, 4, 15), kind="educational", status="held",
                             organiser=self.worker)  # fmt: skip
        for n in range(count):
            person = BeneficiaryFactory(given_name=f"Επιπλέον {n}", registered_on=D(2026, 4, 1))
            self.people[f"more{n}"] = person
            item = self.request(f"more{n}", athens(2026, 4, 20, 9 + n), category, "new",
                                [("", "new", athens(2026, 4, 20, 9 + n))])  # fmt: skip
            ReferralFactory(assistance_request=item, body=body, referred_by=self.worker,
                            sent=True, sent_at=athens(2026, 4, 21, 9 + n))  # fmt: skip
            ApplicationFactory(beneficiary=person, programme=programme, worker=self.worker,
                               status="submitted", submitted_on=D(2026, 4, 21))  # fmt: skip
            CaseNoteFactory(beneficiary=person, occurred_on=D(2026, 4, 22), author=self.worker)
            CounsellingSessionFactory(beneficiary=person, worker=self.worker,
                                      created_by=self.worker, date=D(2026, 4, 23),
                                      start_time=dt.time(9 + n), status="held")  # fmt: skip
            EventAttendance.objects.create(event=event, beneficiary=person, added_by=self.worker)
            Need.objects.create(beneficiary=person, category=need, identified_on=D(2026, 4, 24),
                                recorded_by=self.worker)  # fmt: skip


def history(model, link: str, item, moves, actor) -> None:
    """Status-history rows of `item` at the times given (`at` is set on save, so updated)."""
    for from_status, to_status, at in moves:
        row = model.objects.create(
            **{link: item}, from_status=from_status, to_status=to_status, actor=actor
        )
        model.objects.filter(pk=row.pk).update(at=at)
