"""The ways a register writes a settlement's name: ELSTAT's katharevousa («Μέγα Χωρίον»), the
everyday form («Μεγάλο Χωριό»), a mix of the two («ΜΕΓΑΛΟ ΧΩΡΙΟΝ»), the usual abbreviations
(«ΑΓ. ΝΙΚΟΛΑΟΣ», «Ν. ΜΙΚΡΟ ΧΩΡΙΟ», «Κ. ΚΑΡΙΤΣΑ», «Α. ΚΑΛΕΣΜΕΝΟ», «Ι.Μ. ΠΡΟΥΣΟΥ»), capitals
without accents, a double letter written once («ΠΑΠΑΡΟΥΣΙ» for Παππαρούσιον).

`settlement_key(text)` is the one folding of a settlement's text: the keys of the index, of
the choices made for unknown names on the import screen and of the `--mapping` file's
"settlements" are all made with it. `name_keys(official, everyday)` are all the keys one
settlement is found by. Nothing here reads the database.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product

from beneficiaries.importing.lookalikes import to_greek
from beneficiaries.normalize import fold
from community_centre.place_names import everyday_name

_PUNCTUATION = re.compile(r"[\W_]+")
_DOUBLE_LETTER = re.compile(r"([^\W\d_])\1+")

# Folded word -> its abbreviations as registers write them (the dot is dropped by the key).
# "" means the word may be left out («Μονή Προυσού» for Ιερά Μονή Προυσού).
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "αγιοσ": ("αγ",), "αγια": ("αγ",), "αγιοι": ("αγ",),
    "μεγα": ("μεγ",), "μεγαλο": ("μεγ",),
    "μικρον": ("μικ", "μικρ"), "μικρο": ("μικ", "μικρ"),
    "νεον": ("ν",), "νεο": ("ν",), "νεα": ("ν",),
    "ανω": ("α", "αν"), "κατω": ("κ", "κατ"),
    "παλαιον": ("παλ",), "παλαιο": ("παλ",), "παλαια": ("παλ",),
    "δυτικον": ("δ", "δυτ"), "δυτικο": ("δ", "δυτ"),
    "ιερα": ("ι", ""), "μονη": ("μ", "μον"),
}  # fmt: skip


@lru_cache(maxsize=8192)  # a register names a few dozen settlements over thousands of rows
def settlement_key(text: str) -> str:
    """«ΑΓ. ΝΙΚΟΛΑΟΣ» -> «αγ νικολαοσ»; «Παππαρούσιον» -> «παπαρουσιον»; «KAPΠENHΣI» (Latin
    look-alikes) -> «καρπενησι»: case, accents, punctuation and doubled letters ignored."""
    # As typed (capitals tell more look-alikes), then folded (small letters, «µ» as «μ»): what
    # the first pass leaves, the second decides, so a key's key is the key itself.
    greek, _undecided = to_greek(unicodedata.normalize("NFKC", str(text)))
    greek, _undecided = to_greek(fold(greek))
    words = _PUNCTUATION.sub(" ", fold(greek)).split()
    return _DOUBLE_LETTER.sub(r"\1", " ".join(words))


def _word_forms(word: str) -> set[str]:
    """A folded word in its katharevousa and everyday endings: -ιον, -ιο, -ι; -ον, -ο."""
    forms = {word}
    if word.endswith("ιον"):
        forms |= {word[:-1], word[:-2]}
    elif word.endswith("ον"):
        forms.add(word[:-1])
    for form in list(forms):
        forms.update(_ABBREVIATIONS.get(form, ()))
    return forms


def name_keys(official: str, everyday: str = "") -> set[str]:
    """Every key a settlement is found by: each word in any of its forms, official or
    everyday (the two taken word by word, so «Μεγάλο Χωρίον» counts too), or abbreviated."""
    names = [official, everyday or everyday_name(official), everyday_name(official)]
    keys: set[str] = set()
    word_lists = [settlement_key(name).split() for name in names if name.strip()]
    columns: list[set[str]] = []
    for words in word_lists:
        if len(words) != len(word_lists[0]):  # an irregular name of another length: as it is
            keys.add(" ".join(words))
            continue
        for position, word in enumerate(words):
            if position == len(columns):
                columns.append(set())
            columns[position] |= _word_forms(word)
    for combination in product(*columns):
        key = " ".join(word for word in combination if word)
        if key:
            keys.add(settlement_key(key))
    return keys


def community_keys(community: str) -> set[str]:
    """The keys a community is written by inside brackets: «Τοπική Κοινότητα Βουτύρου»,
    «Τ.Κ. Βουτύρου», «Βουτύρου»."""
    key = settlement_key(community)
    bare = re.sub(r"^(?:τοπικη|δημοτικη) κοινοτητα ", "", key)
    return {key, bare, f"τκ {bare}", f"δκ {bare}", f"τ κ {bare}", f"δ κ {bare}"}
