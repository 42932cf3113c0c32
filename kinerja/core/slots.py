"""Slots: a page of a lower app shows blocks that higher apps provide, without importing them.

Example: the SKP page (perencanaan) has a slot "skp_detail"; laporan registers a block there that shows the
realisasi from approved daily reports. In the template: `{% load kinerja_slots %}{% render_slot "skp_detail" skp %}`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class SlotBlock:
    key: str
    template: str
    context: Callable[[object, object], dict | None]  # (request, obj) -> context, or None to skip
    order: int = 100


_slots: dict[str, dict[str, SlotBlock]] = {}


def register_slot(slot: str, block: SlotBlock) -> None:
    _slots.setdefault(slot, {})[block.key] = block


def render_slot(slot: str, request, obj) -> str:
    parts = []
    for block in sorted(_slots.get(slot, {}).values(), key=lambda b: b.order):
        ctx = block.context(request, obj)
        if ctx is not None:
            parts.append(render_to_string(block.template, {**ctx, "obj": obj}, request=request))
    return "".join(parts)
