"""Who a session is for: its audience (units with everything below them, and roles) as a query over Pegawai.

Roles that follow from the organisation are resolved with set queries, not per account:
- pegawai: every active pegawai;
- atasan: holders (definitive or an active Plt/Plh) of a position that has positions below it;
- pimpinan OPD: holders of the head position of a top-level unit (an OPD);
- admin BKPSDM, Inspektorat, pimpinan daerah: accounts with that role granted.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from kinerja.core.models import Peran, PeranPengguna
from kinerja.core.roles import roles_of
from kinerja.organisasi.access import active_plt_q
from kinerja.organisasi.models import Jabatan, Pegawai, PenugasanPlt, StatusPegawai

PERAN_SASARAN = [(p.value, p.label) for p in Peran]


def _jabatan_q_for_role(peran: str, instansi_id: int) -> Q | None:
    if peran == Peran.ATASAN:
        return Q(pk__in=Jabatan.objects.filter(instansi_id=instansi_id, aktif=True, bawahan__isnull=False).values("pk"))
    if peran == Peran.PIMPINAN_OPD:
        return Q(pk__in=Jabatan.objects.filter(instansi_id=instansi_id, is_kepala_unit=True,
                                               unit_kerja__induk__isnull=True).values("pk"))
    return None


def _peran_q(peran: str, instansi_id: int) -> Q:
    if peran == Peran.PEGAWAI:
        return Q(pk__isnull=False)
    if peran in (Peran.ADMIN_BKPSDM, Peran.INSPEKTORAT, Peran.PIMPINAN_DAERAH):
        users = PeranPengguna.objects.filter(instansi_id=instansi_id, peran=peran).values("user_id")
        return Q(user_id__in=users)
    jabatan_q = _jabatan_q_for_role(peran, instansi_id)
    if jabatan_q is None:
        return Q(pk__in=[])
    jabatan_ids = Jabatan.objects.filter(jabatan_q).values("pk")
    acting = PenugasanPlt.objects.filter(active_plt_q(timezone.localdate()), jabatan_id__in=jabatan_ids,
                                         instansi_id=instansi_id).values("pegawai_id")
    return Q(jabatan_id__in=jabatan_ids) | Q(pk__in=acting)


def pegawai_sasaran(sesi) -> QuerySet[Pegawai]:
    """Active pegawai of the session's instansi in its audience."""
    rows = list(sesi.sasaran.select_related("unit"))
    audience = Q(pk__in=[])
    for row in rows:
        if row.unit_id:
            audience |= Q(unit_kerja__path__startswith=row.unit.path)
        else:
            audience |= _peran_q(row.peran, sesi.instansi_id)
    return Pegawai.objects.filter(audience, instansi_id=sesi.instansi_id, status=StatusPegawai.AKTIF)


def menyasar(sesi, pegawai: Pegawai) -> bool:
    """True when the pegawai is in the session's audience (Python check for one person)."""
    if pegawai is None or pegawai.instansi_id != sesi.instansi_id or pegawai.status != StatusPegawai.AKTIF:
        return False
    rows = list(sesi.sasaran.select_related("unit"))
    path = pegawai.unit_kerja.path if pegawai.unit_kerja_id else None
    peran_rows = [r.peran for r in rows if not r.unit_id]
    if path and any(r.unit_id and path.startswith(r.unit.path) for r in rows):
        return True
    if not peran_rows:
        return False
    if Peran.PEGAWAI in peran_rows:
        return True
    if pegawai.user_id and set(peran_rows) & roles_of(pegawai.user):
        return True
    return pegawai_sasaran(sesi).filter(pk=pegawai.pk).exists()
