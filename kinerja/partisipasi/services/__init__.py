"""Every write of the partisipasi app (see the submodules); re-exported here so callers import one module."""

from kinerja.partisipasi.services._umum import (
    KonteksKirim,
    kebijakan,
    konteks_dari_request,
    normalisasi_tiket,
)
from kinerja.partisipasi.services.pengaduan import (
    kepala_unit,
    pengaduan_balas_pelapor,
    pengaduan_catatan,
    pengaduan_disposisi,
    pengaduan_eskalasi,
    pengaduan_selesai,
    pengaduan_submit,
    pengaduan_tindak_lanjut,
    pengaduan_tolak,
    pengaduan_verifikasi,
    retensi_terapkan,
    terlambat_q,
)
from kinerja.partisipasi.services.pengelolaan import (
    kebijakan_simpan,
    pengelola_cabut,
    pengelola_tunjuk,
    petugas_berhenti,
    petugas_bersedia,
    titik_simpan,
)
from kinerja.partisipasi.services.umpan_balik import (
    JENIS_MODERASI,
    balasan_create,
    jenis_objek,
    masukan_proyek_submit,
    moderasi_set,
    penilaian_petugas_submit,
    survei_kertas_input,
    survei_submit,
    unit_objek,
)

__all__ = [
    "JENIS_MODERASI", "KonteksKirim", "balasan_create", "jenis_objek", "kebijakan", "kebijakan_simpan",
    "kepala_unit", "konteks_dari_request", "masukan_proyek_submit", "moderasi_set", "normalisasi_tiket",
    "pengaduan_balas_pelapor", "pengaduan_catatan", "pengaduan_disposisi", "pengaduan_eskalasi",
    "pengaduan_selesai", "pengaduan_submit", "pengaduan_tindak_lanjut", "pengaduan_tolak", "pengaduan_verifikasi",
    "pengelola_cabut", "pengelola_tunjuk", "penilaian_petugas_submit", "petugas_berhenti", "petugas_bersedia",
    "retensi_terapkan", "survei_kertas_input", "survei_submit", "terlambat_q", "titik_simpan", "unit_objek",
]
