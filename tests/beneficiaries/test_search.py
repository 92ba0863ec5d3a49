"""`Beneficiary.objects.search(query)`: one box finds people by any spelling of their name, with
small typos and in any order, or by AMKA, ΑΦΜ, phone and Ε.Π.Σ. number — in PostgreSQL, on indexes.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from faker.providers.person.el_GR import Provider as GreekNames
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beneficiaries.models import Beneficiary
from beneficiaries.name_search import STRICT_WORD_SIMILARITY
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import captured_queries

pytestmark = pytest.mark.django_db

# The register of the tests: (surname, given name) -> extra fields.
PEOPLE = {
    ("Παπαδόπουλος", "Γιώργος"): {
        "amka": "01013099997",
        "afm": "094259216",
        "phone_mobile": "+306912345678",
        "eps_number": "ΕΠΣ-2024/0153",
    },
    ("Παπαδόπουλος", "Γεώργιος"): {"phone_other": "+302237012345"},
    ("Παπαδοπούλου", "Μαρία"): {"amka": "15058512318", "eps_number": "KK-7701"},
    ("Παπαδογιάννης", "Σπύρος"): {},
    ("Παπαδάκης", "Ιωάννης"): {},
    ("Νικολάου", "Χριστίνα"): {"phone_mobile": "+306977000111"},
    ("Ζαχαρίου", "Ευάγγελος"): {},
    ("Θεοδωρόπουλος", "Κωνσταντίνος"): {},
    ("Ψαρρός", "Γιάννης"): {},
    ("Οικονόμου", "Ζωή"): {},
    ("Μαυρίδης", "Αθανάσιος"): {},
    ("Αναστασίου", "Άννα"): {},
    ("Ανάγνου", "Πέτρος"): {},
    ("Ανδρέου", "Αναστασία"): {},
}


@pytest.fixture
def register() -> dict[str, Beneficiary]:
    """The people above, keyed by 'Surname Given'."""
    people = {}
    for (surname, given_name), extra in PEOPLE.items():
        fields = {"amka": None, "afm": None, **extra}
        person = BeneficiaryFactory(surname=surname, given_name=given_name, **fields)
        people[f"{surname} {given_name}"] = person
    return people


def names(queryset) -> list[str]:
    return [f"{b.surname} {b.given_name}" for b in queryset]


# (query, the person expected first)
FINDS_FIRST = [
    ("Παπαδόπουλος Γιώργος", "Παπαδόπουλος Γιώργος"),
    ("Γιώργος Παπαδόπουλος", "Παπαδόπουλος Γιώργος"),
    ("ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΙΩΡΓΟΣ", "Παπαδόπουλος Γιώργος"),
    ("παπαδοπουλος γιωργος", "Παπαδόπουλος Γιώργος"),
    ("παπαδοπουλοσ γιωργοσ", "Παπαδόπουλος Γιώργος"),
    ("papadopoulos giorgos", "Παπαδόπουλος Γιώργος"),
    ("giorgos papadopoulos", "Παπαδόπουλος Γιώργος"),
    ("Παπαδόπουλο Γιώργο", "Παπαδόπουλος Γιώργος"),  # a letter missing from each
    ("papadopolos giorgos", "Παπαδόπουλος Γιώργος"),  # a letter wrong
    ("Παπαδόπουλος, Γιώργος", "Παπαδόπουλος Γιώργος"),
    ("georgios papadopoulos", "Παπαδόπουλος Γεώργιος"),
    ("Παπαδοπούλου", "Παπαδοπούλου Μαρία"),
    ("papadopoulou maria", "Παπαδοπούλου Μαρία"),
    ("Giorgos", "Παπαδόπουλος Γιώργος"),
    ("Γιώργος", "Παπαδόπουλος Γιώργος"),
    ("yiannis", "Ψαρρός Γιάννης"),
    ("giannis psarros", "Ψαρρός Γιάννης"),
    ("Ψαρρός", "Ψαρρός Γιάννης"),
    ("psaros", "Ψαρρός Γιάννης"),
    ("Χριστίνα", "Νικολάου Χριστίνα"),
    ("christina", "Νικολάου Χριστίνα"),
    ("xristina nikolaou", "Νικολάου Χριστίνα"),
    ("Θεοδωρόπουλος", "Θεοδωρόπουλος Κωνσταντίνος"),
    ("theodoropoulos", "Θεοδωρόπουλος Κωνσταντίνος"),
    ("theodoropoulos konstantinos", "Θεοδωρόπουλος Κωνσταντίνος"),
    ("Θεοδορόπουλος Κωνσταντίος", "Θεοδωρόπουλος Κωνσταντίνος"),  # typos in both words
    ("Ευάγγελος", "Ζαχαρίου Ευάγγελος"),
    ("evangelos", "Ζαχαρίου Ευάγγελος"),
    ("Ζαχαρίου", "Ζαχαρίου Ευάγγελος"),
    ("zachariou", "Ζαχαρίου Ευάγγελος"),
    ("zaxariou", "Ζαχαρίου Ευάγγελος"),
    ("zahariou", "Ζαχαρίου Ευάγγελος"),
    ("ζαχαριου", "Ζαχαρίου Ευάγγελος"),
    ("Ζαχαρίυο", "Ζαχαρίου Ευάγγελος"),  # two letters swapped
    ("Ζωή", "Οικονόμου Ζωή"),
    ("zoi oikonomou", "Οικονόμου Ζωή"),
    ("ikonomou", "Οικονόμου Ζωή"),
    ("Μαυρίδης", "Μαυρίδης Αθανάσιος"),
    ("mavridis", "Μαυρίδης Αθανάσιος"),
    ("athanasios mauridis", "Μαυρίδης Αθανάσιος"),
]


@pytest.mark.parametrize(("query", "expected"), FINDS_FIRST, ids=[q for q, _ in FINDS_FIRST])
def test_it_finds_a_person_by_any_spelling_of_their_name_first(register, query, expected):
    assert names(Beneficiary.objects.search(query))[:1] == [expected]


# (query, people it must not return)
NEVER_FINDS = [
    ("Παπαδόπουλος", ["Νικολάου Χριστίνα", "Παπαδάκης Ιωάννης", "Παπαδογιάννης Σπύρος"]),
    ("papadopoulos", ["Νικολάου Χριστίνα", "Παπαδάκης Ιωάννης", "Ψαρρός Γιάννης"]),
    ("Νικολάου", ["Παπαδόπουλος Γιώργος", "Παπαδοπούλου Μαρία"]),
    ("Ζαχαρίου", ["Παπαδόπουλος Γιώργος", "Νικολάου Χριστίνα"]),
    ("Γιώργος Παπαδόπουλος", ["Παπαδοπούλου Μαρία", "Ψαρρός Γιάννης"]),
    ("Θεοδωρόπουλος", ["Παπαδόπουλος Γιώργος", "Παπαδόπουλος Γεώργιος"]),
    ("Χριστίνα", ["Παπαδόπουλος Γιώργος", "Ψαρρός Γιάννης"]),
]


@pytest.mark.parametrize(("query", "unrelated"), NEVER_FINDS, ids=[q for q, _ in NEVER_FINDS])
def test_it_does_not_return_unrelated_names(register, query, unrelated):
    found = names(Beneficiary.objects.search(query))
    assert found, "the query should find someone"
    assert not set(found) & set(unrelated)


@pytest.mark.parametrize("query", ["Παπαδόπουλος", "papadopoulos", "ΠΑΠΑΔΟΠΟΥΛΟΣ"])
def test_exact_matches_rank_above_fuzzy_ones(register, query):
    found = names(Beneficiary.objects.search(query))
    assert found == ["Παπαδόπουλος Γεώργιος", "Παπαδόπουλος Γιώργος", "Παπαδοπούλου Μαρία"]


def test_name_parts_in_either_order_give_the_same_results(register):
    forwards = names(Beneficiary.objects.search("Παπαδόπουλος Γιώργος"))
    backwards = names(Beneficiary.objects.search("Γιώργος Παπαδόπουλος"))
    assert forwards == backwards
    assert forwards[0] == "Παπαδόπουλος Γιώργος"


def test_every_word_of_the_query_must_match(register):
    assert names(Beneficiary.objects.search("Παπαδόπουλος Χριστίνα")) == []


def test_results_carry_a_match_score_best_first(register):
    scores = [b.match_score for b in Beneficiary.objects.search("Παπαδόπουλος Γιώργος")]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == pytest.approx(2.0)


PAPADOPOULOI = {"Παπαδόπουλος Γιώργος", "Παπαδόπουλος Γεώργιος", "Παπαδοπούλου Μαρία"}


@pytest.mark.parametrize(
    ("query", "finds", "misses"),
    [
        ("Πα", PAPADOPOULOI | {"Παπαδάκης Ιωάννης"}, {"Νικολάου Χριστίνα", "Ψαρρός Γιάννης"}),
        ("pa", PAPADOPOULOI, {"Νικολάου Χριστίνα", "Ψαρρός Γιάννης"}),
        ("Ψα", {"Ψαρρός Γιάννης"}, PAPADOPOULOI),
        ("Παπαδ", PAPADOPOULOI, {"Νικολάου Χριστίνα"}),
        ("Παπαδόπουλος Γ", PAPADOPOULOI - {"Παπαδοπούλου Μαρία"}, {"Παπαδοπούλου Μαρία"}),
        ("Νικ Χρ", {"Νικολάου Χριστίνα"}, PAPADOPOULOI),
    ],
)
def test_short_words_match_the_start_of_a_name_part(register, query, finds, misses):
    found = set(names(Beneficiary.objects.search(query)))
    assert finds <= found
    assert not found & misses


@pytest.mark.parametrize("query", ["Άννα", "ΑΝΝΑ", "anna", "Ana"])
def test_a_short_name_ranks_whole_names_then_surnames_then_other_names_that_begin_so(
    register, query
):
    found = names(Beneficiary.objects.search(query))
    assert found == ["Αναστασίου Άννα", "Ανάγνου Πέτρος", "Ανδρέου Αναστασία"]


@pytest.mark.parametrize("query", ["", "   ", "Π", "p", "-", "Γ Π", "!!!", "%", "_", "%%__%%"])
def test_empty_or_one_letter_queries_find_nobody(register, query):
    assert list(Beneficiary.objects.search(query)) == []


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE beneficiaries_beneficiary; --",
        "' OR '1'='1",
        "Παπαδόπουλος' OR 1=1 --",
        'Παπαδόπουλος"; SELECT pg_sleep(5); --',
        "\\",
        "\x00",
        "Παπαδόπουλος\x00Γιώργος",
        "%' AND search_key LIKE '%",
        "(){}[]<>!@#$%^&*+=|~`",
        "🙂 Παπαδόπουλος 🙂",
        "Παπαδόπουλος " * 500,
        "1" * 5000,
        "EL" + "9" * 50,
        "+30 " + "6" * 40,
    ],
)
def test_hostile_or_odd_queries_neither_fail_nor_leak(register, query):
    found = names(Beneficiary.objects.search(query))
    assert "Νικολάου Χριστίνα" not in found
    assert Beneficiary.objects.count() == len(PEOPLE)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=120))
def test_any_text_is_a_valid_query(register, query):
    results = list(Beneficiary.objects.search(query)[:5])
    assert all(isinstance(person, Beneficiary) for person in results)


# Two typos in a long name: neither the same word, nor its beginning, nor one typo away; only
# the trigram probe finds it (strict word similarity 0.56), at the threshold of its function.
TWO_TYPOS = "Θεοδωρόπουκπς"


def _trigram_settings() -> tuple[float, float]:
    with connection.cursor() as cursor:
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        (word,) = cursor.fetchone()
        cursor.execute("SHOW pg_trgm.strict_word_similarity_threshold")
        (strict,) = cursor.fetchone()
    return float(word), float(strict)


def test_connections_carry_no_trigram_settings_a_pooler_would_drop():
    assert "options" not in connection.settings_dict["OPTIONS"]


def test_it_finds_typos_with_the_server_default_trigram_thresholds(register):
    assert names(Beneficiary.objects.search("papadopoulos"))  # pg_trgm is loaded in this session
    with connection.cursor() as cursor:
        cursor.execute("RESET pg_trgm.word_similarity_threshold")
        cursor.execute("RESET pg_trgm.similarity_threshold")
        cursor.execute("RESET pg_trgm.strict_word_similarity_threshold")
    assert _trigram_settings() == (0.6, 0.5)  # PostgreSQL's defaults, as behind pgbouncer
    assert names(Beneficiary.objects.search(TWO_TYPOS))[:1] == ["Θεοδωρόπουλος Κωνσταντίνος"]
    assert names(Beneficiary.objects.search("Ψερρός"))[:1] == ["Ψαρρός Γιάννης"]
    assert names(Beneficiary.objects.search("Ζαχαρίυο"))[:1] == ["Ζαχαρίου Ευάγγελος"]


@pytest.mark.django_db(transaction=True)
def test_the_first_search_of_a_new_connection_finds_typos(register):
    """A new server session has not loaded pg_trgm yet: the function's SET still applies."""
    connection.close()
    assert names(Beneficiary.objects.search(TWO_TYPOS))[:1] == ["Θεοδωρόπουλος Κωνσταντίνος"]


