"""The Centre's protocol book: one gapless sequence of numbers per year.

Incoming requests and outgoing letters take their number from the same book, as a Greek public
service's general protocol does. `next_protocol_number(year)` increments the year's counter with
one UPSERT whose row lock is held until the caller's transaction ends: concurrent submissions
wait for each other, a rolled-back submission gives its number back, so numbers are never
skipped or repeated.
"""

from __future__ import annotations

from django.db import connection, models
from django.utils.translation import gettext_lazy as _


class ProtocolCounter(models.Model):
    """The last protocol number given in a year."""

    year = models.PositiveIntegerField(_("έτος"), primary_key=True)
    last_number = models.PositiveIntegerField(_("τελευταίος αριθμός"), default=0)

    class Meta:
        verbose_name = _("βιβλίο πρωτοκόλλου")
        verbose_name_plural = _("βιβλία πρωτοκόλλου")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


def next_protocol_number(year: int) -> int:
    """Take the next number of `year`. Call it inside the transaction that saves the record."""
    if not connection.in_atomic_block:
        raise RuntimeError("protocol numbers are taken inside the saving transaction")
    table = ProtocolCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (year, last_number) VALUES (%s, 1) "  # noqa: S608 - table name is ours
            f"ON CONFLICT (year) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [year],
        )
        return cursor.fetchone()[0]


def format_protocol(year: int, number: int) -> str:
    """As printed: 2026/000153."""
    return f"{year}/{number:06d}"
