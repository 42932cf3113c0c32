"""Object permissions with the `rules` library. Predicates for granted roles live here; predicates that need
the organisation tree live in `organisasi/permissions.py`."""

import rules

from kinerja.core.models import Peran
from kinerja.core.roles import has_role


@rules.predicate
def is_admin_bkpsdm(user) -> bool:
    return has_role(user, Peran.ADMIN_BKPSDM)


@rules.predicate
def is_inspektorat(user) -> bool:
    return has_role(user, Peran.INSPEKTORAT)


@rules.predicate
def is_pimpinan_daerah(user) -> bool:
    return has_role(user, Peran.PIMPINAN_DAERAH)


@rules.predicate
def same_instansi(user, obj) -> bool:
    return obj is not None and user.instansi_id is not None and getattr(obj, "instansi_id", None) == user.instansi_id


rules.add_perm("core.view_audit", is_inspektorat | is_admin_bkpsdm)
rules.add_perm("core.add_catatanaudit", is_inspektorat)
rules.add_perm("core.view_catatanaudit", is_inspektorat)
