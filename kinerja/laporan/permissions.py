"""Object permissions on daily reports (rules). They ask the same Scope the selectors use."""

import rules

from kinerja.core.permissions import is_admin_bkpsdm
from kinerja.laporan import rules as laporan_rules
from kinerja.laporan.access import boleh_meninjau
from kinerja.organisasi.access import scope_for


@rules.predicate
def can_view_laporan(user, laporan) -> bool:
    return laporan is not None and scope_for(user).covers(laporan.pegawai)


@rules.predicate
def is_pemilik(user, laporan) -> bool:
    return laporan is not None and scope_for(user).pegawai_id == laporan.pegawai_id


@rules.predicate
def belum_disetujui(user, laporan) -> bool:
    return laporan is not None and laporan_rules.dapat_diubah(laporan.status)


@rules.predicate
def is_draft(user, laporan) -> bool:
    return laporan is not None and laporan.status == laporan_rules.DRAFT


@rules.predicate
def is_penilai(user, laporan) -> bool:
    return laporan is not None and boleh_meninjau(scope_for(user).pegawai, laporan)


rules.add_perm("laporan.view_laporanharian", can_view_laporan)
rules.add_perm("laporan.change_laporanharian", is_pemilik & belum_disetujui)
rules.add_perm("laporan.delete_laporanharian", is_pemilik & is_draft)
rules.add_perm("laporan.review_laporanharian", is_penilai)
rules.add_perm("laporan.change_kebijakanlaporan", is_admin_bkpsdm)
