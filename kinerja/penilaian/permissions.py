"""Object permissions on evaluations (rules). They ask the same `access.peran_pada_evaluasi` the services use."""

import rules

from kinerja.penilaian.access import peran_pada_evaluasi


@rules.predicate
def can_view_evaluasi(user, evaluasi) -> bool:
    return evaluasi is not None and "lihat" in peran_pada_evaluasi(user, evaluasi)


@rules.predicate
def is_penilai(user, evaluasi) -> bool:
    return evaluasi is not None and "penilai" in peran_pada_evaluasi(user, evaluasi)


@rules.predicate
def is_dinilai(user, evaluasi) -> bool:
    return evaluasi is not None and "pegawai" in peran_pada_evaluasi(user, evaluasi)


@rules.predicate
def is_atasan_penilai(user, evaluasi) -> bool:
    return evaluasi is not None and "atasan_penilai" in peran_pada_evaluasi(user, evaluasi)


rules.add_perm("penilaian.view_evaluasi", can_view_evaluasi)
rules.add_perm("penilaian.rate_evaluasi", is_penilai)
rules.add_perm("penilaian.self_assess_evaluasi", is_dinilai)
rules.add_perm("penilaian.decide_keberatan", is_atasan_penilai)
