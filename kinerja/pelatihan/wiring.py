"""Connect pelatihan at start-up: audit registration, permissions, navigation, home panels and the development
history block on profile pages.

Not audited on purpose: `ResponsSurvei` and `PartisipasiSurvei` (an audit entry would tie an answer to its author),
`AktivitasPengguna` (a usage counter) and `MetrikAdopsi` (derived, recomputed every night).
"""

from auditlog.registry import auditlog
from django.utils.translation import gettext_lazy as _

from kinerja.core import tunda
from kinerja.core.models import Peran
from kinerja.core.navigation import HomePanel, NavItem, register_nav, register_panel
from kinerja.core.slots import SlotBlock, register_slot
from kinerja.pelatihan import permissions  # noqa: F401  (registers rules)
from kinerja.pelatihan.models import (
    FokusSesi,
    MateriSesi,
    PesertaSesi,
    ProgramPelatihan,
    PutaranSurvei,
    RiwayatPengembangan,
    SasaranSesi,
    SesiPelatihan,
    SoalKuis,
    TindakLanjutSurvei,
    UmpanBalikSesi,
)

for _model in (ProgramPelatihan, SasaranSesi, FokusSesi, SoalKuis, PesertaSesi, UmpanBalikSesi,
               RiwayatPengembangan, PutaranSurvei, TindakLanjutSurvei):
    auditlog.register(_model, exclude_fields=["created_at", "updated_at"])
auditlog.register(SesiPelatihan, exclude_fields=["created_at", "updated_at", "rahasia_presensi"])
auditlog.register(MateriSesi, include_fields=["judul", "nama_asli", "sha256", "ukuran"])

METRIK_ROLES = frozenset({Peran.ADMIN_BKPSDM, Peran.INSPEKTORAT, Peran.PIMPINAN_OPD, Peran.PIMPINAN_DAERAH})

register_nav(NavItem("pelatihan", _("Pelatihan"), "pelatihan:beranda", order=70,
                     help=_("Undangan sosialisasi dan pelatihan, presensi, sertifikat, survei.")))
register_nav(NavItem("adopsi", _("Adopsi"), "pelatihan:adopsi", METRIK_ROLES, order=75,
                     help=_("Seberapa jauh Kinerja dipakai per OPD dan unit.")))
register_nav(NavItem("bantuan", _("Bantuan"), "pelatihan:bantuan", order=95,
                     help=_("FAQ, panduan singkat dan tur pengenalan.")))


def _bantuan_context(request):
    from django.conf import settings

    from kinerja.core.roles import primary_role, roles_of
    from kinerja.pelatihan.bantuan import artikel_untuk, tur_untuk

    user = request.user
    ulang = request.GET.get("tur") == "1"
    tampil = not user.onboarding_selesai or ulang
    # The tour is offered at the top of the home page on first use and starts with one tap; it starts by itself
    # only with ?tur=1 (after "Ulangi tur") or when PELATIHAN_TUR_OTOMATIS is set (an overlay that opens by itself
    # would sit over every first page other journeys and screen readers land on).
    otomatis = ulang or getattr(settings, "PELATIHAN_TUR_OTOMATIS", False)
    return {"tur": tur_untuk(primary_role(user)) if tampil else None, "tampil_tur": tampil, "otomatis": otomatis,
            "artikel": artikel_untuk(roles_of(user))[:3]}


def _pelatihan_context(request):
    from django.db.models import Count, Q, Sum
    from django.utils import timezone

    from kinerja.organisasi.access import scope_for
    from kinerja.pelatihan.models import RiwayatPengembangan
    from kinerja.pelatihan.selectors import putaran_aktif, sudah_mengisi, undangan_saya

    undangan = undangan_saya(actor=request.user)
    putaran = putaran_aktif(request.user.instansi_id) if request.user.instansi_id else None
    tahun = timezone.localdate().year
    riwayat = RiwayatPengembangan.objects.filter(pegawai_id=scope_for(request.user).pegawai_id).aggregate(
        n=Count("pk"), jp=Sum("jam_pelajaran", filter=Q(tanggal_selesai__year=tahun)))
    return {"akan": undangan["akan"][:3], "jumlah_akan": len(undangan["akan"]),
            "putaran": putaran if putaran and not sudah_mengisi(actor=request.user, putaran=putaran) else None,
            "riwayat_n": riwayat["n"], "jp": riwayat["jp"] or 0}


def _adopsi_context(request):
    from kinerja.pelatihan.selectors import metrik_instansi, metrik_opd, minggu_tersedia, tertinggal_list

    minggu = minggu_tersedia(actor=request.user, batas=1)
    if not minggu:
        return {"minggu": None}
    m = minggu[0]
    instansi = metrik_instansi(actor=request.user, minggu=m)
    opd = [] if instansi else list(metrik_opd(actor=request.user, minggu=m)[:3])
    return {"minggu": m, "instansi": instansi, "ringkas": instansi or (opd[0] if opd else None),
            "tertinggal": len(tertinggal_list(actor=request.user, minggu=m))}


register_panel(HomePanel("bantuan", "pelatihan/_panel_bantuan.html", _bantuan_context, order=1))
register_panel(HomePanel("pelatihan", "pelatihan/_panel_pelatihan.html", _pelatihan_context,
                         frozenset({Peran.PEGAWAI}), 40))
register_panel(HomePanel("adopsi", "pelatihan/_panel_adopsi.html", _adopsi_context, METRIK_ROLES, 8))


def _riwayat_context(request, pegawai):
    """The development history block on a pegawai's profile (own profile or someone in scope)."""
    from kinerja.core.exceptions import ApplicationError
    from kinerja.pelatihan.selectors import riwayat_pengembangan

    if request is None or pegawai is None or not getattr(pegawai, "pk", None):
        return None
    try:
        data = riwayat_pengembangan(actor=request.user, pegawai_id=pegawai.pk)
    except ApplicationError:
        return None
    return {"riwayat": data, "pegawai": pegawai}


# Slot names a profile page may render: organisasi's "pegawai_profil" (own profile and pegawai detail).
register_slot("pegawai_profil", SlotBlock("pelatihan_riwayat", "pelatihan/_slot_riwayat.html", _riwayat_context,
                                          order=60))


def _tulis_aktivitas(items: dict) -> None:
    from kinerja.pelatihan import services

    services.aktivitas_catat_banyak(items)


tunda.register("aktivitas", _tulis_aktivitas)  # active days, written behind in batches (core/tunda.py)
