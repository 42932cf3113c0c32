"""Django admin in Bahasa Indonesia for BKPSDM. Every admin class is scoped to the user's instansi and
routes writes through services (see organisasi/admin.py)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kinerja.core.models import ApiToken, CatatanAudit, Instansi, PeranPengguna, User
from kinerja.core.roles import has_role


class InstansiScopedAdmin(admin.ModelAdmin):
    """Shows only rows of the user's instansi; only admin BKPSDM (or a superuser) may use it."""

    instansi_field = "instansi_id"

    def _allowed(self, request) -> bool:
        return request.user.is_active and (request.user.is_superuser or has_role(request.user, "admin_bkpsdm"))

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request) and (obj is None or self._same_instansi(request, obj))

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return False  # history is never deleted; deactivate instead

    def _same_instansi(self, request, obj) -> bool:
        return request.user.is_superuser or getattr(obj, self.instansi_field, None) == request.user.instansi_id

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{self.instansi_field: request.user.instansi_id})


@admin.register(User)
class KinerjaUserAdmin(UserAdmin):
    list_display = ("username", "nama_lengkap", "instansi", "is_active", "is_staff", "last_login")
    search_fields = ("username", "nama_lengkap", "email")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Data akun", {"fields": ("nama_lengkap", "email", "instansi")}),
        ("Hak akses", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Tanggal penting", {"fields": ("last_login", "date_joined")}),
    )

    def has_module_permission(self, request):
        return request.user.is_superuser


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ("nama", "kode", "zona_waktu")

    def has_module_permission(self, request):
        return request.user.is_superuser


@admin.register(PeranPengguna)
class PeranPenggunaAdmin(InstansiScopedAdmin):
    list_display = ("user", "peran", "keterangan")
    list_filter = ("peran",)
    search_fields = ("user__username", "user__nama_lengkap")
    autocomplete_fields = ("user",)

    def save_model(self, request, obj, form, change):
        from kinerja.core.services import peran_pengguna_grant

        granted = peran_pengguna_grant(actor=request.user, user=obj.user, peran=obj.peran, keterangan=obj.keterangan)
        obj.pk = granted.pk


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "nama", "created_at", "expires_at", "revoked_at", "last_used_at")
    readonly_fields = [f.name for f in ApiToken._meta.fields]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False


@admin.register(CatatanAudit)
class CatatanAuditAdmin(InstansiScopedAdmin):
    list_display = ("judul", "penulis", "created_at")
    readonly_fields = ("instansi", "penulis", "judul", "isi", "objek")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
