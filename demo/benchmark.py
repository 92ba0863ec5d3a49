"""The pieces of `manage.py bench`: its own database, the seeded register, queries, timings.

The benchmark never touches the database `make run` uses: it switches the default connection to
a database of its own on the same server (`community_centre_bench` unless told otherwise),
creating and migrating it first, the way Django's test runner switches to a test database.
"""

from __future__ import annotations

import math
import random
import statistics
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import connection
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from beneficiaries.normalize import fold

BENCH_DATABASE = "community_centre_bench"
# The letter rows of the Greek keyboard: a wrong letter is usually a neighbour of the right one.
KEYBOARD_ROWS = ["ςερτυθιοπ", "ασδφγηξκλ", "ζχψωβνμ"]


# --- the database ------------------------------------------------------------------------------


def use_database(name: str) -> None:
    """Point the default connection at database `name` on the same server; create it if missing."""
    connection.close()
    # The maintenance connection ("postgres" database) is the one Django uses to create test DBs.
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(
                f"CREATE DATABASE {connection.ops.quote_name(name)} "
                "ENCODING 'UTF8' TEMPLATE template0"
            )
    connection.settings_dict["NAME"] = name
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        (current,) = cursor.fetchone()
    if current != name:  # never seed or measure anything but the benchmark's own database
        raise RuntimeError(f"connected to {current!r}, expected {name!r}")


def prepare_schema() -> None:
    """Migrate, load the reference data and the demo accounts (all idempotent)."""
    from community_centre.reference import load_reference_data
    from demo.users import create_demo_users

    call_command("migrate", interactive=False, verbosity=0)
    load_reference_data()
    create_demo_users()


def vacuum_analyse() -> None:
    """What autovacuum would do after a bulk load: statistics, and the GIN pending lists merged.

    Until then every probe of the name indexes also scans their pending lists, which makes the
    first searches after a seed slower than they will ever be again.
    """
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def storages_in(storages: dict, folder: str) -> dict:
    """A copy of the STORAGES setting whose default storage keeps its files in `folder`."""
    copied = {name: {**backend} for name, backend in storages.items()}
    default = copied["default"]
    default["OPTIONS"] = {**default.get("OPTIONS", {}), "location": folder}
    return copied


# --- the people searched for -------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    pk: int
    surname: str
    given_name: str
    amka: str | None


def sample_people(
    count: int, rng: random.Random, *, surname_length: tuple[int, int] | None = None
) -> list[Person]:
    """`count` people picked at random from the register (those whose surname has a length in
    the range `surname_length`, if given), in a reproducible order."""
    people = Beneficiary.objects.order_by("pk")
    if surname_length:
        people = people.alias(length=Length("surname")).filter(length__range=surname_length)
    pks = list(people.values_list("pk", flat=True))
    chosen = rng.sample(pks, min(count, len(pks)))
    rows = Beneficiary.objects.filter(pk__in=chosen).values_list(
        "pk", "surname", "given_name", "amka"
    )
    by_pk = {row[0]: Person(*row) for row in rows}
    return [by_pk[pk] for pk in chosen]


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Spellings people use when they type Greek in Latin letters; one is picked at random each time.
_GREEKLISH_PAIRS = {
    "ου": ("ou",),
    "αι": ("ai", "e"),
    "ει": ("ei", "i"),
    "οι": ("oi", "i"),
    "αυ": ("av", "af", "au"),
    "ευ": ("ev", "ef", "eu"),
    "μπ": ("mp", "b"),
    "ντ": ("nt", "d"),
    "γγ": ("gg", "ng"),
    "γκ": ("gk", "g"),
}
_GREEKLISH_LETTERS = {
    "α": ("a",), "β": ("v", "b"), "γ": ("g",), "δ": ("d",), "ε": ("e",), "ζ": ("z",),
    "η": ("i",), "θ": ("th", "8"), "ι": ("i",), "κ": ("k",), "λ": ("l",), "μ": ("m",),
    "ν": ("n",), "ξ": ("x", "ks"), "ο": ("o",), "π": ("p",), "ρ": ("r",), "σ": ("s",),
    "τ": ("t",), "υ": ("y", "i"), "φ": ("f", "ph"), "χ": ("ch", "x", "h"), "ψ": ("ps",),
    "ω": ("o", "w"),
}  # fmt: skip


