"""Contextual help in Indonesian: `{% load pelatihan_bantuan %}{% bantuan_singkat "presensi" %}` renders a short,
collapsible explanation with a link to the full article in the help centre. Other apps may use it too."""

from django import template
from django.template.loader import render_to_string

from kinerja.pelatihan.bantuan import BANTUAN_SINGKAT

register = template.Library()


@register.simple_tag
def bantuan_singkat(kode: str):
    item = BANTUAN_SINGKAT.get(kode)
    if item is None:
        return ""
    ringkasan, teks, slug = item
    return render_to_string("pelatihan/_bantuan_singkat.html", {"ringkasan": ringkasan, "teks": teks, "slug": slug})


@register.filter
def persen_label(value) -> str:
    """A percentage for tables: "—" when it cannot be computed."""
    return "—" if value is None else f"{value}%"


@register.filter
def bar_kelas(value) -> str:
    """CSS width class of a 0–100 bar, in steps of 10 (no inline style under the CSP)."""
    try:
        n = max(0, min(100, int(round(float(value) / 10) * 10)))
    except (TypeError, ValueError):
        n = 0
    return f"w{n}"


@register.filter
def ambil(mapping, key):
    """mapping[key] in a template (None when absent)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None
