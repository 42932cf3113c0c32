from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from kinerja.api.urls import api_urls

admin.site.site_header = "Kinerja Bukitintan — Administrasi"
admin.site.site_title = "Kinerja Bukitintan"
admin.site.index_title = "Administrasi data induk (BKPSDM)"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api_urls()),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("", include("kinerja.core.urls")),
    path("organisasi/", include("kinerja.organisasi.urls")),
    path("", include("kinerja.partisipasi.urls_publik")),  # short citizen URLs: /p/<kode>/, /a/<kode>/, /t/<tiket>/
]

for _app in ("perencanaan", "laporan", "penilaian", "partisipasi", "pengawasan", "pelatihan"):
    import importlib.util

    if importlib.util.find_spec(f"kinerja.{_app}.urls"):
        urlpatterns.append(path(f"{_app}/", include(f"kinerja.{_app}.urls")))

handler400 = "kinerja.core.errors.bad_request"
handler403 = "kinerja.core.errors.permission_denied"
handler404 = "kinerja.core.errors.page_not_found"
handler500 = "kinerja.core.errors.server_error"

