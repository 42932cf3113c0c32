"""Error pages in Bahasa Indonesia (HTML) and the same shape as the API for /api/ paths."""

from django.http import JsonResponse
from django.shortcuts import render

_MESSAGES = {
    400: "Permintaan tidak dapat diproses. Periksa kembali isian Anda.",
    403: "Anda tidak berwenang membuka halaman ini.",
    404: "Halaman atau data tidak ditemukan.",
    500: "Terjadi kesalahan di server. Tim teknis sudah dicatat; silakan coba lagi sebentar lagi.",
}
_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 500: "server_error"}


def _respond(request, status):
    if request.path.startswith("/api/"):
        return JsonResponse({"message": _MESSAGES[status], "code": _CODES[status], "detail": {}}, status=status)
    return render(request, "core/error.html", {"message": _MESSAGES[status], "status": status}, status=status)


def bad_request(request, exception=None):
    return _respond(request, 400)


def permission_denied(request, exception=None):
    return _respond(request, 403)


def page_not_found(request, exception=None):
    return _respond(request, 404)


def server_error(request):
    return _respond(request, 500)
