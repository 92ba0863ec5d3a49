"""The SQL of name search: which people a name query finds, and how well each matches.

Each word of the query becomes a few fixed SQL conditions over `Beneficiary.search_key` (the
phonetic key) and `Beneficiary.search_terms` (the forms and typo variants of the name's words,
`beneficiaries.normalize`), each served by a GIN index, and a score. They are written out as SQL
with bound parameters rather than composed from ORM lookups: for a two-word query the ORM took
several times longer to compile its tree of Q objects, CASEs and subqueries than PostgreSQL took
to run the query, and the search runs on every keystroke of the search box.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from django.db.models import BooleanField, Expression, F, FloatField

from beneficiaries.normalize import (
    WORD_MARK,
    accentless_form,
    any_term_query,
    exact_form,
    family_term,
    typo_terms,
    word_key,
)

# A word of the query matches a name part that is the same word (as written, accentless or by
# phonetic key), that it begins ("Παπαδ", "Παπαδόπουλο"), or that is one typo away (symmetric
# delete on `search_terms`): it is "close". A word of the key at least this long may also be
# "alike" by pg_trgm, which covers two typos in a long name; shorter words have too few trigrams
# for that, and the typo net serves them.
MIN_TRIGRAM_WORD = 6
# A key this long has trigrams of its own, so it is looked for anywhere in the name (one index
# probe) and where it stands is checked on the rows found. The two anchored patterns, 'key%'
# and '% key%', each probe the index also for the trigrams of a word start ("  g", " gi"),
# which thousands of names share, and took several times longer; shorter keys have only those.
MIN_CONTAINS_KEY = 3
# The trigram candidates: pg_trgm strict word similarity at least this ("Θεοδορόπουλος" for
# "Θεοδωρόπουλος"). Plain word similarity would also let through names that merely share the
# first half ("Παπαδόπουλος" ~ "Παπαδογιάννης", "Μαρία" ~ "Μάρκος": 0.5).
#
# The GIN index compares with the session's pg_trgm threshold, so the probe runs inside the SQL
# function TRIGRAM_FUNCTION (beneficiaries migration 0006), whose definition carries
# `SET pg_trgm.strict_word_similarity_threshold = 0.5`: PostgreSQL sets it for the call and
# restores the caller's value after. Connection options and session SETs do not survive a pooler
# in transaction mode (pgbouncer), and a SET LOCAL would need a transaction around each
# evaluation of the lazy queryset (a paginated list runs two queries). Changing this value needs
# a migration that redefines the function.
STRICT_WORD_SIMILARITY = 0.5
TRIGRAM_FUNCTION = "beneficiary_ids_like_word"
# What a word adds to `match_score`, by how it matches its best name part: the same word as
# written (accents too), the same accentless or phonetic word, the start of the surname (the key
# starts with it), the start of another part, the other form of a family name; then one typo
# away, and last only alike by trigrams. In the last two, trigram word similarity (0..1) orders
# the names by closeness.
EXACT_SCORE = 1.0
SAME_SCORE = 0.9
SURNAME_PREFIX_SCORE = 0.8
PREFIX_SCORE = 0.7
FAMILY_SCORE = 0.6  # the other form of a family name: Παπαδοπούλου for Παπαδόπουλος
ONE_TYPO_SCORE = 0.5  # plus up to ONE_TYPO_SPREAD times similarity
ONE_TYPO_SPREAD = 0.1
TRIGRAM_SCORE = 0.4  # times similarity


@dataclass(frozen=True)
class Sql:
    """A piece of SQL and its parameters, in order."""

    text: str
    params: tuple = ()

    def __add__(self, other: Sql) -> Sql:
        return Sql(self.text + other.text, self.params + other.params)

    @staticmethod
    def join(separator: str, parts: Iterable[Sql]) -> Sql:
        parts = list(parts)
        return Sql(separator.join(p.text for p in parts), sum((p.params for p in parts), ()))

    def wrapped(self) -> Sql:
        return Sql(f"({self.text})", self.params)


@dataclass(frozen=True)
class Columns:
    """The SQL of the three columns name search reads, for one table reference."""

    pk: str
    key: str
    terms: str


@dataclass(frozen=True)
class Word:
    """One word of a name query, in the forms the conditions compare."""

    typed: str

    @cached_property
    def key(self) -> str:
        return word_key(self.typed)

    @cached_property
    def family(self) -> str | None:
        return family_term(self.typed)

    @cached_property
    def probe(self) -> str:
        """A tsquery for the names this word is close to but not the same as (one typo away,
        or the other form of a family name): one GIN probe. Empty when every form of the word
        has fewer than three letters."""
        terms = typo_terms(self.typed) | ({self.family} if self.family else set())
        return any_term_query(terms)

    @property
    def may_be_alike(self) -> bool:
        return len(self.key) >= MIN_TRIGRAM_WORD

    def close(self, col: Columns) -> Sql:
        """The name has a part that is this word, begins with it or is one typo from it."""
        if len(self.key) >= MIN_CONTAINS_KEY:
            found = Sql(
                f"({col.key} LIKE %s AND strpos(' ' || {col.key}, %s) > 0)",
                (f"%{self.key}%", f" {self.key}"),
            )
        else:
            found = Sql(
                f"({col.key} LIKE %s OR {col.key} LIKE %s)", (f"{self.key}%", f"% {self.key}%")
            )
        if self.probe:
            found += Sql(f" OR {col.terms} @@ %s::tsquery", (self.probe,))
        return found.wrapped()

    def alike(self, col: Columns) -> Sql:
        """The name has a part alike by trigrams; the array is computed once and the primary key
        index serves it (an `IN (subquery)` inside an OR is a filter tested row by row)."""
        return Sql(f"{col.pk} = ANY(ARRAY(SELECT {TRIGRAM_FUNCTION}(%s::text)))", (self.key,))

    def close_or_alike(self, col: Columns) -> Sql:
        if not self.may_be_alike:
            return self.close(col)
        return Sql.join(" OR ", [self.close(col), self.alike(col)]).wrapped()

    def _marked(self, *forms: Callable[[str], str]) -> str:
        """A tsquery for any of the word's `forms` as a name's own word."""
        return any_term_query(WORD_MARK + form(self.typed) for form in forms)

    def score(self, col: Columns) -> Sql:
        """What the word adds to the score of a name it matches (0..1), as a CASE."""
        similarity = Sql(f"word_similarity(%s, {col.key})", (self.key,))
        tiers = [
            Sql(
                f"WHEN {col.terms} @@ %s::tsquery THEN %s", (self._marked(exact_form), EXACT_SCORE)
            ),
            Sql(
                f"WHEN {col.terms} @@ %s::tsquery THEN %s",
                (self._marked(accentless_form, word_key), SAME_SCORE),
            ),
            Sql(f"WHEN {col.key} LIKE %s THEN %s", (f"{self.key}%", SURNAME_PREFIX_SCORE)),
            Sql(f"WHEN strpos(' ' || {col.key}, %s) > 0 THEN %s", (f" {self.key}", PREFIX_SCORE)),
        ]
        if self.family:
            tiers.append(
                Sql(
                    f"WHEN {col.terms} @@ %s::tsquery THEN %s",
                    (any_term_query([self.family]), FAMILY_SCORE),
                )
            )
        if self.probe:
            one_typo = Sql(
                f"WHEN {col.terms} @@ %s::tsquery THEN %s + %s * ",
                (self.probe, ONE_TYPO_SCORE, ONE_TYPO_SPREAD),
            )
            tiers.append(one_typo + similarity)
        tiers.append(Sql("ELSE %s * ", (TRIGRAM_SCORE,)) + similarity)
        return Sql("CASE ") + Sql.join(" ", tiers) + Sql(" END")


class _NameSql(Expression):
    """An expression whose SQL is written out from the model's columns. The outer table's
    columns are its source expressions, so Django names them right wherever the query puts the
    table; subqueries read the table under an alias of their own."""

    def __init__(self, words: Sequence[Word], *, model, output_field) -> None:
        super().__init__(output_field=output_field)
        self.words, self.model = tuple(words), model
        self.columns = [F("pk"), F("search_key"), F("search_terms")]

    def get_source_expressions(self) -> list:
        return self.columns

    def set_source_expressions(self, expressions) -> None:
        self.columns = list(expressions)

    def as_sql(self, compiler, connection, **extra_context) -> tuple[str, tuple]:
        outer = Columns(*(compiler.compile(column)[0] for column in self.columns))
        sql = self.render(outer, _Table(self.model, connection.ops.quote_name))
        return sql.text, sql.params

    def render(self, col: Columns, table: _Table) -> Sql:
        raise NotImplementedError


class _Table:
    """The model's table for a subquery: its quoted name and its columns under an alias."""

    ALIAS = "candidate"

    def __init__(self, model, quote) -> None:
        self.name = quote(model._meta.db_table)
        names = (model._meta.pk.column, "search_key", "search_terms")
        self.columns = Columns(*(f"{self.ALIAS}.{quote(name)}" for name in names))

    def ids_where(self, condition: Sql) -> Sql:
        return Sql(f"SELECT {self.columns.pk} FROM {self.name} {self.ALIAS} WHERE ") + condition


