"""Who may do what in pelatihan. Built on `organisasi.access.scope_for` and the role registry.

- admin BKPSDM plans sessions, uploads materials, records development history, runs surveys and sees all metrics;
- Inspektorat reads everything of its instansi (sessions, participants, metrics, survey results) and writes nothing;
- pimpinan daerah sees aggregates (metrics and survey results per OPD, no participant lists);
- pimpinan OPD sees the metrics and survey results of the OPD they lead, and the training of its pegawai;
- atasan see the development history of the pegawai below them;
- pegawai see their invitations, the tour, help, the survey and their certificates.
Objects outside what an account may see answer 404 (NotFound), never 403.
"""

from __future__ import annotations

from kinerja.core.models import Peran
from kinerja.core.roles import has_role, roles_of
from kinerja.organisasi.access import Scope, scope_for

MSG_PENYELENGGARA = "Hanya admin BKPSDM yang dapat merencanakan dan mengelola sesi pelatihan."
MSG_BUKAN_PEGAWAI = "Fitur ini untuk akun pegawai aktif."
MSG_METRIK = "Dasbor adopsi hanya untuk admin BKPSDM, Inspektorat, pimpinan OPD dan pimpinan daerah."


def is_penyelenggara(user) -> bool:
    """Plans sessions and writes training data: admin BKPSDM (or a superuser)."""
    return bool(getattr(user, "is_superuser", False)) or has_role(user, Peran.ADMIN_BKPSDM)


def baca_semua(user) -> bool:
    """Reads every session and participant of the instansi: admin BKPSDM and Inspektorat."""
    return is_penyelenggara(user) or has_role(user, Peran.INSPEKTORAT)


def lihat_agregat(user) -> bool:
    """Sees metrics and survey results of every OPD."""
    return baca_semua(user) or has_role(user, Peran.PIMPINAN_DAERAH)


def opd_dipimpin(user) -> set[int]:
    return set(scope_for(user).opd_ids) if has_role(user, Peran.PIMPINAN_OPD) else set()


def boleh_lihat_metrik(user) -> bool:
    return lihat_agregat(user) or bool(opd_dipimpin(user))


def scope(user) -> Scope:
    return scope_for(user)


def peran_of(user) -> frozenset[str]:
    return roles_of(user)
