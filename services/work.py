"""What the services app adds to «My work» (requests.work.register_work_section): the desk
tools of benefit applications, for now the ΕΕΕ screening calculator. No query, no person."""

from __future__ import annotations

from datetime import date

from community_centre.permissions import EEE_CALCULATOR
from requests.work import WorkSectionContent


def desk_tools(*, user, worker, today: date) -> WorkSectionContent:
    return WorkSectionContent(
        context={"can_screen_eee": user.has_perm(EEE_CALCULATOR)}, people=set()
    )
