"""Template filters of penilaian: labels of ratings and predikat, dict lookups."""

from django import template

from kinerja.penilaian import rules

register = template.Library()


@register.filter
def rating_label(value) -> str:
    r = rules.parse_rating(value) if value else None
    return rules.RATING_LABEL[r] if r else ""


@register.filter
def predikat_label(value) -> str:
    try:
        return rules.PREDIKAT_LABEL[rules.Predikat(str(value))] if value else ""
    except ValueError:
        return ""


@register.filter
def predikat_org_label(value) -> str:
    try:
        return rules.PREDIKAT_ORGANISASI_LABEL[rules.PredikatOrganisasi(str(value))] if value else ""
    except ValueError:
        return ""


@register.filter
def get(mapping, key):
    """`mapping|get:key` for dicts in templates (missing key: empty string)."""
    if mapping is None:
        return ""
    try:
        return mapping.get(key, mapping.get(str(key), ""))
    except AttributeError:
        return ""