def test_the_trigram_threshold_is_the_search_function_s_own_and_restored_after(register):
    with connection.cursor() as cursor:
        cursor.execute("SET pg_trgm.word_similarity_threshold = 0.95")
        cursor.execute("SET pg_trgm.strict_word_similarity_threshold = 0.95")
    assert names(Beneficiary.objects.search(TWO_TYPOS))[:1] == ["Θεοδωρόπουλος Κωνσταντίνος"]
    assert _trigram_settings() == (0.95, 0.95)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM beneficiary_ids_like_word('theodoropukps')")
        (found,) = cursor.fetchone()
    assert found == 1
    assert STRICT_WORD_SIMILARITY == 0.5  # the value migration 0006 puts in the function


def test_a_search_is_one_sql_query(register):
    with captured_queries() as queries:
        assert names(Beneficiary.objects.search("papadopoulos giorgos"))
    assert len(queries) == 1


# --- identifiers ------------------------------------------------------------------------------

# (query, the people it finds, in order)
IDENTIFIERS = [
    ("01013099997", ["Παπαδόπουλος Γιώργος"]),
    ("010130 9999 7", ["Παπαδόπουλος Γιώργος"]),
    ("01.01.30.99997", ["Παπαδόπουλος Γιώργος"]),
    ("15058512318", ["Παπαδοπούλου Μαρία"]),
    ("150585", ["Παπαδοπούλου Μαρία"]),  # the date part of an AMKA
    ("094259216", ["Παπαδόπουλος Γιώργος"]),
    ("EL094259216", ["Παπαδόπουλος Γιώργος"]),
    ("el 094 259 216", ["Παπαδόπουλος Γιώργος"]),
    ("GR094259216", ["Παπαδόπουλος Γιώργος"]),
    ("6912345678", ["Παπαδόπουλος Γιώργος"]),
    ("691 234 5678", ["Παπαδόπουλος Γιώργος"]),
    ("+30 691 234 5678", ["Παπαδόπουλος Γιώργος"]),
    ("0030 6912345678", ["Παπαδόπουλος Γιώργος"]),
    ("+306912345678", ["Παπαδόπουλος Γιώργος"]),
    ("2237 0 12345", ["Παπαδόπουλος Γεώργιος"]),
    ("2237012345", ["Παπαδόπουλος Γεώργιος"]),
    ("697 700 0111", ["Νικολάου Χριστίνα"]),
    ("ΕΠΣ-2024/0153", ["Παπαδόπουλος Γιώργος"]),
    ("επσ-2024/0153", ["Παπαδόπουλος Γιώργος"]),
    ("  επσ-2024/0153  ", ["Παπαδόπουλος Γιώργος"]),
    ("kk-7701", ["Παπαδοπούλου Μαρία"]),
    ("01013099999", []),  # wrong check digit: nobody has it
    ("6900000000", []),
    ("094259217", []),
    ("123", []),
]


