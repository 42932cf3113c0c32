from django.urls import path

from kinerja.perencanaan import views

app_name = "perencanaan"

urlpatterns = [
    path("", views.saya, name="saya"),
    path("skp/baru/", views.skp_baru, name="skp_baru"),
    path("skp/salin/", views.skp_salin, name="skp_salin"),
    path("skp/minta-rhk/", views.minta_rhk, name="minta_rhk"),
    path("skp/<int:pk>/", views.skp_detail, name="skp_detail"),
    path("skp/<int:pk>/pdf/", views.skp_pdf, name="skp_pdf"),
    path("skp/<int:pk>/rhk/baru/", views.rhk_baru, name="rhk_baru"),
    path("skp/<int:pk>/ajukan/", views.skp_ajukan, name="skp_ajukan"),
    path("skp/<int:pk>/setujui/", views.skp_setujui, name="skp_setujui"),
    path("skp/<int:pk>/kembalikan/", views.skp_kembalikan, name="skp_kembalikan"),
    path("skp/<int:pk>/revisi/", views.skp_revisi, name="skp_revisi"),
    path("skp/<int:pk>/ekspektasi/", views.skp_ekspektasi, name="skp_ekspektasi"),
    path("rhk/<int:pk>/ubah/", views.rhk_ubah, name="rhk_ubah"),
    path("rhk/<int:pk>/hapus/", views.rhk_hapus, name="rhk_hapus"),
    path("rhk/<int:pk>/bagikan/", views.rhk_bagikan, name="rhk_bagikan"),
    path("tim/", views.tim, name="tim"),
    path("kaskade/", views.kaskade, name="kaskade"),
    path("matriks/", views.matriks, name="matriks"),
    path("matriks/excel/", views.ekspor_unit, name="ekspor_unit"),
    path("program/", views.program_list, name="program_list"),
    path("program/baru/", views.program_baru, name="program_baru"),
    path("program/<int:pk>/", views.program_detail, name="program_detail"),
    path("program/<int:pk>/ubah/", views.program_ubah, name="program_ubah"),
    path("periode/", views.periode_list, name="periode_list"),
    path("periode/<int:pk>/", views.periode_detail, name="periode_detail"),
    path("periode/<int:pk>/status/", views.periode_status, name="periode_status"),
    path("sasaran/", views.sasaran_list, name="sasaran_list"),
    path("sasaran/baru/", views.sasaran_baru, name="sasaran_baru"),
    path("sasaran/<int:pk>/ubah/", views.sasaran_ubah, name="sasaran_ubah"),
]