def greeklish(text: str, rng: random.Random) -> str:
    """`text` as someone might type it in Latin letters: Παπαδόπουλος -> papadopoulos."""
    folded, out, i = fold(text), [], 0
    while i < len(folded):
        pair = folded[i : i + 2]
        options = _GREEKLISH_PAIRS.get(pair)
        if options:
            i += 2
        else:
            options = _GREEKLISH_LETTERS.get(folded[i], (folded[i],))
            i += 1
        out.append(rng.choice(options))
    return "".join(out)


def with_typo(word: str, rng: random.Random) -> str:
    """One slip of the hand after the first letter: a letter dropped, doubled or swapped with the
    next, or a neighbouring key hit instead."""
    if len(word) < 3:
        return word
    at = rng.randrange(1, len(word) - 1)
    slip = rng.choice(["drop", "wrong", "double", "swap"])
    if slip == "drop":
        return word[:at] + word[at + 1 :]
    if slip == "wrong":
        return word[:at] + rng.choice(_neighbours(word[at])) + word[at + 1 :]
    if slip == "double":
        return word[:at] + word[at] + word[at:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


# The kinds of single typo measured on short surnames (`typo_of_kind`).
TYPO_KINDS = ("substitution", "deletion", "insertion", "swap")
# Surnames of this many letters are the short ones, where trigrams alone miss most typos.
SHORT_SURNAME = (4, 6)


def typo_of_kind(word: str, kind: str, rng: random.Random) -> str:
    """`word` with one typo of `kind` at a random place, the first and last letters included:
    a neighbouring key instead of a letter, a letter left out, a neighbouring key hit as well
    (before the letter), or two different neighbouring letters swapped."""
    if kind == "swap":
        places = [i for i in range(len(word) - 1) if fold(word[i]) != fold(word[i + 1])]
        at = rng.choice(places)
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    at = rng.randrange(len(word))
    if kind == "deletion":
        return word[:at] + word[at + 1 :]
    extra = rng.choice(_neighbours(word[at]))
    if kind == "insertion":
        return word[:at] + extra + word[at:]
    if kind == "substitution":
        return word[:at] + extra + word[at + 1 :]
    raise ValueError(kind)


def _neighbours(letter: str) -> str:
    """The keys left and right of `letter` (accents and case aside) on a Greek keyboard."""
    plain = strip_accents(letter).lower()
    for row in KEYBOARD_ROWS:
        if (at := row.find(plain)) >= 0:
            return row[max(at - 1, 0) : at] + row[at + 1 : at + 2]
    return plain


def either_order(person: Person, rng: random.Random, surname: str, given: str) -> str:
    return f"{surname} {given}" if rng.random() < 0.5 else f"{given} {surname}"


def query_kinds() -> dict[str, Callable[[Person, random.Random], str]]:
    """The searches the benchmark times: how each turns a person into what is typed."""
    return {
        "greek": lambda p, rng: either_order(p, rng, p.surname, p.given_name),
        "accentless": lambda p, rng: _accentless(f"{p.surname} {p.given_name}", rng),
        "greeklish": lambda p, rng: either_order(
            p, rng, greeklish(p.surname, rng), greeklish(p.given_name, rng)
        ),
        "typo": lambda p, rng: f"{with_typo(p.surname, rng)} {p.given_name}",
        "surname": lambda p, rng: p.surname,
        "amka": lambda p, rng: p.amka if rng.random() < 0.5 else f"{p.amka[:6]} {p.amka[6:]}",
    }


def _accentless(text: str, rng: random.Random) -> str:
    plain = strip_accents(text)
    return plain.upper() if rng.random() < 0.5 else plain.lower()


# --- timing ------------------------------------------------------------------------------------


@dataclass
class Timing:
    """The durations (ms) of one kind of operation, and how often it found its person."""

    label: str
    target_ms: float | None = None
    durations: list[float] = field(default_factory=list)
    found: list[bool] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def measure(self, operation: Callable[[], object]) -> object:
        started = time.perf_counter()
        result = operation()
        self.durations.append((time.perf_counter() - started) * 1000)
        return result

    def percentile(self, p: int) -> float:
        if len(self.durations) < 2:
            return self.durations[0] if self.durations else float("nan")
        return statistics.quantiles(self.durations, n=100, method="inclusive")[p - 1]

    @property
    def meets_target(self) -> bool | None:
        if self.target_ms is None or not self.durations:
            return None
        return self.percentile(95) < self.target_ms

    def row(self) -> tuple[str, ...]:
        """The cells of this timing in `table()`."""
        found = f"{sum(self.found) / len(self.found):.0%}" if self.found else "–"
        target = f"< {self.target_ms:g} ms" if self.target_ms else "–"
        verdict = {True: _("εντός"), False: _("ΕΚΤΟΣ"), None: ""}[self.meets_target]
        if self.errors:
            verdict = _("%(count)d σφάλματα") % {"count": len(self.errors)}
        figures = (self.percentile(50), self.percentile(95), max(self.durations, default=0.0))
        return (
            self.label,
            str(len(self.durations)),
            *(f"{ms:.1f}" for ms in figures),
            found,
            target,
            verdict,
        )


def table(timings: Iterable[Timing]) -> str:
    """A plain-text table of the timings, one row each, labels left and figures right."""
    header = (
        _("μέτρηση"),
        _("φορές"),
        "p50 ms",
        "p95 ms",
        "max ms",
        _("βρέθηκε"),
        _("στόχος p95"),
        "",
    )
    return layout([header, *(t.row() for t in timings)])


def layout(rows: list[tuple[str, ...]]) -> str:
    """Rows of cells as plain-text columns: the first left-aligned, the others right; a rule
    under the first row (the header)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    lines.insert(1, "-" * max(map(len, lines)))
    return "\n".join(lines)


# --- beside its limit --------------------------------------------------------------------------


def format_ratio(ratio: float) -> str:
    """A ratio as the table shows it: 1.42×, or – when there is nothing to divide."""
    return "–" if math.isnan(ratio) or math.isinf(ratio) else f"{ratio:.2f}×"


@dataclass
class Beside:
    """A figure beside its limit: the same work done as directly as possible, on the same data
    and machine, measured in turn with it. The ratio is of the medians (p50 / p50), which a few
    slow runs on a shared machine move far less than the p95."""

    figure: Timing
    limit: Timing
    goal: float  # the largest ratio that passes

    @property
    def ratio(self) -> float:
        limit = self.limit.percentile(50)
        return self.figure.percentile(50) / limit if limit else math.nan

    @property
    def meets_goal(self) -> bool | None:
        if math.isnan(self.ratio):
            return None
        return self.ratio <= self.goal

    def row(self) -> tuple[str, ...]:
        verdict = {True: _("εντός"), False: _("ΕΚΤΟΣ"), None: ""}[self.meets_goal]
        if errors := len(self.figure.errors) + len(self.limit.errors):
            verdict = _("%(count)d σφάλματα") % {"count": errors}
        return (
            self.figure.label,
            *(f"{self.figure.percentile(p):.1f}" for p in (50, 95)),
            self.limit.label,
            *(f"{self.limit.percentile(p):.1f}" for p in (50, 95)),
            format_ratio(self.ratio),
            f"≤ {self.goal:g}×",
            verdict,
        )


def limits_table(rows: Iterable[Beside]) -> str:
    """Each figure beside its limit: their p50/p95, the ratio of the p50s, the goal, the mark."""
    header = (
        _("μέτρηση"),
        "p50 ms",
        "p95 ms",
        _("όριο"),
        "p50 ms",
        "p95 ms",
        _("λόγος p50"),
        _("στόχος"),
        "",
    )
    return layout([header, *(row.row() for row in rows)])
