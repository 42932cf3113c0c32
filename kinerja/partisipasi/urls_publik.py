"""Short public URLs at the site root (included once from config/urls.py): what the QR codes point to."""

from django.urls import path

from kinerja.partisipasi import views_publik as v

app_name = "publik"

urlpatterns = [
    path("p/<str:kode>/", v.titik_halaman, name="titik"),
    path("p/<str:kode>/survei/", v.survei, name="survei"),
    path("p/<str:kode>/masukan/", v.masukan, name="masukan"),
    path("p/<str:kode>/pengaduan/", v.pengaduan_titik, name="pengaduan_titik"),
    path("p/<str:kode>/terima-kasih/", v.terima_kasih, name="terima_kasih"),
    path("a/<str:kode>/", v.petugas_halaman, name="petugas"),
    path("a/<str:kode>/pengaduan/", v.pengaduan_petugas, name="pengaduan_petugas"),
    path("a/<str:kode>/terima-kasih/", v.petugas_terima_kasih, name="petugas_terima_kasih"),
    path("t/", v.pengaduan_cek, name="pengaduan_cek"),
    path("t/<str:tiket>/", v.pengaduan_status, name="pengaduan_status"),
]
