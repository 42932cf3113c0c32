"""Connect perencanaan at start-up: audit registration, permissions, navigation and home panels."""

from auditlog.registry import auditlog
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import Peran
from kinerja.core.navigation import HomePanel, NavItem, register_nav, register_panel
from kinerja.core.roles import has_role
from kinerja.perencanaan import permissions  # noqa: F401  (registers rules)
from kinerja.perencanaan.models import (
    EkspektasiPerilaku,
    IndikatorKinerja,
    JadwalEvaluasi,
    PeriodeKinerja,
    ProgramKegiatan,
    RencanaHasilKerja,
    RiwayatSkp,
    SasaranKinerjaPegawai,
    SasaranOrganisasi,
)

_EXCLUDE = ["created_at", "updated_at"]
for model in (PeriodeKinerja, JadwalEvaluasi, SasaranOrganisasi, ProgramKegiatan, RencanaHasilKerja,
              IndikatorKinerja, EkspektasiPerilaku):
    auditlog.register(model, exclude_fields=_EXCLUDE)
auditlog.register(SasaranKinerjaPegawai, exclude_fields=_EXCLUDE + ["pejabat_penilai_snapshot",
                                                                    "atasan_pejabat_penilai_snapshot"])
auditlog.register(RiwayatSkp, include_fields=["versi", "peristiwa", "alasan"])

ALL_STAFF = frozenset({Peran.PEGAWAI})
LEADERS = frozenset({Peran.ATASAN, Peran.PIMPINAN_OPD})
OVERSIGHT = frozenset({Peran.ADMIN_BKPSDM, Peran.INSPEKTORAT})

register_nav(NavItem("skp_saya", _("SKP saya"), "perencanaan:saya", ALL_STAFF, order=11,
                     help=_("Sasaran Kinerja Pegawai: rencana hasil kerja Anda")))
register_nav(NavItem("skp_tim", _("SKP tim"), "perencanaan:tim", LEADERS | {Peran.PIMPINAN_DAERAH}, order=31))
register_nav(NavItem("kaskade", _("Kaskade kinerja"), "perencanaan:kaskade",
                     ALL_STAFF | LEADERS | OVERSIGHT | {Peran.PIMPINAN_DAERAH}, order=32))
register_nav(NavItem("matriks", _("Matriks peran hasil"), "perencanaan:matriks", LEADERS | OVERSIGHT, order=33))
register_nav(NavItem("program", _("Program & proyek"), "perencanaan:program_list",
                     ALL_STAFF | OVERSIGHT | {Peran.PIMPINAN_DAERAH}, order=55))
register_nav(NavItem("periode", _("Periode & sasaran"), "perencanaan:periode_list", frozenset({Peran.ADMIN_BKPSDM}),
                     order=61))


def _skp_context(request):
    from kinerja.organisasi.access import scope_for
    from kinerja.organisasi.selectors import atasan_langsung
    from kinerja.perencanaan import selectors

    scope = scope_for(request.user)
    periode = selectors.periode_untuk_tanggal(request.user.instansi_id) if request.user.instansi_id else None
    if scope.pegawai is None or periode is None:
        return {"periode": periode}
    skp = selectors.skp_aktif(scope.pegawai, periode)
    ctx = {"periode": periode, "skp": skp}
    if skp is not None:
        ctx["langkah"] = selectors.langkah_berikut(skp, request.user)
    elif scope.pegawai.jabatan_id and scope.pegawai.jabatan.jenis != "jpt_pratama":
        atasan = atasan_langsung(scope.pegawai)
        atasan_skp = selectors.skp_aktif(atasan, periode) if atasan else None
        ctx.update(atasan=atasan, atasan_n_rhk=atasan_skp.rhk.count() if atasan_skp else 0)
    return ctx


def _antrian_context(request):
    from kinerja.perencanaan import selectors

    periode = selectors.periode_untuk_tanggal(request.user.instansi_id) if request.user.instansi_id else None
    antrian = selectors.skp_antrian(actor=request.user, periode=periode)
    rows = selectors.skp_tim(actor=request.user, periode=periode) if periode else []
    return {"periode": periode, "antrian": list(antrian[:6]), "jumlah": antrian.count(),
            "belum": sum(1 for r in rows if r.skp is None)}


def _ringkasan_context(request):
    from kinerja.organisasi.models import Pegawai
    from kinerja.perencanaan import selectors
    from kinerja.perencanaan.models import SasaranKinerjaPegawai, StatusSkp

    iid = request.user.instansi_id
    periode = selectors.periode_untuk_tanggal(iid) if iid else None
    if periode is None:
        return {"periode": None, "admin": has_role(request.user, Peran.ADMIN_BKPSDM)}
    disetujui = SasaranKinerjaPegawai.objects.filter(periode=periode, aktif=True, status=StatusSkp.DISETUJUI).count()
    pegawai = Pegawai.objects.filter(instansi_id=iid, status="aktif").count()
    return {"periode": periode, "disetujui": disetujui, "pegawai": pegawai,
            "persen": round(100 * disetujui / pegawai) if pegawai else 0}


register_panel(HomePanel("skp_saya", "perencanaan/_panel_skp.html", _skp_context, ALL_STAFF, 12))
register_panel(HomePanel("skp_antrian", "perencanaan/_panel_antrian.html", _antrian_context,
                         frozenset({Peran.ATASAN}), 21))
register_panel(HomePanel("perencanaan_ringkasan", "perencanaan/_panel_ringkasan.html", _ringkasan_context,
                         frozenset({Peran.PIMPINAN_DAERAH, Peran.ADMIN_BKPSDM}), 8))
