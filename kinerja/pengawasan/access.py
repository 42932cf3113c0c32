"""What an account may see in pengawasan, computed once per request on top of organisasi.access.Scope.

- pimpinan daerah, admin BKPSDM, Inspektorat: every unit of the instansi (aggregates); individual pegawai only as
  organisasi's scope allows (admin and Inspektorat: all; pimpinan daerah: nobody unless also their atasan);
- pimpinan OPD: their OPD with everything below it, and its pegawai;
- a head of a unit (kepala puskesmas, kepala bidang …): that unit with everything below it;
- any atasan: their team (everyone below the positions they hold), as a team view;
- pegawai: themself.
Integrity anomalies and the verification sample are for Inspektorat only. Objects outside the scope are 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from kinerja.core.models import Peran
from kinerja.core.roles import roles_of
from kinerja.organisasi.access import Scope, scope_for


@dataclass
class ScopePengawasan:
    base: Scope
    roles: frozenset[str]
    semua_unit: bool = False
    akar: list[tuple[int, str]] = field(default_factory=list)  # (unit id, path) of visible subtrees

    @property
    def instansi_id(self) -> int | None:
        return self.base.instansi_id

    @property
    def inspektorat(self) -> bool:
        return Peran.INSPEKTORAT in self.roles

    @property
    def admin(self) -> bool:
        return Peran.ADMIN_BKPSDM in self.roles

    @property
    def pimpinan_daerah(self) -> bool:
        return Peran.PIMPINAN_DAERAH in self.roles

    @property
    def atasan(self) -> bool:
        return Peran.ATASAN in self.roles or bool(self.akar)

    def path_terlihat(self, path: str | None) -> bool:
        """A unit (by its path; '' or None = the whole regency) is visible."""
        if self.semua_unit:
            return True
        if not path:
            return False
        return any(path.startswith(p) for _, p in self.akar)

    def unit_q(self, prefix: str = "") -> Q:
        """A Q over a model with a unit `path` (or, with prefix, a related unit) limited to visible units."""
        if self.semua_unit:
            return Q()
        q = Q(pk__in=[])
        for _, p in self.akar:
            q |= Q(**{f"{prefix}path__startswith": p})
        return q

    def individu_q(self, prefix: str = "") -> Q:
        """Individual pegawai the account may see (organisasi's scope)."""
        return self.base.pegawai_q(prefix)

    def melihat_individu(self, pegawai) -> bool:
        return self.base.covers(pegawai)


def scope_pengawasan(user) -> ScopePengawasan:
    cached = getattr(user, "_pengawasan_scope", None)
    if cached is not None:
        return cached
    base = scope_for(user)
    roles = roles_of(user)
    sp = ScopePengawasan(base=base, roles=roles)
    sp.semua_unit = base.aggregates
    if not sp.semua_unit:
        seen = set()
        for jab in base.held:
            unit = jab.unit_kerja
            if jab.is_kepala_unit and unit.pk not in seen:
                seen.add(unit.pk)
                sp.akar.append((unit.pk, unit.path))
    if user is not None and getattr(user, "is_authenticated", False):
        user._pengawasan_scope = sp
    return sp
