import pytest
from pathlib import Path
from django.urls import reverse
import io, zipfile
from tests.beneficiaries.subject_access_data import full_file
pytestmark = pytest.mark.django_db

def test_q(client, coordinator, social_worker):
    p = full_file("Αλφα", social_worker, requests=2)
    client.force_login(coordinator)
    r = client.post(reverse("beneficiaries:subject_access_export", args=[p.pk]), {"requested_on": "05/11/2026", "channel": "letter"})
    z = zipfile.ZipFile(io.BytesIO(r.content))
    Path("var/sa.pdf").write_bytes(z.read([n for n in z.namelist() if n.endswith(".pdf") and "/" not in n][0]))
