"""The printed letters embed only the glyphs they use, subset by HarfBuzz (libharfbuzz-subset0):
a letter stays a few kilobytes and is rendered in a fraction of the time fontTools takes."""

from __future__ import annotations

import pytest
from weasyprint.text.ffi import harfbuzz_subset

from requests.actions.information import letter_create
from tests import pdf
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.requests.factories import AssistanceRequestFactory, InformationRequestFactory

pytestmark = pytest.mark.django_db

# The DejaVu fonts the letters use are 350–760 KB each when whole.
SMALLEST_WHOLE_FONT = 350_000


def embedded_font_files(content: bytes) -> dict[str, int]:
    """The size of each font file embedded in the first page, by font name."""
    reader = pdf.read(content)
    sizes = {}
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        file = next(
            descriptor[key]
            for key in ("/FontFile2", "/FontFile3", "/FontFile")
            if key in descriptor
        )
        sizes[str(font["/BaseFont"])] = len(file.get_object().get_data())
    return sizes


def test_harfbuzz_subset_is_installed():
    assert harfbuzz_subset is not None, "apt-get install libharfbuzz-subset0 (see README)"


def test_the_letter_embeds_subsets_of_its_fonts(social_worker):
    person = BeneficiaryFactory(assigned_worker=social_worker)
    AssistanceRequestFactory(beneficiary=person, assigned_worker=social_worker)
    information = InformationRequestFactory(beneficiary=person, recorded_by=social_worker)
    letter = letter_create(information_request=information, actor=social_worker)
    with letter.pdf.open("rb") as stored:
        sizes = embedded_font_files(stored.read())
    assert sizes
    for name, size in sizes.items():
        assert size < SMALLEST_WHOLE_FONT / 5, f"{name}: {size} bytes, the whole font?"
