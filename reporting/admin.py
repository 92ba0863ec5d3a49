"""Nothing of the reporting app is in the Django admin. Signed reports are the coordinator's
(signed, re-opened and read on the report screen, /reports/); administrators manage accounts
and reference data and read no report (DESIGN.md §6). The audit trail of sign-offs and
re-openings is django-auditlog's, which the admin lists only for accounts and reference data."""
