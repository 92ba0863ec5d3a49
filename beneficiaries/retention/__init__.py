"""Retention and anonymisation of case files (GDPR Art. 5(1)(e)).

The periods are `RetentionPolicy` rows the coordinator edits; `manage.py apply_retention`
applies them (`beneficiaries.retention.run`). The case file's own data is anonymised here; the
apps above (requests, referrals, services) add the anonymisation of their records through the
registry (`beneficiaries.retention.registry.register_anonymiser`), filled in their `ready()`.
"""
