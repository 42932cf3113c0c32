"""Object permissions on organisation data (rules). They ask the same Scope the selectors use."""

import rules

from kinerja.core.permissions import is_admin_bkpsdm, same_instansi
from kinerja.organisasi.access import scope_for


@rules.predicate
def can_see_pegawai(user, pegawai) -> bool:
    return pegawai is not None and scope_for(user).covers(pegawai)


@rules.predicate
def is_self(user, pegawai) -> bool:
    return pegawai is not None and pegawai.user_id == user.pk


@rules.predicate
def is_superior(user, pegawai) -> bool:
    return pegawai is not None and scope_for(user).is_superior_of(pegawai)


rules.add_perm("organisasi.view_pegawai", can_see_pegawai)
rules.add_perm("organisasi.change_pegawai", is_admin_bkpsdm & same_instansi)
rules.add_perm("organisasi.change_kontak_pegawai", is_self | (is_admin_bkpsdm & same_instansi))
rules.add_perm("organisasi.add_pegawai", is_admin_bkpsdm)
rules.add_perm("organisasi.change_unitkerja", is_admin_bkpsdm & same_instansi)
rules.add_perm("organisasi.add_unitkerja", is_admin_bkpsdm)
rules.add_perm("organisasi.change_jabatan", is_admin_bkpsdm & same_instansi)
rules.add_perm("organisasi.add_impordata", is_admin_bkpsdm)
