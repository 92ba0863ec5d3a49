"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community_centre.settings")
application = get_wsgi_application()

from community_centre.pdf import warm_up  # noqa: E402 - needs the configured settings

warm_up()