@pytest.mark.parametrize(("query", "expected"), IDENTIFIERS, ids=[q for q, _ in IDENTIFIERS])
def test_it_finds_people_by_amka_afm_phone_and_eps_number(register, query, expected):
    assert names(Beneficiary.objects.search(query)) == expected


def test_the_date_part_of_an_amka_finds_everyone_born_that_day_but_the_whole_only_one(register):
    BeneficiaryFactory(
        surname="Άλφα",
        given_name="Άννα",
        amka="01013012348",
        afm=None,
        date_of_birth=dt.date(1930, 1, 1),
    )
    assert names(Beneficiary.objects.search("0101309999 7")) == ["Παπαδόπουλος Γιώργος"]
    assert names(Beneficiary.objects.search("010130")) == ["Άλφα Άννα", "Παπαδόπουλος Γιώργος"]


# --- on indexes, in PostgreSQL ----------------------------------------------------------------

LARGE_REGISTER = 20_000


@pytest.fixture
def large_register() -> int:
    """Faker's Greek names (every 500th a Παπαδόπουλος), analysed.

    On a few thousand rows the planner rightly scans a common name like "Θεοδωρόπουλος" (a tenth
    of Faker's surnames end in -όπουλος) sequentially; by twenty thousand it takes the index.
    """
    rng = random.Random(7)
    people = []
    for n in range(LARGE_REGISTER):
        male = n % 2 == 0
        surnames = GreekNames.last_names_male if male else GreekNames.last_names_female
        given_names = GreekNames.first_names_male if male else GreekNames.first_names_female
        person = Beneficiary(
            surname="Παπαδόπουλος" if n % 500 == 0 else rng.choice(surnames),
            given_name=rng.choice(given_names),
            sex="male" if male else "female",
            date_of_birth=dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(25_000)),
        )
        person.fill_search_fields()
        people.append(person)
    Beneficiary.objects.bulk_create(people, batch_size=2000)
    analyse()
    return len(people)


