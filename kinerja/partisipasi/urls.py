from django.urls import path

from kinerja.partisipasi import views, views_publik

app_name = "partisipasi"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # public (no login): results per unit, the general complaint form, project photos
    path("hasil/", views_publik.hasil_index, name="hasil_index"),
    path("hasil/<int:pk>/", views_publik.hasil_unit, name="hasil_unit"),
    path("lapor/", views_publik.pengaduan_umum, name="pengaduan_umum"),
    path("foto/<int:pk>/", views_publik.foto_masukan, name="foto_masukan"),
    # staff
    path("titik/", views.titik_list, name="titik_list"),
    path("titik/baru/", views.titik_form, name="titik_baru"),
    path("titik/<int:pk>/", views.titik_detail, name="titik_detail"),
    path("titik/<int:pk>/ubah/", views.titik_form, name="titik_ubah"),
    path("titik/<int:pk>/poster/", views.titik_poster, name="titik_poster"),
    path("titik/<int:pk>/kertas/", views.survei_kertas, name="survei_kertas"),
    path("pengaduan/", views.pengaduan_list, name="pengaduan_list"),
    path("pengaduan/<int:pk>/", views.pengaduan_detail, name="pengaduan_detail"),
    path("pengaduan/<int:pk>/foto/", views.pengaduan_foto, name="pengaduan_foto"),
    path("moderasi/", views.moderasi, name="moderasi"),
    path("moderasi/<str:jenis>/<int:pk>/", views.moderasi_aksi, name="moderasi_aksi"),
    path("balas/<str:jenis>/<int:pk>/", views.balas, name="balas"),
    path("papan-nama/", views.papan_nama, name="papan_nama"),
    path("papan-nama/cetak/", views.papan_nama_pdf, name="papan_nama_pdf"),
    path("penilaian/", views.penilaian_list, name="penilaian_list"),
    path("pengelola/", views.pengelola, name="pengelola"),
    path("ringkasan/pegawai/<int:pk>/", views.ringkasan_pegawai, name="ringkasan_pegawai"),
    path("ringkasan/unit/<int:pk>/", views.ringkasan_unit, name="ringkasan_unit"),
    path("kebijakan/", views.kebijakan, name="kebijakan"),
]
