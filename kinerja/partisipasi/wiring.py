"""Connect partisipasi at start-up: audit registration, navigation, home panel, page slots."""

from auditlog.registry import auditlog
from django.utils.translation import gettext_lazy as _

from kinerja.core.navigation import HomePanel, NavItem, register_nav, register_panel
from kinerja.core.slots import SlotBlock, register_slot
from kinerja.partisipasi.models import (
    BalasanPublik,
    CatatanModerasi,
    KebijakanPartisipasi,
    MasukanProyek,
    Pengaduan,
    PengelolaPengaduan,
    PenilaianPetugas,
    PetugasLayanan,
    ResponSurvei,
    TanggapanPengaduan,
    TitikLayanan,
)

_MODERASI = ["status", "alasan_moderasi", "dimoderasi_oleh"]
for model in (TitikLayanan, PetugasLayanan, PengelolaPengaduan, KebijakanPartisipasi, BalasanPublik, CatatanModerasi):
    auditlog.register(model, exclude_fields=["created_at", "updated_at"])
# Public submissions are not audited when they arrive (the row itself is the record); moderation is.
for model in (ResponSurvei, PenilaianPetugas, MasukanProyek):
    auditlog.register(model, include_fields=_MODERASI)
# UU PDP: the complainant's identity and the address/device hashes never enter the audit log, which admins and
# Inspektorat can search (and the reported ASN might hold one of those roles).
auditlog.register(Pengaduan, exclude_fields=["nama_pelapor", "kontak_pelapor", "ip_hash", "perangkat_hash",
                                             "uraian_sidik", "created_at", "updated_at"])
auditlog.register(TanggapanPengaduan, include_fields=["jenis", "status_sebelum", "status_sesudah", "publik"])

register_nav(NavItem("partisipasi", _("Partisipasi warga"), "partisipasi:dashboard", order=45,
                     help=_("Survei kepuasan, penilaian petugas, pengaduan warga")))


def _panel_context(request):
    from kinerja.partisipasi import selectors
    from kinerja.partisipasi.access import scope_partisipasi
    from kinerja.partisipasi.models import STATUS_TERBUKA, StatusModerasi

    scope = scope_partisipasi(request.user)
    ctx = {"staf": scope.staf, "petugas": selectors.petugas_saya(actor=request.user),
           "pegawai": scope.base.pegawai is not None}
    if ctx["petugas"] is not None and ctx["petugas"].aktif:
        ctx["skor"] = selectors.skor_petugas(ctx["petugas"].pegawai)
    else:
        ctx["petugas"] = None
    if scope.staf:
        pengaduan = selectors.pengaduan_list(actor=request.user)
        ctx["terbuka"] = pengaduan.filter(status__in=STATUS_TERBUKA).count()
        ctx["terlambat"] = selectors.pengaduan_list(actor=request.user, terlambat=True).count()
        ctx["moderasi"] = sum(m.objects.filter(q, status=StatusModerasi.DITINJAU).count() for m, q in (
            (ResponSurvei, scope.unit_kelola_q("titik__unit_kerja__")), (PenilaianPetugas, scope.unit_kelola_q()),
            (MasukanProyek, scope.unit_kelola_q("titik__unit_kerja__"))))
    return ctx


register_panel(HomePanel("partisipasi", "partisipasi/_panel.html", _panel_context, order=40))


def _bukti_pegawai(request, pegawai):
    """Slot block for the Penilaian page (slot "penilaian_bukti", object: the pegawai being assessed) and any page
    that shows one pegawai: citizen evidence for the current year, when the viewer may see that pegawai."""
    import datetime as dt

    from django.utils import timezone

    from kinerja.core.exceptions import NotFound
    from kinerja.partisipasi import selectors

    pegawai = getattr(pegawai, "pegawai", pegawai)
    if pegawai is None or not hasattr(pegawai, "unit_kerja_id"):
        return None
    today = timezone.localdate()
    try:
        data = selectors.ringkasan_pegawai(pegawai, dt.date(today.year, 1, 1), today, actor=request.user)
    except NotFound:
        return None
    return {"r": data}


for _slot in ("penilaian_bukti", "pegawai_detail"):
    register_slot(_slot, SlotBlock("partisipasi_bukti", "partisipasi/_ringkasan_pegawai.html", _bukti_pegawai,
                                   order=50))
