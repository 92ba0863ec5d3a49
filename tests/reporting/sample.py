"""A small report with known figures, built by hand, for testing what reads reports (exports,
publication, sign-off storage, roll-up) apart from the counting itself."""

from __future__ import annotations

from datetime import datetime

from reporting.period import ATHENS, Period
from reporting.tables import Report, Table


def sample_report(period: Period | None = None) -> Report:
    period = period or Period.month(2026, 4)
    gender = [("female", "Γυναίκες"), ("male", "Άνδρες"), ("non_binary", "Μη δυαδικό"),
              ("not_stated", "Δεν δηλώνεται")]  # fmt: skip
    tables = {
        "participants": Table(
            "participants",
            "Ωφελούμενοι που εξυπηρετήθηκαν",
            [("new", "Νέοι"), ("returning", "Επανερχόμενοι"), ("total", "Σύνολο")],
            {"new": 7, "returning": 30, "total": 37},
        ),
        "participants_by_gender": Table(
            "participants_by_gender",
            "Ωφελούμενοι ανά φύλο",
            gender,
            {"female": 20, "male": 14, "non_binary": 1, "not_stated": 2},
            total_of="participants.total",
        ),
        "requests_by_category": Table(
            "requests_by_category",
            "Αιτήματα ανά κατηγορία",
            [("eee", "ΕΕΕ"), ("housing", "Στέγαση"), ("=cmd", "=Τύπος")],
            {"eee": 12, "housing": 3, "=cmd": 0},
            total_of="totals.requests",
        ),
        "referrals_by_body": Table(
            "referrals_by_body",
            "Παραπομπές ανά φορέα και έκβαση",
            [("oaed", "ΔΥΠΑ"), ("kepa", "ΚΕΠΑ"), ("total", "Σύνολο")],
            {
                "oaed": {"sent": 3, "completed": 6, "total": 9},
                "kepa": {"sent": 0, "completed": 2, "total": 2},
                "total": {"sent": 3, "completed": 8, "total": 11},
            },
            columns=[("sent", "Στάλθηκε"), ("completed", "Ολοκληρώθηκε"), ("total", "Σύνολο")],
        ),
        "totals": Table(
            "totals",
            "Σύνολα",
            [("requests", "Αιτήματα")],
            {"requests": 15},
        ),
    }
    return Report(
        centre={"name": "Κέντρο Κοινότητας Δήμου Καρπενησίου", "municipality": "Καρπενησίου"},
        period=period,
        generated_at=datetime(2026, 5, 4, 9, 30, tzinfo=ATHENS),
        tables=tables,
    )
