"""PDF documents (SKP, evaluation, posters, certificates) rendered from templates by WeasyPrint."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    from weasyprint import HTML  # imported lazily: it loads system libraries

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(data: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    disposition = "inline" if inline else "attachment"
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
