"""WORK IN PROGRESS: a helper replaces this module."""

from django.http import Http404


def request_list(request, **kwargs):
    raise Http404


def request_create(request, **kwargs):
    raise Http404


def request_detail(request, **kwargs):
    raise Http404


def request_edit(request, **kwargs):
    raise Http404


def request_move(request, **kwargs):
    raise Http404
