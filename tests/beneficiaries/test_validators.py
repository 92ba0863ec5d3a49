"""The public contract of `beneficiaries.validators`: ValidationError for an invalid AMKA or ΑΦΜ,
None for a valid one (examples from the domain notes on Greek identifiers)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum import luhn

from beneficiaries.validators import validate_afm, validate_amka
from demo.identifiers import make_afm, make_amka


@pytest.mark.parametrize("amka", ["01013099997", "15058512318", "010130 9999 7", "01.01.30-99997"])
def test_a_valid_amka_passes(amka):
    assert validate_amka(amka) is None


@pytest.mark.parametrize(
    ("amka", "code"),
    [
        ("01013099999", "amka_checksum"),  # wrong check digit
        ("32018512346", "amka_date"),  # day 32, Luhn passes
        ("29029012340", "amka_date"),  # 29/02/1990 did not exist
        ("31048512342", "amka_date"),  # nor 31/04/1985
        ("0101309999", "amka_length"),
        ("010130999970", "amka_length"),
        ("0101309999A", "amka_length"),
        ("", "amka_length"),
    ],
)
def test_an_invalid_amka_is_rejected_with_its_reason(amka, code):
    with pytest.raises(ValidationError) as error:
        validate_amka(amka)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("validate", "value", "code"),
    [
        (validate_amka, "٠١٠١٣٠٩٩٩٩٧", "amka_length"),  # Arabic-Indic digits
        (validate_amka, "０１０１３０９９９９７", "amka_length"),  # fullwidth digits
        (validate_afm, "٠٩٤٢٥٩٢١٦", "afm_length"),
        # stdnum would fold these to 094259216, but they are not what the register stores
        (validate_afm, "０９４２５９２１６", "afm_length"),
    ],
)
def test_digits_of_other_scripts_are_rejected(validate, value, code):
    with pytest.raises(ValidationError) as error:
        validate(value)
    assert error.value.code == code


def test_a_valid_amka_of_a_leap_day_passes():
    assert validate_amka("29029212346") is None


def test_the_amka_examples_have_the_luhn_property_the_notes_claim():
    assert luhn.is_valid("32018512346")  # so the date check, not Luhn, must reject it


@pytest.mark.parametrize("afm", ["094259216", "EL094259216", "GR094259216", "094 259 216"])
def test_a_valid_afm_passes(afm):
    assert validate_afm(afm) is None


@pytest.mark.parametrize(
    ("afm", "code"),
    [
        ("123456781", "afm_checksum"),
        ("094259217", "afm_checksum"),
        ("000000000", "afm_checksum"),  # the check digit "works" but it is no tax number
        ("09425921", "afm_length"),  # 8 digits
        ("0942592160", "afm_length"),  # 10 digits (django-localflavor wrongly accepts these)
        ("EL09425921", "afm_length"),
        ("ΑΒ0942592", "afm_length"),
        ("", "afm_length"),
    ],
)
def test_an_invalid_afm_is_rejected_with_its_reason(afm, code):
    with pytest.raises(ValidationError) as error:
        validate_afm(afm)
    assert error.value.code == code


# --- properties ---------------------------------------------------------------------------------

dates_of_birth = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@given(date_of_birth=dates_of_birth, serial=st.integers(min_value=0, max_value=10**9))
def test_make_amka_always_makes_a_valid_amka_of_that_date(date_of_birth, serial):
    amka = make_amka(date_of_birth, serial)
    assert validate_amka(amka) is None
    assert amka[:6] == date_of_birth.strftime("%d%m%y")


@given(date_of_birth=dates_of_birth, serial=st.integers(0, 9999), wrong=st.integers(1, 9))
def test_an_amka_with_a_wrong_check_digit_is_rejected(date_of_birth, serial, wrong):
    valid = make_amka(date_of_birth, serial)
    invalid = valid[:-1] + str((int(valid[-1]) + wrong) % 10)
    with pytest.raises(ValidationError):
        validate_amka(invalid)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_any_eleven_digits_failing_luhn_are_rejected(number):
    assume(not luhn.is_valid(number))
    with pytest.raises(ValidationError):
        validate_amka(number)


@given(st.text(alphabet="0123456789").filter(lambda s: len(s) != 11))
def test_any_other_number_of_digits_is_not_an_amka(number):
    with pytest.raises(ValidationError):
        validate_amka(number)


@given(st.integers(min_value=0, max_value=10**10))
def test_make_afm_always_makes_a_valid_afm(serial):
    afm = make_afm(serial)
    assert len(afm) == 9
    assert validate_afm(afm) is None
    assert validate_afm(f"EL{afm}") is None


@given(serial=st.integers(min_value=0, max_value=10**8), wrong=st.integers(1, 9))
def test_an_afm_with_a_wrong_check_digit_is_rejected(serial, wrong):
    valid = make_afm(serial)
    invalid = valid[:-1] + str((int(valid[-1]) + wrong) % 10)
    with pytest.raises(ValidationError):
        validate_afm(invalid)


@given(st.text(alphabet="0123456789").filter(lambda s: len(s) != 9))
def test_any_other_number_of_digits_is_not_an_afm(number):
    with pytest.raises(ValidationError):
        validate_afm(number)


@given(st.text())
def test_any_text_is_either_valid_or_a_validation_error(value):
    for validate in (validate_amka, validate_afm):
        try:
            assert validate(value) is None
        except ValidationError as error:
            assert error.code
