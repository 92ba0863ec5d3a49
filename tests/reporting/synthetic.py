"""A whole report counted from a made-up population, so that every identity between its tables
holds as it does in a counted report (THE TABLES of issue 11), at any size."""

from __future__ import annotations

import random
from datetime import datetime

from reporting.period import ATHENS, Period
from reporting.tables import TOTAL, Report, Table

GENDERS = ["female", "male", "non_binary", "not_stated"]
AGES = ["under_18", "18_29", "30_54", "55_plus"]
CITIZENSHIPS = ["greek", "eu", "third_country", "stateless"]
EDUCATIONS = ["isced_0_2", "isced_3_4", "isced_5_8", "not_stated"]
LABOUR = ["employed", "self_employed", "unemployed", "long_term_unemployed", "inactive",
          "student", "retired", "not_stated"]  # fmt: skip
ANSWERED = ["disability", "foreign_background", "minority", "homeless_or_housing_exclusion",
            "eee_beneficiary"]  # fmt: skip
GROUPS = ["disability", "foreign_background", "minority", "third_country_national",
          "homeless_or_housing_exclusion", "rural_area", "eee_beneficiary"]  # fmt: skip
ESF_ROWS = ["unemployed", "long_term_unemployed", "inactive", "employed", "under_18", "18_29",
            "55_plus", "isced_0_2", "isced_3_4", "isced_5_8", "disability",
            "third_country_national", "foreign_background", "minority",
            "homeless_or_housing_exclusion", "rural_area", TOTAL]  # fmt: skip
ESF_WHEN = {
    "unemployed": lambda p: p["labour"] in ("unemployed", "long_term_unemployed"),
    "long_term_unemployed": lambda p: p["labour"] == "long_term_unemployed",
    "inactive": lambda p: p["labour"] in ("inactive", "student", "retired"),
    "employed": lambda p: p["labour"] in ("employed", "self_employed"),
    **{band: (lambda p, band=band: p["age"] == band) for band in ("under_18", "18_29", "55_plus")},
    **{band: (lambda p, band=band: p["education"] == band) for band in EDUCATIONS[:3]},
    **{group: (lambda p, group=group: p[group] == "yes") for group in GROUPS[:6]},
    TOTAL: lambda p: True,
}


def person(rng: random.Random, settlements: list[tuple[str, bool]]) -> dict:
    settlement = rng.choice(settlements + [None]) if rng.random() < 0.97 else None
    citizenship = rng.choices(CITIZENSHIPS, [85, 6, 8, 1])[0]
    found = {
        "new": rng.random() < 0.2,
        "gender": rng.choices(GENDERS, [52, 44, 1, 3])[0],
        "age": rng.choices(AGES, [15, 20, 40, 25])[0],
        "citizenship": citizenship,
        "education": rng.choices(EDUCATIONS, [30, 40, 20, 10])[0],
        "labour": rng.choices(LABOUR, [20, 5, 20, 10, 15, 10, 15, 5])[0],
        "settlement": settlement[0] if settlement else "not_stated",
        "third_country_national": "yes" if citizenship in ("third_country", "stateless") else "no",
        "rural_area": "not_stated" if not settlement else ("no" if settlement[1] else "yes"),
    }
    for group in ANSWERED:
        found[group] = rng.choices(["yes", "no", "not_stated"], [10, 75, 15])[0]
    return found


def _list(key, rows, values, total_of=None):
    return Table(key, key, [(r, r) for r in rows], values, total_of=total_of)


def _grid(key, rows, columns, values, partition=True):
    return Table(
        key, key, [(r, r) for r in rows], values, columns=[(c, c) for c in columns],
        partition=partition,
    )  # fmt: skip


def _count(people, field, keys):
    return {key: sum(p[field] == key for p in people) for key in keys}


def _split(rng: random.Random, total: int, keys: list[str], small: float) -> dict[str, int]:
    """`total` spread over `keys`, some of them small or zero."""
    weights = [rng.choice([0, 0.2, 1, 3, 8]) if rng.random() < small else rng.random() * 10
               for _ in keys]  # fmt: skip
    if not any(weights):
        weights[0] = 1
    found = dict.fromkeys(keys, 0)
    for key in rng.choices(keys, weights, k=total):
        found[key] += 1
    return found


def _crossed(rng, rows, columns, total, small, with_totals=True):
    cells = _split(rng, total, [f"{r}|{c}" for r in rows for c in columns], small)
    values = {r: {c: cells[f"{r}|{c}"] for c in columns} for r in rows}
    if with_totals:
        for r in rows:
            values[r][TOTAL] = sum(values[r][c] for c in columns)
        values[TOTAL] = {c: sum(values[r][c] for r in rows) for c in [*columns, TOTAL]}
    return values


