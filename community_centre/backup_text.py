"""Greek figures for the backup commands' summaries: «12.345» rows, «3,2 s», «1,5 MB»."""

from __future__ import annotations


def whole(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def decimal(number: float) -> str:
    return f"{number:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def megabytes(size: int) -> str:
    return f"{decimal(size / 1024 / 1024)} MB"
