"""Catalogue upkeep: the interface is written in Greek, so the Greek catalogue is the source.

python -m community_centre.i18n fill   # copy each Greek msgid into its empty el msgstr
python -m community_centre.i18n check  # list strings missing in the el or en catalogue
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def read_catalogue(language: str):
    """The parsed catalogue of `language` (Babel)."""
    with catalogue_path(language).open("rb") as handle:
        return read_po(handle, locale=language)


def fill_source_language() -> int:
    """Give every untranslated Greek entry its own text; returns how many were filled."""
    catalogue = read_catalogue("el")
    filled = 0
    for message in catalogue:
        if not message.id or (_translated(message) and not message.fuzzy):
            continue
        message.string = message.id
        message.flags.discard("fuzzy")
        filled += 1
    catalogue.fuzzy = False  # a fuzzy header makes the compilers skip the whole catalogue
    with catalogue_path("el").open("wb") as handle:
        write_po(handle, catalogue, width=79, omit_header=False)
    return filled


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def missing(language: str) -> list[str]:
    """msgids with no translation (or a fuzzy one) in `language`'s catalogue."""
    result = []
    for message in read_catalogue(language):
        if not message.id:
            continue
        if message.fuzzy or not _translated(message):
            result.append(message.id if isinstance(message.id, str) else message.id[0])
    return result


def msgids(language: str) -> list[str]:
    """Every msgid of `language`'s catalogue (singular form)."""
    return [m.id if isinstance(m.id, str) else m.id[0] for m in read_catalogue(language) if m.id]


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "fill":
        print(f"filled {fill_source_language()} Greek entries")
        return 0
    problems = {lang: missing(lang) for lang in ("el", "en")}
    for lang, ids in problems.items():
        for msgid in ids:
            print(f"{lang}: {msgid}")
    return 1 if problems["el"] else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
