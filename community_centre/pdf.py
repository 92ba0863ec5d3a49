"""Render a template to an A4 PDF in memory with WeasyPrint; no temporary files, no network."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

STATIC_ROOT_URL = (settings.BASE_DIR / "static").as_uri() + "/"


class LocalStaticFetcher(URLFetcher):
    """Fetch only files of the project's static folder; anything else is refused."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"})

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_ROOT_URL) or ".." in url:
            raise ValueError(f"PDF templates may only load project static files, not {url!r}")
        return super().fetch(url, headers)


def render_pdf(template_name: str, context: dict, request: HttpRequest | None = None) -> bytes:
    html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url=STATIC_ROOT_URL, url_fetcher=LocalStaticFetcher())
    return document.write_pdf()


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def warm_up() -> None:
    """Render a one-line PDF so that WeasyPrint loads its fonts before the first real letter
    (the first render of a process costs about 0.3 s more). Called by the WSGI entry point."""
    HTML(string="<p>Κέντρο Κοινότητας</p>", url_fetcher=LocalStaticFetcher()).write_pdf()
