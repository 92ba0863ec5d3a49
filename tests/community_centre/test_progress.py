"""The progress bars of long commands (tqdm, behind `community_centre.progress.ProgressBar`)."""

from __future__ import annotations

from io import StringIO

from django.core.management.base import OutputWrapper

from community_centre.progress import ProgressBar


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_a_finished_bar_shows_the_label_and_the_whole_job():
    stream = StringIO()
    bar = ProgressBar(stream, total=1000, label="Ωφελούμενοι")
    for done in range(0, 1001, 10):
        bar.update(done)
    bar.finish()
    last = stream.getvalue().replace("\r", "\n").strip().splitlines()[-1]
    assert last.startswith("Ωφελούμενοι:")
    assert "100%" in last and "1000/1000" in last


def test_outside_a_terminal_a_long_job_writes_a_few_lines_only():
    stream = StringIO()
    bar = ProgressBar(stream, total=100_000)
    for done in range(0, 100_001, 100):
        bar.update(done)
    bar.finish()
    assert stream.getvalue().count("\r") <= 4


def test_through_django_output_wrapper_the_bar_keeps_one_line():
    stream = Terminal()
    bar = ProgressBar(OutputWrapper(stream), total=3)
    for done in (1, 2, 3):
        bar.update(done)
    bar.finish()
    assert stream.getvalue().count("\n") == 1
    assert "3/3" in stream.getvalue().rsplit("\r", 1)[-1]


def test_running_totals_may_repeat_or_overshoot():
    stream = StringIO()
    bar = ProgressBar(stream, total=10)
    for done in (4, 4, 12):
        bar.update(done)
    bar.finish()
    assert "10/10" in stream.getvalue()


def test_an_empty_job_is_complete():
    stream = StringIO()
    ProgressBar(stream, total=0).finish()
    assert "0/0" in stream.getvalue() or "0it" in stream.getvalue()
