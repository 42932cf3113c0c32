"""Role-aware navigation and home-page panels. Apps register their entries in `wiring.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from kinerja.core.roles import roles_of


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: every signed-in user
    order: int = 100
    help: str = ""


@dataclass(frozen=True)
class HomePanel:
    """A block on the home page: `template` rendered with `context(request)` for users with one of `roles`."""

    key: str
    template: str
    context: Callable[[object], dict]
    roles: frozenset[str] = field(default_factory=frozenset)
    order: int = 100


_nav: dict[str, NavItem] = {}
_panels: dict[str, HomePanel] = {}


def register_nav(item: NavItem) -> None:
    _nav[item.key] = item


def register_panel(panel: HomePanel) -> None:
    _panels[panel.key] = panel


def _visible(roles_needed: frozenset[str], roles: frozenset[str]) -> bool:
    return not roles_needed or bool(roles_needed & roles)


def nav_for(user) -> list[dict]:
    roles = roles_of(user)
    items = []
    for item in sorted(_nav.values(), key=lambda i: (i.order, i.label)):
        if not _visible(item.roles, roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # pragma: no cover - a misconfigured entry must not break every page
            continue
        items.append({"key": item.key, "label": item.label, "url": url, "help": item.help})
    return items


def panels_for(request) -> list[dict]:
    roles = roles_of(request.user)
    out = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        if _visible(panel.roles, roles):
            out.append({"key": panel.key, "template": panel.template, "context": panel.context(request)})
    return out
