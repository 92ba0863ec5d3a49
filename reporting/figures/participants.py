"""Who was served in a period, and every participant table counted in one SQL aggregate.

A participant served is a beneficiary with at least one contact in the period: an assistance or
information request received, a case note (`occurred_on`), an appointment attended, an
individual session held, attendance at an event that was held, a referral sent, a benefit
application submitted — or the case file opened (`registered_on`), itself a contact. Timestamps
count by their Athens local date (`Period.bounds()`); closed case files count like open ones.

`participant_ids(period)` is the UNION of those contact sources (each an index range scan on
its date column) as a subquery of Beneficiary ids; `participant_counts` aggregates over those
people once, with one `COUNT(*) FILTER (WHERE …)` per figure.

Rules for the yes / no / not stated columns of the vulnerable groups:
- disability, foreign_background, minority: the person's own optional answer;
- third_country_national: citizenship of a third country or stateless = yes (the EU's
  definition: anyone who is not a citizen of the Union), Greek or other EU = no;
- homeless_or_housing_exclusion: homeless, insecure or unfit housing, or living in a shelter or
  institution (ETHOS "houseless") = yes; owned, rented or hosted free = no; not stated;
- rural_area: the settlement of the address is not urban (`Settlement.is_urban`) = yes, urban =
  no, no settlement recorded = not stated;
- eee_beneficiary: the ΕΕΕ flag, yes or no (never not stated).
ESF+ "inactive" counts the economically inactive, students and the retired; "employed" includes
the self-employed and "unemployed" the long-term unemployed.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL

from beneficiaries.choices import Citizenship, Education, Housing, LabourStatus, Sex
from beneficiaries.models import Beneficiary, CaseNote
from community_centre.models import Settlement
from referrals.models import Referral
from reporting.figures.labels import ESF_ROWS, GROUPS, NOT_STATED, TOTAL
from reporting.period import Period
from requests.models import Appointment, AssistanceRequest, InformationRequest
from services.models import BenefitApplication, CounsellingSession, Event, EventAttendance

GENDERS = [Sex.FEMALE, Sex.MALE, Sex.NON_BINARY, Sex.NOT_STATED]
CITIZENSHIPS = [Citizenship.GREEK, Citizenship.EU, Citizenship.THIRD_COUNTRY, Citizenship.STATELESS]
EDUCATIONS = [Education.ISCED_0_2, Education.ISCED_3_4, Education.ISCED_5_8, Education.NOT_STATED]
LABOUR = [
    LabourStatus.EMPLOYED,
    LabourStatus.SELF_EMPLOYED,
    LabourStatus.UNEMPLOYED,
    LabourStatus.LONG_TERM_UNEMPLOYED,
    LabourStatus.INACTIVE,
    LabourStatus.STUDENT,
    LabourStatus.RETIRED,
    LabourStatus.NOT_STATED,
]
HOUSING_EXCLUDED = [Housing.HOMELESS, Housing.INSECURE, Housing.INSTITUTION]
HOUSED = [Housing.OWNED, Housing.RENTED, Housing.FREE]
THIRD_COUNTRY = [Citizenship.THIRD_COUNTRY, Citizenship.STATELESS]
EU_CITIZEN = [Citizenship.GREEK, Citizenship.EU]


def contact_sources(period: Period) -> list[QuerySet]:
    """One `beneficiary id` queryset per kind of contact in the period."""
    start, end = period.bounds()
    days = (period.first, period.last)
    return [
        AssistanceRequest.objects.filter(received_at__gte=start, received_at__lt=end),
        InformationRequest.objects.filter(received_at__gte=start, received_at__lt=end),
        CaseNote.objects.filter(occurred_on__range=days),
        Appointment.objects.filter(
            starts_at__gte=start, starts_at__lt=end, status=Appointment.Status.ATTENDED
        ),
        CounsellingSession.objects.filter(date__range=days, status=CounsellingSession.Status.HELD),
        EventAttendance.objects.filter(
            attended=True, event__held_on__range=days, event__status=Event.Status.HELD
        ),
        Referral.objects.filter(sent_at__gte=start, sent_at__lt=end),
        BenefitApplication.objects.filter(submitted_on__range=days),
    ]


def participant_sql(period: Period) -> tuple[str, tuple]:
    """SELECT of the ids of the people served in the period (a UNION, so each once)."""
    parts = [qs.order_by().values("beneficiary_id") for qs in contact_sources(period)]
    parts.append(
        Beneficiary.objects.order_by()
        .filter(registered_on__range=(period.first, period.last))
        .values("id")
    )
    sql, params = [], []
    for part in parts:
        text, part_params = part.query.sql_with_params()
        sql.append(text)
        params.extend(part_params)
    return " UNION ".join(sql), tuple(params)


def participant_ids(period: Period) -> QuerySet:
    """The ids of the beneficiaries served in the period, usable as `pk__in=` subquery."""
    return (
        Beneficiary.objects.order_by()
        .filter(pk__in=RawSQL(*participant_sql(period)))
        .values_list("pk", flat=True)
    )


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_conditions(first: date) -> dict[str, Q]:
    """Age band on the period's first day, by date of birth (a birthday on that day counts)."""
    born_18, born_30, born_55 = (years_before(first, n) for n in (18, 30, 55))
    return {
        "under_18": Q(date_of_birth__gt=born_18),
        "18_29": Q(date_of_birth__lte=born_18, date_of_birth__gt=born_30),
        "30_54": Q(date_of_birth__lte=born_30, date_of_birth__gt=born_55),
        "55_plus": Q(date_of_birth__lte=born_55),
    }


