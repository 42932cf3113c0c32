"""QR codes (segno): SVG for pages, PNG data for PDFs."""

from __future__ import annotations

import io


def qr_svg(data: str, *, scale: int = 4) -> str:
    import segno

    buf = io.BytesIO()
    segno.make(data, error="m").save(buf, kind="svg", scale=scale, xmldecl=False, svgns=True, border=2)
    return buf.getvalue().decode()


def qr_png_data_uri(data: str, *, scale: int = 8) -> str:
    import segno

    return segno.make(data, error="m").png_data_uri(scale=scale, border=2)
