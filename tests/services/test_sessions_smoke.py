import pytest
from django.urls import reverse

from tests.beneficiaries.factories import BeneficiaryFactory
from tests.services.factories import CounsellingSessionFactory

pytestmark = pytest.mark.django_db


def test_pages_render(client, social_worker):
    b = BeneficiaryFactory()
    s = CounsellingSessionFactory(beneficiary=b, worker=social_worker)
    client.force_login(social_worker)
    for url in [
        reverse("beneficiaries:detail", args=[b.pk]),
        reverse("services:session_list", args=[b.pk]),
        reverse("services:session_create", args=[b.pk]),
        reverse("services:series_create", args=[b.pk]),
        reverse("services:session_detail", args=[s.pk]),
        reverse("services:session_edit", args=[s.pk]),
        reverse("requests:my_work"),
    ]:
        r = client.get(url)
        assert r.status_code == 200, url
