"""The clients of the throughput run of `manage.py bench`, run by locust from its own venv.

Not part of the project: it runs under var/loadtest-venv (demo/loadtest/requirements.lock),
from a folder outside the project, so that `import requests` is the PyPI library locust needs,
not the project's app. `manage.py bench` writes what the clients need into a JSON file named by
BENCH_LOADTEST_DATA: the login, the account and its password, the case files and searches.

Each simulated user logs in once (CSRF token from the login form, then the POST), so a run makes
as many logins as users, all successful: far from django-axes' lockout, which counts failures.
When the last user has logged in the statistics start afresh and the run is stopped
DATA["seconds"] later, so that the figures are those of the pages alone, with all users at work.
The users wait for nothing between requests.

    Caseworker  the case files of random people and searches (htmx, as typing in the box), 1:1
    BarePage    the benchmark's bare page (demo.views.bare_page)
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import gevent
from locust import HttpUser, constant, task

DATA = json.loads(Path(os.environ["BENCH_LOADTEST_DATA"]).read_text(encoding="utf-8"))
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_logins = {"done": 0}


class _LoggedIn(HttpUser):
    abstract = True
    wait_time = constant(0)

    def on_start(self) -> None:
        try:
            self._log_in()
        finally:
            _logins["done"] += 1
            if _logins["done"] == self.environment.parsed_options.num_users:
                runner = self.environment.runner
                runner.stats.reset_all()
                gevent.spawn_later(DATA["seconds"], runner.quit)

    def _log_in(self) -> None:
        form = self.client.get(DATA["login_url"], name="login")
        token = CSRF_INPUT.search(form.text)
        with self.client.post(
            DATA["login_url"],
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": DATA["username"],
                "password": DATA["password"],
                "next": "",
            },
            headers={"Referer": self.host + DATA["login_url"]},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:  # a failed login shows the form again (200)
                response.failure(f"login: HTTP {response.status_code}")

    def _page(self, method: str, url: str, name: str, **kwargs) -> None:
        """One page; anything but 200 (a redirect to the login page, say) is a failure."""
        with self.client.request(
            method, url, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")


class Caseworker(_LoggedIn):
    @task
    def case_file(self) -> None:
        self._page("GET", random.choice(DATA["case_files"]), "case_file")

    @task
    def search(self) -> None:
        self._page(
            "POST",
            DATA["search_url"],
            "search",
            data={"q": random.choice(DATA["searches"])},
            headers={"HX-Request": "true", "X-CSRFToken": self.client.cookies.get("csrftoken", "")},
        )


class BarePage(_LoggedIn):
    @task
    def bare_page(self) -> None:
        self._page("GET", DATA["bare_url"], "bare_page")
