from django.urls import path

from kinerja.penilaian.views import dialog, evaluasi, kalibrasi, rekan

app_name = "penilaian"

urlpatterns = [
    path("", evaluasi.index, name="index"),
    path("tim/", evaluasi.tim, name="tim"),
    path("buka/<int:pegawai_id>/<int:jadwal_id>/", evaluasi.buka, name="buka"),
    path("evaluasi/<int:pk>/", evaluasi.evaluasi_detail, name="evaluasi_detail"),
    path("evaluasi/<int:pk>/nilai/", evaluasi.evaluasi_nilai, name="evaluasi_nilai"),
    path("evaluasi/<int:pk>/tahunan/", evaluasi.evaluasi_tahunan, name="evaluasi_tahunan"),
    path("evaluasi/<int:pk>/penilaian-diri/", evaluasi.penilaian_diri, name="penilaian_diri"),
    path("evaluasi/<int:pk>/realisasi/", evaluasi.realisasi, name="realisasi"),
    path("evaluasi/<int:pk>/rekan/", rekan.rekan, name="rekan"),
    path("evaluasi/<int:pk>/finalisasi/", evaluasi.finalisasi, name="finalisasi"),
    path("evaluasi/<int:pk>/keberatan/", evaluasi.keberatan, name="keberatan"),
    path("evaluasi/<int:pk>/keberatan/putuskan/", evaluasi.keberatan_putuskan, name="keberatan_putuskan"),
    path("evaluasi/<int:pk>/dokumen.pdf", evaluasi.dokumen, name="dokumen"),
    path("360/", rekan.undangan_list, name="undangan_list"),
    path("360/<int:pk>/", rekan.respon_360, name="respon_360"),
    path("moderasi/", rekan.moderasi, name="moderasi"),
    path("moderasi/<uuid:pk>/", rekan.moderasi_putuskan, name="moderasi_putuskan"),
    path("kalibrasi/", kalibrasi.kalibrasi, name="kalibrasi"),
    path("kalibrasi/finalisasi/", kalibrasi.kalibrasi_finalisasi, name="kalibrasi_finalisasi"),
    path("predikat-organisasi/", kalibrasi.predikat_organisasi, name="predikat_organisasi"),
    path("rekap/<int:unit_id>/<int:jadwal_id>.xlsx", kalibrasi.rekap, name="rekap"),
    path("kebijakan/", kalibrasi.kebijakan, name="kebijakan"),
    path("dialog/", dialog.dialog_list, name="dialog_list"),
    path("dialog/baru/", dialog.dialog_baru, name="dialog_baru"),
    path("dialog/<int:pk>/", dialog.dialog_detail, name="dialog_detail"),
    path("dialog/<int:pk>/batal/", dialog.dialog_batal, name="dialog_batal"),
    path("tindak-lanjut/<int:pk>/selesai/", dialog.tindak_lanjut_selesai, name="tindak_lanjut_selesai"),
]
