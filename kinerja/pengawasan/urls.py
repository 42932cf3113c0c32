from django.urls import path

from kinerja.pengawasan import views

app_name = "pengawasan"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("dasbor/", views.dasbor, name="dasbor"),
    path("dasbor/unit/<int:pk>/", views.dasbor_unit, name="dasbor_unit"),
    path("tim/", views.tim, name="tim"),
    path("pegawai/<int:pk>/", views.pegawai, name="pegawai"),
    path("peringatan/", views.peringatan_list, name="peringatan_list"),
    path("peringatan/<int:pk>/", views.peringatan_detail, name="peringatan_detail"),
    path("peringatan/<int:pk>/akui/", views.peringatan_akui, name="peringatan_akui"),
    path("peringatan/<int:pk>/selesai/", views.peringatan_selesai, name="peringatan_selesai"),
    path("inspektorat/", views.inspektorat, name="inspektorat"),
    path("inspektorat/anomali/<int:pk>/", views.anomali_detail, name="anomali_detail"),
    path("inspektorat/sampel/", views.sampel, name="sampel"),
    path("praktik/", views.praktik_list, name="praktik_list"),
    path("praktik/<int:pk>/", views.praktik_detail, name="praktik_detail"),
    path("praktik/<int:pk>/tarik/", views.praktik_tarik, name="praktik_tarik"),
    path("praktik/teladan/", views.teladan_list, name="teladan_list"),
    path("praktik/teladan/<int:teladan_id>/tulis/", views.praktik_tulis, name="praktik_tulis"),
    path("kebijakan/", views.kebijakan, name="kebijakan"),
]
