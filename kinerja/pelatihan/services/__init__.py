"""Every write of pelatihan: atomic, permission-checked, audited (except the anonymous survey answers, the
activity counter and derived metrics, which are deliberately not). Grouped by topic; import from here."""

from kinerja.pelatihan.services.metrik import (
    metrik_adopsi_hitung,
    metrik_adopsi_hitung_berkala,
    metrik_adopsi_hitung_sekarang,
)
from kinerja.pelatihan.services.peserta import (
    kuis_kerjakan,
    peserta_tuntaskan,
    presensi_catat,
    presensi_manual,
    sertifikat_saya,
    sesi_tuntaskan,
    umpan_balik_kirim,
)
from kinerja.pelatihan.services.riwayat import (
    aktivitas_catat,
    aktivitas_catat_banyak,
    onboarding_selesaikan,
    onboarding_ulangi,
    riwayat_pengembangan_catat,
    riwayat_pengembangan_hapus,
)
from kinerja.pelatihan.services.sesi import (
    kabar_peserta,
    materi_hapus,
    materi_unggah,
    program_create,
    sesi_batalkan,
    sesi_create,
    sesi_daftar,
    sesi_terbitkan,
    sesi_update,
    soal_kuis_simpan,
)
from kinerja.pelatihan.services.survei import (
    putaran_survei_buat,
    putaran_survei_buka_berkala,
    putaran_survei_ubah,
    survei_isi,
    tindak_lanjut_simpan,
    tindak_lanjut_ubah,
)

__all__ = [
    "aktivitas_catat", "aktivitas_catat_banyak", "kabar_peserta", "kuis_kerjakan", "materi_hapus", "materi_unggah",
    "metrik_adopsi_hitung",
    "metrik_adopsi_hitung_berkala", "metrik_adopsi_hitung_sekarang", "onboarding_selesaikan", "onboarding_ulangi",
    "peserta_tuntaskan", "presensi_catat", "presensi_manual", "program_create", "putaran_survei_buat",
    "putaran_survei_buka_berkala", "putaran_survei_ubah", "riwayat_pengembangan_catat", "riwayat_pengembangan_hapus",
    "sertifikat_saya", "sesi_batalkan", "sesi_create", "sesi_daftar", "sesi_terbitkan", "sesi_tuntaskan",
    "sesi_update", "soal_kuis_simpan", "survei_isi", "tindak_lanjut_simpan", "tindak_lanjut_ubah",
    "umpan_balik_kirim",
]
