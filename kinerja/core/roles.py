"""Who is what. Granted roles come from `PeranPengguna`; derived roles (pegawai, atasan, pimpinan OPD) come
from resolvers that the organisasi app registers, so core never imports it.

The result is cached on the user object for the length of one request.
"""

from __future__ import annotations

from collections.abc import Callable

from kinerja.core.models import Peran

RoleResolver = Callable[[object], set[str]]
_resolvers: list[RoleResolver] = []

ROLE_ORDER = [
    Peran.PIMPINAN_DAERAH,
    Peran.ADMIN_BKPSDM,
    Peran.INSPEKTORAT,
    Peran.PIMPINAN_OPD,
    Peran.ATASAN,
    Peran.PEGAWAI,
]


def register_role_resolver(resolver: RoleResolver) -> None:
    if resolver not in _resolvers:
        _resolvers.append(resolver)


def roles_of(user) -> frozenset[str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_kinerja_roles", None)
    if cached is not None:
        return cached
    roles = set(user.peran_set.values_list("peran", flat=True))
    for resolver in _resolvers:
        roles |= resolver(user)
    result = frozenset(roles)
    user._kinerja_roles = result
    return result


def primary_role(user) -> str | None:
    roles = roles_of(user)
    for role in ROLE_ORDER:
        if role in roles:
            return role
    return None


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def forget_roles(user) -> None:
    if hasattr(user, "_kinerja_roles"):
        del user._kinerja_roles
