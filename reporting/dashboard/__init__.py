"""The coordinator's dashboard (issue 11, item 6): counts only, never a person.

- `headline`: this month to date against the same days of last month and of the same month last
  year (participants served, new registrations, requests, information requests, referrals,
  applications, sessions, event attendance).
- `deadlines`: items at risk — overdue or due soon — per kind, by the rules of «Η εργασία μου».
- `workload`: per active caseworker, what is on their desk and the sessions they held.
- `trends`: requests received by category over the last twelve calendar months.

Each reads a fixed number of SQL aggregates whatever the data (tests/reporting/
test_dashboard_queries.py pins the page's count).
"""
