"""The register import's row of `manage.py bench`: a register of `rows` fictional people built
as Greek offices write it (capital headers, «ΗΜ/ΝΙΑ ΓΕΝΝΗΣΗΣ», «Α.Μ.Κ.Α.», «ΧΩΡΙΟ»,
«ΠΑΡΑΤΗΡΗΣΕΙΣ»), checked and imported through the import's own code (records.run_import), beside
the time of loading the same rows with one COPY into a scratch table. Both are rolled back: the
bench database is left as it was."""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.translation import gettext as _

from beneficiaries.importing.records import mapping_of, record_upload, run_import
from community_centre.models import User
from demo.people import DemoPeople, Reference

DEFAULT_ROWS = 5000
TARGET_SECONDS = 15.0
HEADER = ["Α/Α", "ΕΠΩΝΥΜΟ", "ΟΝΟΜΑ", "ΟΝΟΜΑ ΠΑΤΡΟΣ", "ΦΥΛΟ (Α/Γ)", "ΗΜ/ΝΙΑ ΓΕΝΝΗΣΗΣ", "Α.Μ.Κ.Α.",
          "Α.Φ.Μ.", "ΚΙΝΗΤΟ", "ΧΩΡΙΟ", "ΠΑΡΑΤΗΡΗΣΕΙΣ"]  # fmt: skip
COPY_COLUMNS = ("surname", "given_name", "father_name", "sex", "date_of_birth", "amka", "afm")


class _RolledBack(Exception):
    pass


@dataclass
class ImportTiming:
    rows: int
    created: int
    seconds: float
    copy_seconds: float

    @property
    def ratio(self) -> float:
        return self.seconds / self.copy_seconds if self.copy_seconds else 0.0

    def line(self) -> str:
        return _(
            "Εισαγωγή μητρώου %(rows)d γραμμών (έλεγχος και καταχώριση): %(seconds).1f s "
            "(στόχος < %(target).0f s)· οι ίδιες γραμμές με ένα COPY: %(copy).2f s (×%(ratio).0f)."
        ) % {
            "rows": self.rows,
            "seconds": self.seconds,
            "target": TARGET_SECONDS,
            "copy": self.copy_seconds,
            "ratio": self.ratio,
        }


def register_rows(count: int, *, seed: int = 12) -> list[list[str]]:
    """`count` rows of a register of fictional people, as an office writes them."""
    people = DemoPeople(seed=seed, reference=Reference.load())
    rows = []
    for number in range(1, count + 1):
        person, _family = people.person()
        settlement = person.settlement.name.upper() if person.settlement else ""
        remark = "ΔΙΚΑΙΟΥΧΟΣ ΕΕΕ" if number % 7 == 0 else ""
        sex = "Γ" if person.sex == "female" else "Α"
        rows.append([
            str(number), person.surname.upper(), person.given_name.upper(),
            person.father_name.upper(), sex, f"{person.date_of_birth:%d/%m/%Y}",
            person.amka or "", person.afm or "", person.phone_mobile, settlement, remark,
        ])  # fmt: skip
    return rows


def register_csv(rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerows([HEADER, *rows])
    return text.getvalue().encode("cp1253", errors="replace")  # as Greek Excel saves «CSV»


def time_import(count: int = DEFAULT_ROWS, *, seed: int = 12) -> ImportTiming:
    """Check and import `count` rows, then COPY the same rows; everything rolled back."""
    rows = register_rows(count, seed=seed)
    content = register_csv(rows)
    actor = User.objects.filter(is_active=True).order_by("pk").first()
    timing = ImportTiming(rows=count, created=0, seconds=0.0, copy_seconds=0.0)
    try:
        with transaction.atomic():
            started = time.monotonic()
            run = record_upload(name="bench_register.csv", content=content, actor=actor)
            mapping = mapping_of(run)
            if actor is None:
                mapping.targets[HEADER.index("ΠΑΡΑΤΗΡΗΣΕΙΣ")] = "ignore"
            result = run_import(run, mapping, actor=actor, valid_only=True)
            timing.seconds = time.monotonic() - started
            timing.created = result.created
            timing.copy_seconds = _time_copy(rows)
            raise _RolledBack
    except _RolledBack:
        pass
    return timing


def _time_copy(rows: list[list[str]]) -> float:
    columns = ", ".join(COPY_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE bench_import_copy ON COMMIT DROP AS SELECT {columns} "  # noqa: S608
            "FROM beneficiaries_beneficiary WITH NO DATA"
        )
        started = time.monotonic()
        with cursor.copy(f"COPY bench_import_copy ({columns}) FROM STDIN") as copy:
            for row in rows:
                day, month, year = row[5].split("/")
                sex = "female" if row[4] == "Γ" else "male"
                copy.write_row(
                    [row[1], row[2], row[3], sex, f"{year}-{month}-{day}", row[6] or None,
                     row[7] or None]
                )  # fmt: skip
        return time.monotonic() - started