class NameMatch(_NameSql):
    """The people whose every word is close; if there are none and a word is long enough, the
    people whose every word is close or alike by trigrams.

    The trigram probe costs more than all the rest of a search (thousands of names share the
    trigrams of "papadopulos"), and what it adds would rank below every close match anyway: it
    is the wider net for two typos in a long name, cast when the close one caught nobody.
    With `always_alike`, each word may be close or alike in one pass (duplicate checks, where a
    near namesake must not hide the one born the same day).
    """

    conditional = True

    def __init__(self, words: Sequence[Word], *, model, always_alike: bool = False) -> None:
        super().__init__(words, model=model, output_field=BooleanField())
        self.always_alike = always_alike

    def render(self, col: Columns, table: _Table) -> Sql:
        if self.always_alike:
            return self._every(Word.close_or_alike, col)
        if not any(word.may_be_alike for word in self.words):
            return self._every(Word.close, col)
        first = table.ids_where(self._every(Word.close, table.columns))
        wide = table.ids_where(self._every(Word.close_or_alike, table.columns))
        # `first` runs once (OFFSET 0 keeps `found` from being folded into the CASE, which
        # would repeat it) and `wide` only when `first` found nobody. COALESCE makes the scalar
        # subquery an array expression: `= ANY(subquery)` would compare with its rows.
        return (
            Sql(f"{col.pk} = ANY(COALESCE((SELECT CASE WHEN cardinality(found.ids) > 0")
            + Sql(" THEN found.ids ELSE ARRAY(")
            + wide
            + Sql(") END FROM (SELECT ARRAY(")
            + first
            + Sql(") AS ids OFFSET 0) AS found), '{}'))")
        )

    def _every(self, condition: Callable[[Word, Columns], Sql], col: Columns) -> Sql:
        return Sql.join(" AND ", (condition(word, col) for word in self.words))


class NameScore(_NameSql):
    """The sum over the words of the query of what each adds to a name's score."""

    def __init__(self, words: Sequence[Word], *, model) -> None:
        super().__init__(words, model=model, output_field=FloatField())

    def render(self, col: Columns, table: _Table) -> Sql:
        return Sql.join(" + ", (word.score(col) for word in self.words)).wrapped()
