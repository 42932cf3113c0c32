from django.urls import path

from kinerja.organisasi import views

app_name = "organisasi"

urlpatterns = [
    path("profil/", views.profil, name="profil"),
    path("tim/", views.tim, name="tim"),
    path("pegawai/", views.pegawai_list, name="pegawai_list"),
    path("pegawai/<int:pk>/", views.pegawai_detail, name="pegawai_detail"),
    path("unit/", views.unit_tree, name="unit_tree"),
    path("unit/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("impor/", views.impor_list, name="impor_list"),
    path("impor/<int:pk>/", views.impor_detail, name="impor_detail"),
    path("impor/<int:pk>/terapkan/", views.impor_apply, name="impor_apply"),
    path("impor/templat/<str:jenis>/", views.impor_template, name="impor_template"),
]
