"""Connect pengawasan at start-up: audit registration, navigation, home panels, the profile block on the
evaluation page (a penilaian slot) and pengawasan's development signals for pelatihan's training suggestions.
Nothing imports pengawasan: it plugs into the registries the other apps expose."""

from auditlog.registry import auditlog
from django.utils.translation import gettext_lazy as _

from kinerja.core.models import Peran
from kinerja.core.navigation import HomePanel, NavItem, register_nav, register_panel
from kinerja.core.slots import SlotBlock, register_slot
from kinerja.pengawasan.models import KebijakanPengawasan, Peringatan, PraktikBaik

auditlog.register(Peringatan, include_fields=["status", "judul", "pemilik", "diakui_pada", "diakui_oleh",
                                              "catatan_pengakuan", "diselesaikan_pada", "diselesaikan_oleh",
                                              "catatan_penyelesaian"])
auditlog.register(KebijakanPengawasan, exclude_fields=["created_at", "updated_at"])
auditlog.register(PraktikBaik, exclude_fields=["created_at", "updated_at"], m2m_fields={"bukti"})

PENGAWAS = frozenset({Peran.ATASAN, Peran.PIMPINAN_OPD, Peran.ADMIN_BKPSDM, Peran.INSPEKTORAT,
                      Peran.PIMPINAN_DAERAH})
register_nav(NavItem("pengawasan", _("Dasbor kinerja"), "pengawasan:beranda", PENGAWAS, order=5,
                     help=_("Kepatuhan laporan, tinjauan, capaian, predikat, IKM dan pengaduan")))
register_nav(NavItem("peringatan", _("Peringatan dini"), "pengawasan:peringatan_list", PENGAWAS, order=6))
register_nav(NavItem("inspektorat", _("Ruang kerja Inspektorat"), "pengawasan:inspektorat",
                     frozenset({Peran.INSPEKTORAT}), order=69))
register_nav(NavItem("praktik_baik", _("Praktik baik"), "pengawasan:praktik_list", order=80))
register_nav(NavItem("kebijakan_pengawasan", _("Kebijakan pengawasan"), "pengawasan:kebijakan",
                     frozenset({Peran.ADMIN_BKPSDM}), order=76))


def _peringatan_context(request):
    from kinerja.pengawasan.selectors import peringatan_list

    qs = peringatan_list(actor=request.user)
    milik = qs.filter(pemilik=request.user)
    return {"jumlah": qs.count(), "milik": list(milik[:3]), "jumlah_milik": milik.count()}


def _dasbor_context(request):
    from kinerja.pengawasan.access import scope_pengawasan
    from kinerja.pengawasan.selectors import dasbor

    sp = scope_pengawasan(request.user)
    unit_id = None if sp.semua_unit else (sp.akar[0][0] if sp.akar else None)
    if unit_id is None and not sp.semua_unit:
        return {}
    d = dasbor(actor=request.user, unit_id=unit_id)
    tertinggal = [b for b in d.baris if b.tertinggal]
    return {"d": d, "tertinggal": tertinggal[:5], "jumlah_tertinggal": len(tertinggal)}


def _praktik_context(request):
    from kinerja.pengawasan.access import scope_pengawasan
    from kinerja.pengawasan.selectors import halaman_pegawai

    sp = scope_pengawasan(request.user)
    if sp.base.pegawai is None:
        return {}
    h = halaman_pegawai(actor=request.user, pegawai_id=sp.base.pegawai.pk)
    return {"h": h}


def _anomali_context(request):
    from kinerja.pengawasan.selectors import ringkasan_anomali

    return {"ringkasan": ringkasan_anomali(actor=request.user)}


register_panel(HomePanel("pengawasan_dasbor", "pengawasan/_panel_dasbor.html", _dasbor_context,
                         frozenset({Peran.PIMPINAN_DAERAH, Peran.PIMPINAN_OPD, Peran.ADMIN_BKPSDM}), 6))
register_panel(HomePanel("pengawasan_peringatan", "pengawasan/_panel_peringatan.html", _peringatan_context,
                         frozenset({Peran.ATASAN, Peran.PIMPINAN_OPD}), 7))
register_panel(HomePanel("pengawasan_anomali", "pengawasan/_panel_anomali.html", _anomali_context,
                         frozenset({Peran.INSPEKTORAT}), 6))
register_panel(HomePanel("pengawasan_profil", "pengawasan/_panel_profil.html", _praktik_context,
                         frozenset({Peran.PEGAWAI}), 40))


def _evaluasi_slot(request, evaluasi):
    """On penilaian's evaluation page: the pegawai's strengths and weaknesses against comparable peers."""
    from kinerja.core.exceptions import NotFound
    from kinerja.pengawasan.models import ProfilPegawai

    try:
        from kinerja.pengawasan.selectors import pegawai_get

        pegawai_get(actor=request.user, pegawai_id=evaluasi.pegawai_id)
    except NotFound:
        return None
    profil = ProfilPegawai.objects.filter(pegawai_id=evaluasi.pegawai_id, periode_id=evaluasi.periode_id).first()
    return {"profil": profil, "pegawai_id": evaluasi.pegawai_id} if profil else None


register_slot("penilaian_evaluasi", SlotBlock("pengawasan_profil", "pengawasan/_slot_profil.html", _evaluasi_slot,
                                              order=50))


def _sumber_saran(pegawai):
    """pelatihan asks every registered source for (fokus, reason): here, the development areas of the profile."""
    from kinerja.pengawasan.models import ProfilPegawai

    profil = ProfilPegawai.objects.filter(pegawai=pegawai).order_by("-periode__tahun").first()
    if profil is None:
        return []
    dims = {d["kode"]: d for d in profil.dimensi}
    out = []
    for kode in profil.area:
        d = dims.get(kode)
        if d and d.get("fokus"):
            out.append((d["fokus"], f"Area pengembangan dibanding rekan sejabatan: {d['label']}."))
    return out


try:
    from kinerja.pelatihan.selectors import register_sumber_saran
except ImportError:  # pragma: no cover - pelatihan not installed
    register_sumber_saran = None
if register_sumber_saran is not None:
    register_sumber_saran(_sumber_saran)
