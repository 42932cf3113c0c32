"""What an account may see and do in the organisation, computed once per request.

- pegawai: themself;
- atasan: every pegawai below the positions they hold (definitively or as Plt/Plh), direct and indirect;
- pimpinan OPD: the whole OPD they lead;
- admin BKPSDM: all master data of the instansi (read and write);
- Inspektorat: everything of the instansi, read-only (writes only its own notes);
- pimpinan daerah: aggregates (no individual records unless they are also an atasan).
Every check also requires the same instansi.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from kinerja.core.models import Peran
from kinerja.core.roles import roles_of
from kinerja.organisasi.models import Jabatan, Pegawai, PenugasanPlt, StatusPegawai


@dataclass
class Scope:
    user_id: int | None
    instansi_id: int | None
    pegawai: Pegawai | None = None
    held: list[Jabatan] = field(default_factory=list)  # definitive + acting positions
    opd_ids: set[int] = field(default_factory=set)  # OPDs this account leads
    instansi_read: bool = False  # admin BKPSDM, Inspektorat
    master_write: bool = False  # admin BKPSDM
    aggregates: bool = False  # pimpinan daerah (and anyone with instansi_read)

    @property
    def pegawai_id(self) -> int | None:
        return self.pegawai.pk if self.pegawai else None

    @property
    def held_ids(self) -> set[int]:
        return {j.pk for j in self.held}

    def pegawai_q(self, prefix: str = "") -> Q:
        """A Q over Pegawai (or, with `prefix`, over a model with a FK to it) limited to this scope."""
        p = prefix
        base = Q(**{f"{p}instansi_id": self.instansi_id})
        if self.instansi_id is None:
            return Q(pk__in=[])
        if self.instansi_read:
            return base
        allowed = Q(**{f"{p}pk__in": []})
        if self.pegawai_id:
            allowed |= Q(**{f"{p}pk": self.pegawai_id})
        for jab in self.held:
            allowed |= Q(**{f"{p}jabatan__path__startswith": jab.path}) & ~Q(**{f"{p}jabatan_id": jab.pk})
        if self.opd_ids:
            allowed |= Q(**{f"{p}opd_id__in": self.opd_ids})
        return base & allowed

    def covers(self, pegawai: Pegawai) -> bool:
        """Python twin of pegawai_q for one loaded pegawai (its `jabatan` should be select_related)."""
        if pegawai is None or self.instansi_id is None or pegawai.instansi_id != self.instansi_id:
            return False
        if self.instansi_read or pegawai.pk == self.pegawai_id:
            return True
        if pegawai.opd_id is not None and pegawai.opd_id in self.opd_ids:
            return True
        if pegawai.jabatan_id and pegawai.jabatan_id not in self.held_ids:
            path = pegawai.jabatan.path
            return any(path.startswith(j.path) for j in self.held)
        return False

    def is_superior_of(self, pegawai: Pegawai) -> bool:
        """True when the pegawai sits below a position this account holds (not via the OPD or admin roles)."""
        if pegawai is None or pegawai.pk == self.pegawai_id or not pegawai.jabatan_id:
            return False
        if pegawai.jabatan_id in self.held_ids:
            return False
        return any(pegawai.jabatan.path.startswith(j.path) for j in self.held)


def active_plt_q(on: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}tanggal_mulai__lte": on}) & (
        Q(**{f"{prefix}tanggal_selesai__isnull": True}) | Q(**{f"{prefix}tanggal_selesai__gte": on})
    )


def scope_for(user) -> Scope:
    cached = getattr(user, "_kinerja_scope", None)
    if cached is not None:
        return cached
    if user is None or not user.is_authenticated:
        return Scope(user_id=None, instansi_id=None)
    roles = roles_of(user)
    scope = Scope(user_id=user.pk, instansi_id=user.instansi_id)
    scope.instansi_read = bool({Peran.ADMIN_BKPSDM, Peran.INSPEKTORAT} & roles)
    scope.master_write = Peran.ADMIN_BKPSDM in roles
    scope.aggregates = scope.instansi_read or Peran.PIMPINAN_DAERAH in roles
    pegawai = _pegawai_of(user)
    if pegawai is not None:
        scope.pegawai = pegawai
        scope.held = held_positions(pegawai)
        scope.opd_ids = {j.unit_kerja_id for j in scope.held if j.is_kepala_unit and j.unit_kerja.induk_id is None}
    user._kinerja_scope = scope
    return scope


def _pegawai_of(user) -> Pegawai | None:
    cached = getattr(user, "_kinerja_pegawai", "unset")
    if cached != "unset":
        return cached
    pegawai = (
        Pegawai.objects.select_related("jabatan__unit_kerja", "unit_kerja", "opd")
        .filter(user=user, status=StatusPegawai.AKTIF)
        .first()
    )
    user._kinerja_pegawai = pegawai
    return pegawai


def held_positions(pegawai: Pegawai, on: dt.date | None = None) -> list[Jabatan]:
    """The positions a pegawai holds today: their own plus any active Plt/Plh assignment."""
    on = on or timezone.localdate()
    held = [pegawai.jabatan] if pegawai.jabatan_id else []
    acting = (
        PenugasanPlt.objects.filter(active_plt_q(on), pegawai=pegawai)
        .select_related("jabatan", "jabatan__unit_kerja")
    )
    held += [p.jabatan for p in acting if p.jabatan_id != pegawai.jabatan_id]
    return held


def derived_roles(user) -> set[str]:
    """Role resolver registered with core: pegawai, atasan and pimpinan OPD follow from the organisation."""
    pegawai = _pegawai_of(user)
    if pegawai is None:
        return set()
    roles = {Peran.PEGAWAI.value}
    held = held_positions(pegawai)
    if held:
        below = Q(pk__in=[])
        for jab in held:
            below |= Q(jabatan__path__startswith=jab.path) & ~Q(jabatan_id=jab.pk)
        if Pegawai.objects.filter(below, instansi_id=pegawai.instansi_id, status=StatusPegawai.AKTIF).exists():
            roles.add(Peran.ATASAN.value)
        if any(j.is_kepala_unit and j.unit_kerja.induk_id is None for j in held):
            roles.add(Peran.PIMPINAN_OPD.value)
    return roles