def synthetic_report(people: int = 400, settlements: int = 70, seed: int = 1,
                     small: float = 0.5, name: str = "Κέντρο Κοινότητας Δοκιμής",
                     prefix: str = "11") -> Report:  # fmt: skip
    rng = random.Random(seed)
    places = [(f"{prefix}{n:04d}", n % 3 == 0) for n in range(settlements)]  # every third urban
    crowd = [person(rng, places) for _ in range(people)]
    total = len(crowd)
    new = sum(p["new"] for p in crowd)
    tables = {
        "participants": _list(
            "participants",
            ["new", "returning", TOTAL],
            {"new": new, "returning": total - new, TOTAL: total},
        ),
        "participants_by_gender": _list(
            "participants_by_gender",
            GENDERS,
            _count(crowd, "gender", GENDERS),
            "participants.total",
        ),
        "participants_by_age": _list(
            "participants_by_age", AGES, _count(crowd, "age", AGES), "participants.total"
        ),
        "participants_by_citizenship": _list(
            "participants_by_citizenship",
            CITIZENSHIPS,
            _count(crowd, "citizenship", CITIZENSHIPS),
            "participants.total",
        ),
        "participants_by_education": _list(
            "participants_by_education",
            EDUCATIONS,
            _count(crowd, "education", EDUCATIONS),
            "participants.total",
        ),
        "participants_by_labour_status": _list(
            "participants_by_labour_status",
            LABOUR,
            _count(crowd, "labour", LABOUR),
            "participants.total",
        ),
    }
    answers = ["yes", "no", "not_stated"]
    group_values = {g: {**_count(crowd, g, answers), TOTAL: total} for g in GROUPS}
    tables["participants_by_group"] = _grid(
        "participants_by_group", GROUPS, [*answers, TOTAL], group_values, partition=False
    )
    codes = [code for code, _urban in places] + ["not_stated"]
    tables["participants_by_settlement"] = _list(
        "participants_by_settlement",
        codes,
        _count(crowd, "settlement", codes),
        "participants.total",
    )
    esf = {}
    for row in ESF_ROWS:
        chosen = [p for p in crowd if ESF_WHEN[row](p)]
        esf[row] = {**_count(chosen, "gender", GENDERS), TOTAL: len(chosen)}
    tables["esf_indicators"] = _grid(
        "esf_indicators", ESF_ROWS, [*GENDERS, TOTAL], esf, partition=False
    )
    tables.update(_activities(rng, people, small))
    return Report(
        centre={"name": name, "municipality": name},
        period=Period.month(2026, 4),
        generated_at=datetime(2026, 5, 4, 9, 30, tzinfo=ATHENS),
        tables=tables,
    )


def _activities(rng: random.Random, people: int, small: float) -> dict[str, Table]:
    totals = {
        "requests": people // 2, "information_requests": people // 10,
        "referrals": people // 8, "applications": people // 6, "sessions": people // 3,
        "events": rng.randint(0, 9), "needs": people // 4,
        "appointments_attended": people // 3, "case_notes": people,
    }  # fmt: skip
    categories = ["eee", "housing", "disability", "food", "heating", "legal", "other"]
    statuses = ["new", "in_progress", "waiting", "referred", "completed", "rejected"]
    information = ["answered_on_time", "answered_late", "open_overdue", "open_not_due"]
    bodies = ["dypa", "kepa", "efka", "hospital", "school"]
    referral_statuses = ["sent", "accepted", "declined", "completed", "did_not_attend", "revoked"]
    programmes = ["eee", "housing_allowance", "disability", "heating", "teba"]
    outcomes = ["submitted", "approved", "rejected", "withdrawn"]
    kinds = ["employment", "psychosocial_adult", "psychosocial_child", "family"]
    event_kinds = ["workshop", "information_day", "excursion"]
    needs = ["income", "housing", "health", "employment", "education", "care"]
    lists = {
        "requests_by_category": (categories, "requests"),
        "requests_by_status": (statuses, "requests"),
        "information_requests": (information, "information_requests"),
        "sessions_by_type": (kinds, "sessions"),
        "needs_by_category": (needs, "needs"),
    }
    tables = {
        key: _list(key, rows, _split(rng, totals[of], rows, small), f"totals.{of}")
        for key, (rows, of) in lists.items()
    }
    referrals = _crossed(rng, bodies, referral_statuses, totals["referrals"], small)
    tables["referrals_by_body"] = _grid(
        "referrals_by_body", [*bodies, TOTAL], [*referral_statuses, TOTAL], referrals
    )
    applications = _crossed(rng, programmes, outcomes, totals["applications"], small)
    tables["applications_by_programme"] = _grid(
        "applications_by_programme", [*programmes, TOTAL], [*outcomes, TOTAL], applications
    )
    events = {}
    held = _split(rng, totals["events"], event_kinds, small)
    for kind in event_kinds:
        registered = rng.randint(0, 6) * held[kind]
        heads = rng.randint(0, 9) * held[kind]
        events[kind] = {"events": held[kind], "registered": registered, "head_count": heads,
                        "attendance": registered + heads}  # fmt: skip
    events[TOTAL] = {c: sum(events[k][c] for k in event_kinds) for c in events[event_kinds[0]]}
    tables["events_by_kind"] = _grid(
        "events_by_kind", [*event_kinds, TOTAL], list(events[TOTAL]), events
    )
    tables["totals"] = _list("totals", list(totals), totals)
    return tables
