"""The URLconf of `manage.py bench`: the site's URLs and the bare page beside them."""

from django.urls import path

from community_centre.urls import handler500
from community_centre.urls import urlpatterns as site_urlpatterns
from demo.views import bare_page

BARE_PAGE_NAME = "bench_bare_page"

urlpatterns = [
    path("bench/bare/", bare_page, name=BARE_PAGE_NAME),
    *site_urlpatterns,
]

__all__ = ["handler500", "urlpatterns"]
