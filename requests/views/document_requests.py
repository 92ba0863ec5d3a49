"""WORK IN PROGRESS: a helper replaces this module."""

from django.http import Http404


def docreq_create(request, **kwargs):
    raise Http404


def docreq_detail(request, **kwargs):
    raise Http404


def docreq_pdf(request, **kwargs):
    raise Http404


def docreq_item_receive(request, **kwargs):
    raise Http404


def docreq_cancel(request, **kwargs):
    raise Http404
