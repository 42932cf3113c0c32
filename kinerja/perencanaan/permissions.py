"""Object permissions on planning data (rules). They ask the same questions the selectors and services ask."""

import rules

from kinerja.core.permissions import is_admin_bkpsdm
from kinerja.organisasi.access import scope_for


@rules.predicate
def can_see_skp(user, skp) -> bool:
    return skp is not None and scope_for(user).covers(skp.pegawai)


@rules.predicate
def owns_skp(user, skp) -> bool:
    return skp is not None and scope_for(user).pegawai_id == skp.pegawai_id


@rules.predicate
def appraises_skp(user, skp) -> bool:
    from kinerja.perencanaan.selectors import peran_pada_skp

    return skp is not None and "penilai" in peran_pada_skp(user, skp)


rules.add_perm("perencanaan.view_sasarankinerjapegawai", can_see_skp)
rules.add_perm("perencanaan.change_sasarankinerjapegawai", can_see_skp & owns_skp)
rules.add_perm("perencanaan.approve_sasarankinerjapegawai", can_see_skp & appraises_skp)
rules.add_perm("perencanaan.change_periodekinerja", is_admin_bkpsdm)
rules.add_perm("perencanaan.change_sasaranorganisasi", is_admin_bkpsdm)
