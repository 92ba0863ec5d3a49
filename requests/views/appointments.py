"""WORK IN PROGRESS: a helper replaces this module."""

from django.http import Http404


def appointment_create(request, **kwargs):
    raise Http404


def appointment_mark(request, **kwargs):
    raise Http404


def agenda(request, **kwargs):
    raise Http404


def agenda_pdf(request, **kwargs):
    raise Http404
