"""Who may do what with a daily report, beyond what the organisation scope already says (see
organisasi.access): the pegawai owns their reports; the reviewer is the pejabat penilai."""

from __future__ import annotations

from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.selectors import atasan_langsung


def boleh_meninjau(pegawai: Pegawai | None, laporan) -> bool:
    """The reviewer is the pejabat penilai recorded at submission, or whoever is the atasan langsung now (a new
    Plt/Plh takes over the pending reviews)."""
    if pegawai is None:
        return False
    if laporan.penilai_id == pegawai.pk:
        return True
    if laporan.pegawai_id == pegawai.pk:
        return False
    atasan = atasan_langsung(laporan.pegawai)
    return atasan is not None and atasan.pk == pegawai.pk
