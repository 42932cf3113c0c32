from django.urls import path

from kinerja.laporan import views, views_pwa

app_name = "laporan"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("daftar/", views.daftar, name="daftar"),
    path("baru/", views.laporan_baru, name="baru"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/ajukan/", views.ajukan, name="ajukan"),
    path("<int:pk>/hapus/", views.hapus, name="hapus"),
    path("<int:pk>/komentar/", views.komentar, name="komentar"),
    path("<int:pk>/bukti/", views.bukti_unggah, name="bukti_unggah"),
    path("<int:pk>/bukti/<int:bukti_id>/hapus/", views.bukti_hapus, name="bukti_hapus"),
    path("bukti/<int:bukti_id>/", views.bukti_berkas, name="bukti_berkas"),
    path("pegawai/<int:pegawai_id>/", views.pegawai_laporan, name="pegawai"),
    path("tinjauan/", views.tinjauan, name="tinjauan"),
    path("tinjauan/baru/", views.tinjauan_baru, name="tinjauan_baru"),
    path("tinjauan/setujui-terpilih/", views.tinjauan_massal, name="tinjauan_massal"),
    path("tinjauan/<int:pk>/", views.tinjauan_aksi, name="tinjauan_aksi"),
    path("tinjauan/<int:pk>/dibuka/", views.tinjauan_dibuka, name="tinjauan_dibuka"),
    path("buka-kunci/", views.buka_kunci, name="buka_kunci"),
    path("kebijakan/", views.kebijakan, name="kebijakan"),
    path("realisasi/skp/<int:skp_id>/", views.realisasi_skp, name="realisasi_skp"),
    path("sw.js", views_pwa.service_worker, name="sw"),
    path("manifest.webmanifest", views_pwa.manifest, name="manifest"),
    path("ikon-<int:size>.png", views_pwa.ikon, name="ikon"),
]

if views_pwa.bench_floor_enabled():
    urlpatterns.append(path("_bench/floor/", views_pwa.bench_floor, name="bench_floor"))
