"""Connect penilaian at start-up: audit registration, permissions, navigation, home panels and a block on
perencanaan's SKP page. `Respon360` is deliberately NOT registered with the audit log (anonymity)."""

from auditlog.registry import auditlog
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import Peran
from kinerja.core.navigation import HomePanel, NavItem, register_nav, register_panel
from kinerja.core.slots import SlotBlock, register_slot
from kinerja.penilaian import permissions  # noqa: F401  (registers rules)
from kinerja.penilaian.models import (
    DialogKinerja,
    Evaluasi,
    Keberatan,
    KebijakanPenilaian,
    PengecualianKurva,
    PenilaianDiri,
    PenilaianDiriRhk,
    PenilaianPerilaku,
    PenilaianRhk,
    PenilaiRekan,
    PesertaDialog,
    PredikatOrganisasiUnit,
    RealisasiManual,
    TindakLanjut,
)

_EXCLUDE = ["created_at", "updated_at"]
for _model in (Evaluasi, PenilaianRhk, PenilaianPerilaku, RealisasiManual, PenilaianDiri, PenilaianDiriRhk,
               KebijakanPenilaian, PredikatOrganisasiUnit, PengecualianKurva, Keberatan, DialogKinerja, PesertaDialog,
               TindakLanjut):
    auditlog.register(_model, exclude_fields=_EXCLUDE)
# Invitations: who was asked is audited; whether and when they answered is not (it would date the answer).
auditlog.register(PenilaiRekan, exclude_fields=[*_EXCLUDE, "sudah_merespons", "diingatkan_pada"])

register_nav(NavItem("penilaian", _("Penilaian"), "penilaian:index",
                     frozenset({Peran.PEGAWAI, Peran.ATASAN, Peran.PIMPINAN_OPD}), order=32,
                     help=_("Penilaian diri, rating, umpan balik rekan, keberatan.")))
register_nav(NavItem("dialog_kinerja", _("Dialog kinerja"), "penilaian:dialog_list",
                     frozenset({Peran.ATASAN, Peran.PEGAWAI}), order=34))
register_nav(NavItem("kalibrasi", _("Kalibrasi predikat"), "penilaian:kalibrasi",
                     frozenset({Peran.PIMPINAN_OPD, Peran.ADMIN_BKPSDM, Peran.INSPEKTORAT}), order=45))
register_nav(NavItem("kebijakan_penilaian", _("Kebijakan penilaian"), "penilaian:kebijakan",
                     frozenset({Peran.ADMIN_BKPSDM}), order=66))


def _pegawai_context(request):
    from kinerja.organisasi.access import scope_for
    from kinerja.penilaian.models import Evaluasi
    from kinerja.penilaian.selectors import tindak_lanjut_milik, undangan_milik

    scope = scope_for(request.user)
    ev = (Evaluasi.objects.filter(pegawai_id=scope.pegawai_id).select_related("jadwal")
          .order_by("-periode__tahun", "-jadwal__nomor").first()) if scope.pegawai_id else None
    return {"evaluasi": ev, "undangan": undangan_milik(actor=request.user).count(),
            "tindak_lanjut": tindak_lanjut_milik(actor=request.user).count()}


def _atasan_context(request):
    from django.utils import timezone

    from kinerja.penilaian.selectors import dialog_list, jadwal_berjalan, tim_evaluasi
    from kinerja.perencanaan.selectors import periode_aktif

    periode = periode_aktif(request.user.instansi_id) if request.user.instansi_id else None
    jadwal = jadwal_berjalan(periode) if periode else None
    rows = tim_evaluasi(actor=request.user, jadwal=jadwal) if jadwal else []
    nxt = dialog_list(actor=request.user, dari=timezone.now()).filter(status="dijadwalkan").first()
    return {"jadwal": jadwal, "total": len(rows), "dialog": nxt,
            "dinilai": sum(1 for r in rows if r.evaluasi and r.evaluasi.predikat),
            "diri": sum(1 for r in rows if r.penilaian_diri)}


register_panel(HomePanel("penilaian", "penilaian/_panel_penilaian.html", _pegawai_context,
                         frozenset({Peran.PEGAWAI}), 14))
register_panel(HomePanel("penilaian_tim", "penilaian/_panel_tim_penilaian.html", _atasan_context,
                         frozenset({Peran.ATASAN}), 18))


def _skp_context(request, skp):
    from kinerja.penilaian.selectors import evaluasi_list

    if request is None or skp is None:
        return None
    return {"evaluasi": list(evaluasi_list(actor=request.user).filter(skp_id=skp.pk).order_by("jadwal__nomor"))}


register_slot("skp_detail", SlotBlock("penilaian_evaluasi", "penilaian/_slot_skp.html", _skp_context, order=60))