def _yes_no(field: str, yes: list, no: list) -> dict[str, Q]:
    answered = [*yes, *no]
    return {
        "yes": Q(**{f"{field}__in": yes}),
        "no": Q(**{f"{field}__in": no}),
        NOT_STATED: ~Q(**{f"{field}__in": answered}),
    }


def group_conditions() -> dict[str, dict[str, Q]]:
    """Each vulnerable group's yes / no / not stated (rules in the module's docstring)."""
    answer = ["yes"], ["no"]
    return {
        "disability": _yes_no("disability", *answer),
        "foreign_background": _yes_no("foreign_background", *answer),
        "minority": _yes_no("minority", *answer),
        "third_country_national": _yes_no("citizenship", THIRD_COUNTRY, EU_CITIZEN),
        "homeless_or_housing_exclusion": _yes_no("housing", HOUSING_EXCLUDED, HOUSED),
        "rural_area": {
            "yes": Q(settlement__is_urban=False),
            "no": Q(settlement__is_urban=True),
            NOT_STATED: Q(settlement__isnull=True),
        },
        "eee_beneficiary": {
            "yes": Q(eee_beneficiary=True),
            "no": Q(eee_beneficiary=False),
            NOT_STATED: Q(eee_beneficiary__isnull=True),
        },
    }


def esf_conditions(first: date) -> dict[str, Q]:
    ages = age_conditions(first)
    groups = group_conditions()
    conditions = {
        "unemployed": Q(
            labour_status__in=[LabourStatus.UNEMPLOYED, LabourStatus.LONG_TERM_UNEMPLOYED]
        ),
        "long_term_unemployed": Q(labour_status=LabourStatus.LONG_TERM_UNEMPLOYED),
        "inactive": Q(
            labour_status__in=[LabourStatus.INACTIVE, LabourStatus.STUDENT, LabourStatus.RETIRED]
        ),
        "employed": Q(labour_status__in=[LabourStatus.EMPLOYED, LabourStatus.SELF_EMPLOYED]),
        **{band: ages[band] for band in ("under_18", "18_29", "55_plus")},
        **{band: Q(education=band) for band in EDUCATIONS[:3]},
        **{group: groups[group]["yes"] for group in GROUPS if group != "eee_beneficiary"},
        TOTAL: Q(),
    }
    return {row: conditions[row] for row in ESF_ROWS}


def participant_conditions(period: Period, settlements: list[Settlement]) -> dict:
    """table key → {row → Q} for a list, or {row → {column → Q}} for a grid; the tables by sex
    (`BY_SEX`) give one Q per row, counted for each sex by the grouping."""
    everyone = Q()
    new = Q(registered_on__range=(period.first, period.last))
    return {
        "participants": {"new": new, "returning": ~new, TOTAL: everyone},
        "participants_by_age": age_conditions(period.first),
        "participants_by_citizenship": {str(c): Q(citizenship=c) for c in CITIZENSHIPS},
        "participants_by_education": {str(e): Q(education=e) for e in EDUCATIONS},
        "participants_by_labour_status": {str(s): Q(labour_status=s) for s in LABOUR},
        "participants_by_group": {
            group: {**answers, TOTAL: everyone} for group, answers in group_conditions().items()
        },
        "participants_by_settlement": {
            **{s.code: Q(settlement_id=s.pk) for s in settlements},
            NOT_STATED: Q(settlement__isnull=True),
        },
        "esf_indicators": esf_conditions(period.first),
    }


BY_SEX = {"esf_indicators"}
TABLE_ORDER = [
    "participants",
    "participants_by_gender",
    "participants_by_age",
    "participants_by_citizenship",
    "participants_by_education",
    "participants_by_labour_status",
    "participants_by_group",
    "participants_by_settlement",
    "esf_indicators",
]


def participant_counts(period: Period, settlements: list[Settlement]) -> dict:
    """Every participant table's values, from one aggregate over the people served, grouped by
    sex (four rows): each figure is the sum of its four counts, and the ESF+ grid is by sex."""
    conditions = participant_conditions(period, settlements)
    cells = []  # (table, row, column or None, Q)
    for table, rows in conditions.items():
        for row, value in rows.items():
            if isinstance(value, dict):
                cells.extend((table, row, column, q) for column, q in value.items())
            else:
                cells.append((table, row, None, value))
    aggregates = {f"c{n}": Count("pk", filter=q) for n, (*_, q) in enumerate(cells) if q}
    groups = list(
        Beneficiary.objects.order_by()
        .filter(pk__in=RawSQL(*participant_sql(period)))
        .values("sex")
        .annotate(people=Count("pk"), **aggregates)
    )
    by_sex = {str(sex): next((g for g in groups if g["sex"] == sex), None) for sex in GENDERS}
    values: dict = {table: {} for table in TABLE_ORDER}
    values["participants_by_gender"] = {sex: g["people"] if g else 0 for sex, g in by_sex.items()}
    for n, (table, row, column, q) in enumerate(cells):
        counts = {sex: (g[f"c{n}"] if q else g["people"]) if g else 0 for sex, g in by_sex.items()}
        if table in BY_SEX:
            values[table][row] = {**counts, TOTAL: sum(counts.values())}
        elif column is None:
            values[table][row] = sum(counts.values())
        else:
            values[table].setdefault(row, {})[column] = sum(counts.values())
    return values
