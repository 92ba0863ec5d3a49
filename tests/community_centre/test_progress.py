"""The text progress bar of long commands."""

from __future__ import annotations

from io import StringIO

from django.core.management.base import OutputWrapper

from community_centre.progress import ProgressBar


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_it_draws_the_share_done():
    bar = ProgressBar(StringIO(), total=100_000, width=10)
    assert bar.render(50_000) == "[#####.....]  50% 50000/100000"
    assert bar.render(100_000) == "[##########] 100% 100000/100000"


def test_outside_a_terminal_it_writes_a_line_every_tenth():
    stream = StringIO()
    bar = ProgressBar(stream, total=1000, label="Ωφελούμενοι")
    for done in range(0, 1001, 10):
        bar.update(done)
    bar.finish()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11
    assert lines[-1].startswith("Ωφελούμενοι [")
    assert lines[-1].endswith("100% 1000/1000")


def test_on_a_terminal_it_redraws_one_line():
    stream = Terminal()
    bar = ProgressBar(OutputWrapper(stream), total=3, width=3)
    for done in (1, 2, 3):
        bar.update(done)
    bar.finish()
    assert stream.getvalue().count("\n") == 1
    assert stream.getvalue().count("\r") == 4
    assert stream.getvalue().endswith("[###] 100% 3/3\n")


def test_an_empty_job_is_complete():
    stream = StringIO()
    ProgressBar(stream, total=0).finish()
    assert "100% 0/0" in stream.getvalue()
