"""The refusal of a referral action: Greek messages, by the form field they concern."""

from __future__ import annotations

NON_FIELD = "__all__"


class ReferralError(Exception):
    """A referral action that the rules forbid; `problems` maps form fields (or NON_FIELD) to
    Greek messages, so that a view shows each beside its field. Nothing was saved."""

    def __init__(self, problems: dict[str, str] | str) -> None:
        self.problems = problems if isinstance(problems, dict) else {NON_FIELD: problems}
        super().__init__(" ".join(str(m) for m in self.problems.values()))
