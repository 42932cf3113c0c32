from django import template
from django.utils.safestring import mark_safe

from kinerja.core.slots import render_slot as _render_slot

register = template.Library()


@register.simple_tag(takes_context=True)
def render_slot(context, slot: str, obj):
    """Render every block registered for `slot` (already-escaped template output)."""
    return mark_safe(_render_slot(slot, context.get("request"), obj))  # noqa: S308 - rendered templates
