"""Who may see and handle citizen feedback and complaints, computed once per request on top of
`organisasi.access.scope_for`.

- **Managers of a unit** (the head of the unit, e.g. Kepala UPT Puskesmas; the pimpinan OPD for the whole OPD;
  complaint handlers appointed for the unit) see and moderate feedback of the unit and its sub-units, and handle
  its complaints.
- **Koordinator** (admin BKPSDM, or a handler appointed for the whole instansi) handles everything of the
  instansi: verifies and disposes complaints.
- **Inspektorat** reads everything of the instansi; writes nothing here.
- **The supervisor** of a named ASN reads the ratings of, and complaints about, that ASN.
- **The ASN** reads the ratings about themself and may answer them publicly.
- **Never**: a complaint is not shown to the ASN it is about — not even when they manage the unit or hold an
  instansi-wide role. The handling goes to their superiors, the koordinator and Inspektorat (UU PDP).
- Pimpinan daerah see aggregates (IKM, counts) like the public does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.organisasi.access import Scope, scope_for


@dataclass
class PartisipasiScope:
    base: Scope
    kelola_paths: list[str] = field(default_factory=list)  # unit paths this account manages
    koordinator: bool = False  # handles everything of the instansi
    baca_semua: bool = False  # reads everything of the instansi (koordinator, Inspektorat)
    staf: bool = False  # has staff pages here: manages a unit, supervises, reads all, or sees aggregates

    @property
    def instansi_id(self) -> int | None:
        return self.base.instansi_id

    @property
    def pegawai_id(self) -> int | None:
        return self.base.pegawai_id

    def _paths_q(self, prefix: str) -> Q:
        q = Q(pk__in=[])
        for path in self.kelola_paths:
            q |= Q(**{f"{prefix}path__startswith": path})
        return q

    def unit_kelola_q(self, prefix: str = "unit_kerja__") -> Q:
        """Rows whose unit this account manages (all of the instansi for the koordinator)."""
        if self.instansi_id is None:
            return Q(pk__in=[])
        if self.koordinator:
            return Q(instansi_id=self.instansi_id)
        return Q(instansi_id=self.instansi_id) & self._paths_q(prefix)

    def unit_baca_q(self, prefix: str = "unit_kerja__") -> Q:
        if self.baca_semua:
            return Q(instansi_id=self.instansi_id)
        return self.unit_kelola_q(prefix)

    def mengelola_unit(self, unit) -> bool:
        if unit is None or self.instansi_id is None or unit.instansi_id != self.instansi_id:
            return False
        return self.koordinator or any(unit.path.startswith(p) for p in self.kelola_paths)

    def membaca_unit(self, unit) -> bool:
        if unit is None or unit.instansi_id != self.instansi_id:
            return False
        return self.baca_semua or self.mengelola_unit(unit)

    def penilaian_q(self) -> Q:
        """Ratings of named ASN visible to this account: the unit's managers, the ASN's superiors, the ASN."""
        return (self.unit_baca_q() | self.base.pegawai_q("pegawai__")) & Q(instansi_id=self.instansi_id)

    def pengaduan_q(self) -> Q:
        """Complaints visible to this account. Always excludes complaints about the account's own pegawai."""
        if self.instansi_id is None:
            return Q(pk__in=[])
        q = self.unit_baca_q()
        if self.base.held:
            # superiors of the reported ASN, and the supervisor recorded when the complaint came in
            superior = Q(pk__in=[])
            for jab in self.base.held:
                superior |= (Q(pegawai_dilaporkan__jabatan__path__startswith=jab.path)
                             & ~Q(pegawai_dilaporkan__jabatan_id=jab.pk))
            q |= superior
        if self.pegawai_id:
            q |= Q(atasan_dilaporkan_id=self.pegawai_id)
            q &= ~Q(pegawai_dilaporkan_id=self.pegawai_id)
        return q & Q(instansi_id=self.instansi_id)

    def menangani_pengaduan(self, pengaduan) -> bool:
        """May act on a complaint (verify, dispose, respond, close): its unit's managers or the koordinator;
        never the reported ASN, never Inspektorat as such."""
        if pengaduan.instansi_id != self.instansi_id:
            return False
        if self.pegawai_id and pengaduan.pegawai_dilaporkan_id == self.pegawai_id:
            return False
        if self.koordinator:
            return True
        return pengaduan.unit_kerja is not None and self.mengelola_unit(pengaduan.unit_kerja)


def scope_partisipasi(user) -> PartisipasiScope:
    cached = getattr(user, "_partisipasi_scope", None)
    if cached is not None:
        return cached
    base = scope_for(user)
    scope = PartisipasiScope(base=base)
    if base.instansi_id is not None:
        paths = {j.unit_kerja.path for j in base.held if j.is_kepala_unit}
        if base.pegawai is not None:
            from kinerja.partisipasi.models import PengelolaPengaduan

            for unit_path, unit_id in (PengelolaPengaduan.objects.filter(pegawai=base.pegawai, aktif=True)
                                       .values_list("unit_kerja__path", "unit_kerja_id")):
                if unit_id is None:
                    scope.koordinator = True
                else:
                    paths.add(unit_path)
        scope.kelola_paths = sorted(paths)
        if has_role(user, Peran.ADMIN_BKPSDM):
            scope.koordinator = True
        scope.baca_semua = scope.koordinator or has_role(user, Peran.INSPEKTORAT)
        scope.staf = (scope.baca_semua or bool(scope.kelola_paths) or base.aggregates
                      or has_role(user, Peran.ATASAN, Peran.PIMPINAN_OPD))
    user._partisipasi_scope = scope
    return scope


def forget(user) -> None:
    for attr in ("_partisipasi_scope", "_kinerja_scope", "_kinerja_roles", "_kinerja_pegawai"):
        if hasattr(user, attr):
            delattr(user, attr)
