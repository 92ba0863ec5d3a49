"""WORK IN PROGRESS: a helper replaces this module."""

from django.http import Http404


def letter_for_request(request, **kwargs):
    raise Http404


def information_create(request, **kwargs):
    raise Http404


def information_detail(request, **kwargs):
    raise Http404


def letter_create(request, **kwargs):
    raise Http404


def letter_pdf(request, **kwargs):
    raise Http404


def letter_deliver(request, **kwargs):
    raise Http404
