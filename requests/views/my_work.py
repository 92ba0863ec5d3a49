"""WORK IN PROGRESS: a helper replaces this module."""

from django.http import Http404


def my_work(request, **kwargs):
    raise Http404
