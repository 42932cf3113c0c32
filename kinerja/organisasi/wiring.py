"""Connect organisasi to core at start-up: audit registration, role resolver, navigation, home panels."""

from auditlog.registry import auditlog
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import Peran
from kinerja.core.navigation import HomePanel, NavItem, register_nav, register_panel
from kinerja.core.roles import register_role_resolver
from kinerja.organisasi import permissions  # noqa: F401  (registers rules)
from kinerja.organisasi.access import derived_roles
from kinerja.organisasi.models import ImporData, Jabatan, Pegawai, Penempatan, PenugasanPlt, UnitKerja

for model in (UnitKerja, Jabatan, Pegawai, Penempatan, PenugasanPlt):
    auditlog.register(model, exclude_fields=["updated_at", "created_at"])
auditlog.register(ImporData, include_fields=["status", "jenis", "nama_berkas"])

register_role_resolver(derived_roles)

register_nav(NavItem("profil", _("Profil saya"), "organisasi:profil", frozenset({Peran.PEGAWAI}), order=90))
register_nav(NavItem("tim", _("Tim saya"), "organisasi:tim",
                     frozenset({Peran.ATASAN, Peran.PIMPINAN_OPD}), order=30))
register_nav(NavItem("pegawai", _("Pegawai"), "organisasi:pegawai_list",
                     frozenset({Peran.ADMIN_BKPSDM, Peran.INSPEKTORAT, Peran.PIMPINAN_OPD}), order=40))
register_nav(NavItem("struktur", _("Struktur organisasi"), "organisasi:unit_tree",
                     frozenset({Peran.ADMIN_BKPSDM, Peran.INSPEKTORAT, Peran.PIMPINAN_OPD, Peran.PIMPINAN_DAERAH}),
                     order=50))
register_nav(NavItem("impor", _("Impor data"), "organisasi:impor_list", frozenset({Peran.ADMIN_BKPSDM}), order=60))


def _profil_context(request):
    from kinerja.organisasi.access import scope_for
    from kinerja.organisasi.selectors import pejabat_penilai

    scope = scope_for(request.user)
    if scope.pegawai is None:
        return {}
    atasan, atasan_atasan = pejabat_penilai(scope.pegawai)
    return {"pegawai": scope.pegawai, "atasan": atasan, "atasan_atasan": atasan_atasan}


def _tim_context(request):
    from kinerja.organisasi.access import scope_for
    from kinerja.organisasi.selectors import bawahan_langsung

    scope = scope_for(request.user)
    bawahan = bawahan_langsung(scope.pegawai) if scope.pegawai else []
    return {"bawahan": bawahan[:12], "jumlah_bawahan": len(bawahan)}


def _admin_context(request):
    from kinerja.organisasi.models import Pegawai, StatusImpor, UnitKerja

    iid = request.user.instansi_id
    return {
        "jumlah_pegawai": Pegawai.objects.filter(instansi_id=iid, status="aktif").count(),
        "jumlah_unit": UnitKerja.objects.filter(instansi_id=iid, aktif=True).count(),
        "jumlah_opd": UnitKerja.objects.filter(instansi_id=iid, aktif=True, induk__isnull=True).count(),
        "impor_terakhir": ImporData.objects.filter(instansi_id=iid).exclude(status=StatusImpor.DIUNGGAH).first(),
    }


def _daerah_context(request):
    from django.db.models import Count, Q

    from kinerja.organisasi.models import UnitKerja

    opd = (UnitKerja.objects.filter(instansi_id=request.user.instansi_id, induk__isnull=True, aktif=True)
           .annotate(n=Count("pegawai", filter=Q(pegawai__status="aktif"))).order_by("-n")[:10])
    return {"opd_terbesar": opd}


register_panel(HomePanel("profil", "organisasi/_panel_profil.html", _profil_context, frozenset({Peran.PEGAWAI}), 10))
register_panel(HomePanel("tim", "organisasi/_panel_tim.html", _tim_context,
                         frozenset({Peran.ATASAN}), 20))
register_panel(HomePanel("admin", "organisasi/_panel_admin.html", _admin_context,
                         frozenset({Peran.ADMIN_BKPSDM}), 5))
register_panel(HomePanel("daerah", "organisasi/_panel_daerah.html", _daerah_context,
                         frozenset({Peran.PIMPINAN_DAERAH}), 5))
