"""Core pages: sign-in, home per role, notifications, audit search, health."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core import selectors, services
from kinerja.core.exceptions import ApplicationError
from kinerja.core.forms import AuditSearchForm, CatatanAuditForm, LoginForm
from kinerja.core.navigation import panels_for
from kinerja.core.roles import primary_role


def form_status(*forms) -> int:
    """HTTP status for a page that re-shows a form: 400 when any form carries errors (bad input is a 4xx)."""
    return 400 if any(f is not None and f.is_bound and f.errors for f in forms) else 200


class BadRequestOnInvalid:
    """Form views re-shown with errors answer 400."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordChangeView(BadRequestOnInvalid, auth_views.PasswordChangeView):
    template_name = "core/password_change.html"


class PasswordResetConfirmView(BadRequestOnInvalid, auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset_confirm.html"


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


login_view = login_not_required(LoginView.as_view())


def home(request):
    return render(
        request,
        "core/home.html",
        {"panels": panels_for(request), "role": primary_role(request.user)},
    )


def notifikasi_list(request):
    page = Paginator(selectors.notifikasi_list(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/notifikasi.html", {"page": page})


@require_POST
def notifikasi_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    services.notifikasi_mark_read(user=request.user, ids=ids)
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    return redirect("core:notifikasi")


def notifikasi_badge(request):
    """Polled by htmx every few seconds: the unread count and the newest item."""
    unread = selectors.notifikasi_list(user=request.user, unread_only=True)
    return render(request, "core/_notifikasi_badge.html", {"count": unread.count(), "latest": unread.first()})


def audit_search(request):
    form = AuditSearchForm(request.GET or None)
    entries = None
    if form.is_valid() or not request.GET:
        data = form.cleaned_data if form.is_bound else {}
        qs = selectors.audit_log_search(actor=request.user, **{k: v for k, v in data.items() if v})
        entries = Paginator(qs, 50).get_page(request.GET.get("page"))
    notes_form = CatatanAuditForm()
    return render(request, "core/audit.html", {"form": form, "entries": entries, "notes_form": notes_form})


def catatan_audit(request):
    form = CatatanAuditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.catatan_audit_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Catatan audit tersimpan.")
            return redirect("core:catatan_audit")
    notes = selectors.catatan_audit_list(actor=request.user)[:100]
    return render(request, "core/catatan_audit.html", {"form": form, "notes": notes}, status=form_status(form))


@login_not_required
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
def offline(request):
    return render(request, "core/offline.html")


def lockout(request, original_response=None, credentials=None, *args, **kwargs):
    """django-axes lockout: the API error shape for /api/, the Indonesian page otherwise (HTTP 429 both)."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"message": "Terlalu banyak percobaan masuk. Coba lagi setelah 15 menit.", "code": "rate_limited",
             "detail": {}},
            status=429,
        )
    return render(request, "core/lockout.html", status=429)