def analyse() -> None:
    """What (auto)vacuum does after a bulk insert; VACUUM itself cannot run in a test transaction.

    Until the GIN pending list is merged into the index, every probe scans that list too, and the
    planner rightly prices the index above a sequential scan of a few thousand rows.
    """
    with connection.cursor() as cursor:
        for index in ("beneficiary_name_trgm", "beneficiary_name_terms"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE beneficiaries_beneficiary")


def test_searches_on_a_large_register_use_the_indexes(large_register, register):
    analyse()
    for query, index in [
        ("Παπαδόπουλος", "beneficiary_name_trgm"),
        ("papadopoulos giorgos", "beneficiary_name_trgm"),
        ("Θεοδορόπουλος", "beneficiary_name_trgm"),
        ("Πα", "beneficiary_name_trgm"),
        ("01013099997", "beneficiary_amka"),  # the unique constraint's index or the prefix one
        ("010130", "beneficiary_amka_prefix"),
        ("6912345678", "beneficiary_phone_mobile"),
        ("επσ-2024/0153", "beneficiary_eps_number"),
    ]:
        plan = Beneficiary.objects.search(query).explain()
        assert index in plan, f"{query}: {plan}"
        assert "Seq Scan" not in plan, f"{query}: {plan}"
    found = names(Beneficiary.objects.search("Παπαδόπουλος")[:40])
    assert len(found) == 40
    assert all(name.startswith("Παπαδόπουλος ") for name in found)
