"""Object permissions of pelatihan (rules). They ask the same predicates the selectors and services use."""

import rules

from kinerja.pelatihan import access


@rules.predicate
def is_penyelenggara(user) -> bool:
    return access.is_penyelenggara(user)


@rules.predicate
def baca_semua(user) -> bool:
    return access.baca_semua(user)


@rules.predicate
def boleh_lihat_metrik(user) -> bool:
    return access.boleh_lihat_metrik(user)


rules.add_perm("pelatihan.add_sesipelatihan", is_penyelenggara)
rules.add_perm("pelatihan.change_sesipelatihan", is_penyelenggara)
rules.add_perm("pelatihan.view_pesertasesi", baca_semua)
rules.add_perm("pelatihan.view_metrikadopsi", boleh_lihat_metrik)
rules.add_perm("pelatihan.add_riwayatpengembangan", is_penyelenggara)
rules.add_perm("pelatihan.add_putaransurvei", is_penyelenggara)
rules.add_perm("pelatihan.add_tindaklanjutsurvei", is_penyelenggara)
