from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from kinerja.core import views

app_name = "core"

_reset = {
    "password_reset": login_not_required(
        auth_views.PasswordResetView.as_view(
            template_name="core/password_reset.html",
            email_template_name="core/password_reset_email.txt",
            subject_template_name="core/password_reset_subject.txt",
            success_url=reverse_lazy("core:password_reset_done"),
        )
    ),
    "password_reset_done": login_not_required(
        auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_done.html")
    ),
    "password_reset_confirm": login_not_required(
        views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("core:password_reset_complete"))
    ),
    "password_reset_complete": login_not_required(
        auth_views.PasswordResetCompleteView.as_view(template_name="core/password_reset_complete.html")
    ),
}

urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", views.login_view, name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akun/kata-sandi/",
        views.PasswordChangeView.as_view(success_url=reverse_lazy("core:password_change_done")),
        name="password_change",
    ),
    path(
        "akun/kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(template_name="core/password_change_done.html"),
        name="password_change_done",
    ),
    path("akun/lupa-sandi/", _reset["password_reset"], name="password_reset"),
    path("akun/lupa-sandi/terkirim/", _reset["password_reset_done"], name="password_reset_done"),
    path("akun/atur-ulang/<uidb64>/<token>/", _reset["password_reset_confirm"], name="password_reset_confirm"),
    path("akun/atur-ulang/selesai/", _reset["password_reset_complete"], name="password_reset_complete"),
    path("notifikasi/", views.notifikasi_list, name="notifikasi"),
    path("notifikasi/baca/", views.notifikasi_read, name="notifikasi_read"),
    path("notifikasi/lencana/", views.notifikasi_badge, name="notifikasi_badge"),
    path("audit/", views.audit_search, name="audit"),
    path("audit/catatan/", views.catatan_audit, name="catatan_audit"),
    path("sehat/", views.health, name="health"),
    path("luring/", views.offline, name="offline"),
]
