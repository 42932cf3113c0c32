"""Connect core at start-up: audit registration, permissions, navigation."""

from auditlog.registry import auditlog
from django.utils.translation import gettext_lazy as _

from kinerja.core import permissions  # noqa: F401  (registers rules)
from kinerja.core.models import ApiToken, CatatanAudit, Instansi, Peran, PeranPengguna, User
from kinerja.core.navigation import HomePanel, NavItem, register_nav, register_panel

auditlog.register(User, include_fields=["username", "is_active", "is_staff", "is_superuser", "email",
                                        "nama_lengkap", "password"], mask_fields=["password"])
auditlog.register(Instansi)
auditlog.register(PeranPengguna)
auditlog.register(ApiToken, include_fields=["revoked_at", "nama", "expires_at"])
auditlog.register(CatatanAudit)

register_nav(NavItem("beranda", _("Beranda"), "core:home", order=0))
register_nav(NavItem("audit", _("Jejak audit"), "core:audit", frozenset({Peran.INSPEKTORAT, Peran.ADMIN_BKPSDM}),
                     order=70))
register_nav(NavItem("catatan_audit", _("Catatan audit"), "core:catatan_audit", frozenset({Peran.INSPEKTORAT}),
                     order=71))


def _inspektorat_context(request):
    from auditlog.models import LogEntry

    from kinerja.core.models import CatatanAudit

    iid = request.user.instansi_id
    return {
        "jumlah_catatan": CatatanAudit.objects.filter(instansi_id=iid).count(),
        "entri_terbaru": LogEntry.objects.filter(additional_data__instansi=iid).select_related("actor")
        .order_by("-timestamp")[:5],
    }


register_panel(HomePanel("inspektorat", "core/_panel_inspektorat.html", _inspektorat_context,
                         frozenset({Peran.INSPEKTORAT}), 5))
