from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ dict|get_item:key }}`."""
    return mapping.get(key) if mapping else None


@register.filter
def ulang(text, n):
    """`{{ "· "|ulang:3 }}` → "· · · " (indentation of tree levels in a select)."""
    try:
        return str(text) * int(n)
    except (TypeError, ValueError):
        return ""
