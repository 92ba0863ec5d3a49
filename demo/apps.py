from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The top of the house: fictional demo data, demo accounts and the benchmark.

    It holds the `seed_demo`, `create_demo_users` and `bench` commands and may import every app;
    no other app imports it.
    """

    name = "demo"
    verbose_name = _("Δεδομένα επίδειξης")
