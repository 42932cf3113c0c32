"""Connect laporan at start-up: audit registration, permissions, navigation, home panels and the realisasi block
on perencanaan's SKP page."""

from auditlog.registry import auditlog
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import Peran
from kinerja.core.navigation import HomePanel, NavItem, register_nav, register_panel
from kinerja.core.slots import SlotBlock, register_slot
from kinerja.laporan import permissions  # noqa: F401  (registers rules)
from kinerja.laporan.models import (
    BukaKunciLaporan,
    BuktiDukung,
    KebijakanLaporan,
    KomentarLaporan,
    LaporanHarian,
)
from kinerja.organisasi.models import Jabatan, Pegawai, PenugasanPlt


def _forget_penilai(**_kwargs) -> None:
    from kinerja.laporan.services.laporan import penilai_forget

    penilai_forget()


# the cached atasan langsung of submitters (services/laporan.py) follows changes to the organisation
for _model in (Pegawai, Jabatan, PenugasanPlt):
    post_save.connect(_forget_penilai, sender=_model, dispatch_uid=f"laporan-penilai-{_model.__name__}")
    post_delete.connect(_forget_penilai, sender=_model, dispatch_uid=f"laporan-penilai-del-{_model.__name__}")

auditlog.register(LaporanHarian, exclude_fields=["created_at", "updated_at"])
auditlog.register(BuktiDukung, exclude_fields=["created_at", "updated_at"])
auditlog.register(KomentarLaporan, exclude_fields=["created_at", "updated_at"])
auditlog.register(KebijakanLaporan, exclude_fields=["created_at", "updated_at"])
auditlog.register(BukaKunciLaporan, exclude_fields=["created_at", "updated_at"])

register_nav(NavItem("laporan", _("Laporan harian"), "laporan:beranda", frozenset({Peran.PEGAWAI}), order=20,
                     help=_("Isi laporan hari ini, juga saat luring.")))
register_nav(NavItem("tinjauan", _("Tinjauan laporan"), "laporan:tinjauan", frozenset({Peran.ATASAN}), order=25,
                     help=_("Setujui atau minta revisi laporan bawahan.")))
register_nav(NavItem("kebijakan_laporan", _("Kebijakan laporan"), "laporan:kebijakan",
                     frozenset({Peran.ADMIN_BKPSDM}), order=65))


def _pegawai_context(request):
    from kinerja.laporan.selectors import ringkasan_pegawai

    return {"ringkasan": ringkasan_pegawai(actor=request.user)}


def _atasan_context(request):
    from kinerja.laporan.selectors import antrian_jumlah, antrian_tinjauan

    antrian = antrian_tinjauan(actor=request.user, batas=5)
    return {"antrian": antrian, "jumlah": antrian_jumlah(actor=request.user)}


register_panel(HomePanel("laporan", "laporan/_panel_pegawai.html", _pegawai_context, frozenset({Peran.PEGAWAI}), 12))
register_panel(HomePanel("tinjauan", "laporan/_panel_atasan.html", _atasan_context, frozenset({Peran.ATASAN}), 15))


def _realisasi_context(request, skp):
    from kinerja.core.exceptions import NotFound
    from kinerja.laporan.selectors import realisasi_skp

    if request is None or skp is None:
        return None
    try:
        return {"realisasi": realisasi_skp(actor=request.user, skp=skp)}
    except NotFound:
        return None


register_slot("skp_detail", SlotBlock("laporan_realisasi", "laporan/_slot_realisasi.html", _realisasi_context, order=50))
