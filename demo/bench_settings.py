"""The settings of the benchmark's gunicorn (`manage.py bench`, its throughput run).

The project's own settings, read from the same environment, with two changes only: the URLconf
that adds the bare page (`demo.bench_urls`) and the benchmark's database on the same server,
named by BENCH_DATABASE_NAME.
"""

import os

from community_centre.settings import *  # noqa: F403
from community_centre.settings import DATABASES

ROOT_URLCONF = "demo.bench_urls"
DATABASES["default"]["NAME"] = os.environ["BENCH_DATABASE_NAME"]
