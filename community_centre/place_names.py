"""Everyday names of places from ELSTAT's official (katharevousa) ones.

ELSTAT writes the settlements as the state registered them: «Καρπενήσιον», «Μέγα Χωρίον»,
«Νέον Μικρόν Χωρίον». People, letterheads and envelopes write «Καρπενήσι», «Μεγάλο Χωριό»,
«Νέο Μικρό Χωριό». Documents print the everyday name; the official one is kept beside it for
ELSTAT codes and for matching what an old register wrote.
"""

from __future__ import annotations

import re

# Whole names or words that no ending rule turns into their everyday form.
_IRREGULAR_NAMES = {
    "Αγία Τριάς": "Αγία Τριάδα",
    "Χελιδών": "Χελιδόνα",
    "Βαμβακιαί": "Βαμβακιές",
}
_IRREGULAR_WORDS = {"Μέγα": "Μεγάλο"}
# Neuter endings of katharevousa, most specific first: -ίον (stressed) becomes -ιό (Χωρίον ->
# Χωριό), -ιον becomes -ι (Καρπενήσιον -> Καρπενήσι), -όν and -ον lose their ν.
_ENDINGS = [
    (re.compile(r"ίον$"), "ιό"),
    (re.compile(r"ιον$"), "ι"),
    (re.compile(r"όν$"), "ό"),
    (re.compile(r"ον$"), "ο"),
]


def _everyday_word(word: str) -> str:
    if word in _IRREGULAR_WORDS:
        return _IRREGULAR_WORDS[word]
    for pattern, replacement in _ENDINGS:
        if pattern.search(word):
            return pattern.sub(replacement, word)
    return word


def everyday_name(official: str) -> str:
    """«Καρπενήσιον» -> «Καρπενήσι», «Μέγα Χωρίον» -> «Μεγάλο Χωριό»; others unchanged."""
    official = official.strip()
    if official in _IRREGULAR_NAMES:
        return _IRREGULAR_NAMES[official]
    return " ".join(_everyday_word(word) for word in official.split())
