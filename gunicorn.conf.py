"""gunicorn's production settings: `gunicorn -c gunicorn.conf.py` from the project folder.

The address, the number of workers and the timeout come from the environment (README.md,
.env.example); the rest is fixed here because it protects the data.
"""

import os

wsgi_app = "community_centre.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout

# Searches put names, AMKA and ΑΦΜ in the query string, so the access log has the path alone
# (%(U)s), never the request line (%(r)s), the query (%(q)s) or the referrer (%(f)s).
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms %(p)s'

# Every URL of the site fits well in 4 KB; 50 headers of up to 8 KB are more than browsers send.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
