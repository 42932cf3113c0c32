"""Services of the evaluation itself: opening, rating (the matrix, suggestions, feedback rules), manual
realisasi, the annual predikat, finalisation under the distribution curve, and every bad input of the issue."""

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState, NotFound
from kinerja.penilaian import rules, selectors, services
from kinerja.penilaian.access import MSG_BUKAN_PENILAI
from kinerja.penilaian.models import (
    Evaluasi,
    PengecualianKurva,
    PenilaianPerilaku,
    PenilaianRhk,
    RealisasiManual,
    StatusEvaluasi,
)
from kinerja.penilaian.services._base import MSG_TERKUNCI
from kinerja.penilaian.tests.factories import (
    build_world,
    indikator,
    make_laporan,
    nilai,
    rating_lengkap,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org):
    return build_world(org)


def _open(w, name="staff_1", jadwal=None, by="kasi"):
    return services.evaluasi_buka(actor=w.user(by), pegawai=getattr(w.org, name), jadwal=jadwal or w.tw3)


# --- opening -------------------------------------------------------------------------------------------------------
def test_open_snapshots_the_organisation(w):
    ev = _open(w)
    assert ev.status == StatusEvaluasi.DRAF and ev.skp == w.skp["staff_1"]
    assert ev.pejabat_penilai == w.org.kasi and ev.atasan_pejabat_penilai == w.org.kabid
    assert ev.pejabat_penilai_snapshot["nama"] == w.org.kasi.nama_lengkap
    assert ev.jabatan_nama == "Epidemiolog Kesehatan" and ev.jenjang == "ahli_pertama"
    assert ev.unit_kerja == w.org.seksi_imunisasi and ev.opd == w.org.dinkes
    assert _open(w, by="staff_1").pk == ev.pk  # idempotent; the pegawai may open their own


def test_only_the_pegawai_or_their_penilai_opens(w):
    with pytest.raises(Forbidden):
        _open(w, by="kabid")  # indirect superior
    with pytest.raises(NotFound):
        _open(w, by="kadis_pupr")  # other OPD
    with pytest.raises(NotFound):
        _open(w, by="staff_2")  # a peer
    assert not Evaluasi.objects.exists()


def test_no_evaluation_without_an_approved_skp(w):
    skp = w.skp["staff_1"]
    skp.status = "diajukan"
    skp.save()
    with pytest.raises(ApplicationError, match="SKP pegawai untuk periode ini belum disetujui"):
        _open(w)


def test_no_evaluation_of_a_window_not_started(w):
    future = w.jadwal[4]
    future.tanggal_mulai = timezone.localdate() + dt.timedelta(days=3)
    future.save()
    with pytest.raises(InvalidState, match="belum dimulai"):
        _open(w, jadwal=future)


def test_closed_period_refuses(w):
    w.periode.status = "ditutup"
    w.periode.save()
    with pytest.raises(InvalidState, match="sudah ditutup"):
        _open(w)


# --- rating --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("hk", "pk", "predikat"), [
    ("di_atas", "di_atas", "sangat_baik"), ("di_atas", "sesuai", "baik"), ("di_atas", "di_bawah", "kurang"),
    ("sesuai", "di_atas", "baik"), ("sesuai", "sesuai", "baik"), ("sesuai", "di_bawah", "kurang"),
    ("di_bawah", "di_atas", "butuh_perbaikan"), ("di_bawah", "sesuai", "butuh_perbaikan"),
    ("di_bawah", "di_bawah", "sangat_kurang"),
])
def test_rating_gives_the_matrix_predikat(w, hk, pk, predikat):
    ev = nilai(w, "staff_1", w.tw3, hk, pk)
    assert ev.status == StatusEvaluasi.DINILAI and ev.predikat == predikat
    assert ev.rating_hasil_kerja == hk and ev.rating_perilaku_kerja == pk


def test_rating_stores_every_rhk_and_value_and_notifies(w):
    ev = nilai(w, "staff_1", w.tw3)
    assert PenilaianRhk.objects.filter(evaluasi=ev).count() == 2
    assert PenilaianPerilaku.objects.filter(evaluasi=ev).count() == 7
    assert w.org.staff_1.user.notifikasi.filter(judul__contains="Penilaian Triwulan III").exists()
    assert LogEntry.objects.get_for_object(ev).filter(actor=w.org.kasi.user).exists()


def test_departure_from_the_suggestion_is_recorded(w):
    skp = w.skp["staff_1"]
    for day in range(5):  # 40 bayi/year → 10 per triwulan; 5 × 3 = 15 → 150 %; surveilans 3 of 3 → 100 %
        make_laporan(skp, indikator(skp, 0), w.tw3.tanggal_mulai + dt.timedelta(days=day), 3)
    make_laporan(skp, indikator(skp, 1), w.tw3.tanggal_mulai, 3)
    ev = _open(w)
    hk = selectors.hasil_kerja(actor=w.user("kasi"), evaluasi=ev)
    assert [round(r.capaian) for r in hk.rhk] == [150, 100]  # kualitas has no data yet: left out
    assert hk.saran == rules.Rating.DI_ATAS  # mean of (150, 100) = 125 ≥ 110
    kw = rating_lengkap(ev, "sesuai")
    kw["rating_hasil_kerja"] = "di_atas"
    kw["rhk"] = {rid: {"rating": "di_atas" if i == 0 else "sesuai", "umpan_balik": "Melampaui target."}
                 for i, rid in enumerate(kw["rhk"])}
    ev = services.evaluasi_nilai(actor=w.user("kasi"), evaluasi=ev, **kw)
    assert ev.saran_hasil_kerja == "di_atas" and not ev.menyimpang_dari_saran
    kw["rating_hasil_kerja"] = "sesuai"
    ev = services.evaluasi_nilai(actor=w.user("kasi"), evaluasi=ev, **kw)
    assert ev.menyimpang_dari_saran
    assert ev.capaian_rerata == Decimal("125.00")


def test_bad_input_rating_outside_the_scale(w):
    ev = _open(w)
    kw = rating_lengkap(ev)
    kw["rating_hasil_kerja"] = "luar_biasa"
    kw["perilaku"]["akuntabel"]["rating"] = "5"
    with pytest.raises(ApplicationError) as exc:
        services.evaluasi_nilai(actor=w.user("kasi"), evaluasi=ev, **kw)
    assert exc.value.status == 422
    assert exc.value.detail["rating_hasil_kerja"] == [rules.MSG_RATING_DI_LUAR_SKALA]
    assert exc.value.detail["perilaku_akuntabel"] == [rules.MSG_RATING_DI_LUAR_SKALA]
    ev.refresh_from_db()
    assert ev.status == StatusEvaluasi.DRAF and not ev.predikat
    assert not PenilaianRhk.objects.exists() and not PenilaianPerilaku.objects.exists()


def test_bad_input_missing_feedback_where_required(w):
    ev = _open(w)
    kw = rating_lengkap(ev)
    rid = next(iter(kw["rhk"]))
    kw["rhk"][rid] = {"rating": "di_bawah", "umpan_balik": "  "}
    kw["perilaku"]["kolaboratif"] = {"rating": "di_atas", "umpan_balik": ""}
    with pytest.raises(ApplicationError) as exc:
        services.evaluasi_nilai(actor=w.user("kasi"), evaluasi=ev, **kw)
    assert exc.value.detail == {f"rhk_{rid}_umpan_balik": [rules.MSG_UMPAN_BALIK_WAJIB],
                                "perilaku_kolaboratif_umpan_balik": [rules.MSG_UMPAN_BALIK_WAJIB]}
    assert not PenilaianRhk.objects.exists()
    kw["rhk"][rid]["umpan_balik"] = "Target belum tercapai karena vaksin terlambat."
    kw["perilaku"]["kolaboratif"]["umpan_balik"] = "Aktif menggerakkan kader."
    assert services.evaluasi_nilai(actor=w.user("kasi"), evaluasi=ev, **kw).status == StatusEvaluasi.DINILAI


def test_every_rhk_and_value_must_be_rated(w):
    ev = _open(w)
    kw = rating_lengkap(ev)
    kw["rhk"] = {}
    del kw["perilaku"]["loyal"]
    with pytest.raises(ApplicationError) as exc:
        services.evaluasi_nilai(actor=w.user("kasi"), evaluasi=ev, **kw)
    assert "perilaku_loyal" in exc.value.detail and len([k for k in exc.value.detail if k.startswith("rhk_")]) == 2


def test_bad_input_rating_someone_not_ones_subordinate(w):
    ev = _open(w)
    kw = rating_lengkap(ev)
    with pytest.raises(Forbidden) as exc:  # kabid sees staff_1 (indirect) but is not the pejabat penilai
        services.evaluasi_nilai(actor=w.user("kabid"), evaluasi=ev, **kw)
    assert exc.value.message == MSG_BUKAN_PENILAI and exc.value.status == 403
    with pytest.raises(NotFound):  # another OPD does not even learn it exists
        services.evaluasi_nilai(actor=w.user("kadis_pupr"), evaluasi=ev, **kw)
    with pytest.raises(Forbidden):  # nor may the pegawai rate themself
        services.evaluasi_nilai(actor=w.user("staff_1"), evaluasi=ev, **kw)
    ev.refresh_from_db()
    assert ev.status == StatusEvaluasi.DRAF and not PenilaianRhk.objects.exists()


def test_bad_input_editing_after_the_lock(w):
    ev = nilai(w, "staff_1", w.tw3)
    services.evaluasi_finalisasi(actor=w.user("kasi"), evaluasi=ev)
    kw = rating_lengkap(ev, "di_atas", "Hebat.")
    with pytest.raises(InvalidState) as exc:
        services.evaluasi_nilai(actor=w.user("kasi"), evaluasi=ev, **kw)
    assert exc.value.message == MSG_TERKUNCI and exc.value.status == 409
    with pytest.raises(InvalidState):
        services.realisasi_manual_simpan(actor=w.user("kasi"), evaluasi=ev, indikator_id=indikator(ev.skp).pk,
                                         nilai="5")
    with pytest.raises(InvalidState):
        services.penilaian_diri_simpan(actor=w.user("staff_1"), evaluasi=ev, refleksi="Terlambat.")
    ev.refresh_from_db()
    assert ev.rating_hasil_kerja == "sesuai" and ev.predikat == "baik"
    assert not RealisasiManual.objects.exists()


def test_a_new_plt_rates_and_becomes_the_penilai_on_record(w):
    from kinerja.organisasi.models import PenugasanPlt

    ev = _open(w)
    PenugasanPlt.objects.create(instansi=w.org.instansi, jabatan=w.org.kasi.jabatan, pegawai=w.org.kabid_2,
                                jenis="plt", tanggal_mulai=timezone.localdate() - dt.timedelta(days=1))
    ev = services.evaluasi_nilai(actor=w.user("kabid_2"), evaluasi=ev, **rating_lengkap(ev))
    assert ev.pejabat_penilai == w.org.kabid_2


# --- manual realisasi ----------------------------------------------------------------------------------------------
def test_manual_realisasi_adds_to_reports(w):
    skp = w.skp["staff_1"]
    make_laporan(skp, indikator(skp), w.tw3.tanggal_mulai, 4)
    make_laporan(skp, indikator(skp), w.tw3.tanggal_mulai, 50, status="diajukan")  # not approved: not counted
    make_laporan(skp, indikator(skp), w.jadwal[2].tanggal_mulai, 50)  # other window
    ev = _open(w, by="staff_1")
    services.realisasi_manual_simpan(actor=w.user("staff_1"), evaluasi=ev, indikator_id=indikator(skp).pk,
                                     nilai="3,5", keterangan="Posyandu susulan")
    row = selectors.hasil_kerja(actor=w.user("kasi"), evaluasi=ev).rhk[0].indikator[0]
    assert row.realisasi_laporan == Decimal("4") and row.realisasi == Decimal("7.5")
    assert row.capaian == pytest.approx(75)
    services.realisasi_manual_simpan(actor=w.user("staff_1"), evaluasi=ev, indikator_id=indikator(skp).pk, nilai="")
    assert not RealisasiManual.objects.exists()


@pytest.mark.parametrize("value", ["-1", "abc", "NaN", "1e20"])
def test_manual_realisasi_bad_values(w, value):
    ev = _open(w, by="staff_1")
    with pytest.raises(ApplicationError) as exc:
        services.realisasi_manual_simpan(actor=w.user("staff_1"), evaluasi=ev, indikator_id=indikator(ev.skp).pk,
                                         nilai=value)
    assert exc.value.status == 422 and not RealisasiManual.objects.exists()


def test_manual_realisasi_of_another_skp_is_not_found(w):
    ev = _open(w, by="staff_1")
    with pytest.raises(NotFound):
        services.realisasi_manual_simpan(actor=w.user("staff_1"), evaluasi=ev,
                                         indikator_id=indikator(w.skp["staff_2"]).pk, nilai="1")


def test_pegawai_cannot_change_realisasi_once_rated(w):
    ev = nilai(w, "staff_1", w.tw3)
    with pytest.raises(InvalidState):
        services.realisasi_manual_simpan(actor=w.user("staff_1"), evaluasi=ev, indikator_id=indikator(ev.skp).pk,
                                         nilai="1")
    services.realisasi_manual_simpan(actor=w.user("kasi"), evaluasi=ev, indikator_id=indikator(ev.skp).pk, nilai="1")


# --- annual --------------------------------------------------------------------------------------------------------
def _annual(w, name="staff_1"):
    return _open(w, name, w.tahunan, by="staff_1" if name == "staff_1" else "kasi")


def test_annual_predikat_follows_the_policy_and_may_be_overridden_with_a_reason(w):
    nilai(w, "staff_1", w.jadwal[1], "di_bawah", "sesuai")  # butuh perbaikan
    nilai(w, "staff_1", w.jadwal[2], "sesuai", "sesuai")  # baik
    nilai(w, "staff_1", w.jadwal[3], "di_bawah", "sesuai")  # butuh perbaikan (the last one)
    ev = _annual(w)
    assert selectors.predikat_tahunan_turunan(ev) == rules.Predikat.BUTUH_PERBAIKAN
    ev = services.evaluasi_tetapkan_tahunan(actor=w.user("kasi"), evaluasi=ev)
    assert ev.predikat == "butuh_perbaikan" and not ev.menyimpang_dari_saran
    with pytest.raises(ApplicationError) as exc:
        services.evaluasi_tetapkan_tahunan(actor=w.user("kasi"), evaluasi=ev, predikat="baik")
    assert "alasan_override" in exc.value.detail
    ev.refresh_from_db()
    assert ev.predikat == "butuh_perbaikan"
    ev = services.evaluasi_tetapkan_tahunan(actor=w.user("kasi"), evaluasi=ev, predikat="baik",
                                            alasan_override="Perbaikan nyata pada triwulan IV.")
    assert ev.predikat == "baik" and ev.predikat_saran == "butuh_perbaikan" and ev.menyimpang_dari_saran
    assert ev.alasan_override


def test_annual_policy_is_configurable(w):
    services.kebijakan_penilaian_simpan(actor=w.user("admin"), aturan_tahunan="terburuk")
    nilai(w, "staff_1", w.jadwal[1], "sesuai", "di_bawah")  # kurang
    nilai(w, "staff_1", w.jadwal[2], "di_atas", "di_atas")  # sangat baik
    ev = services.evaluasi_tetapkan_tahunan(actor=w.user("kasi"), evaluasi=_annual(w))
    assert ev.predikat == "kurang"


def test_annual_without_periodic_needs_a_choice_and_reason(w):
    ev = _annual(w)
    with pytest.raises(ApplicationError) as exc:
        services.evaluasi_tetapkan_tahunan(actor=w.user("kasi"), evaluasi=ev)
    assert "predikat" in exc.value.detail
    with pytest.raises(ApplicationError) as exc:
        services.evaluasi_tetapkan_tahunan(actor=w.user("kasi"), evaluasi=ev, predikat="luar_biasa",
                                           alasan_override="x")
    assert "predikat" in exc.value.detail
    with pytest.raises(InvalidState):  # the periodic rating form is not for the annual evaluation
        services.evaluasi_nilai(actor=w.user("kasi"), evaluasi=ev, **rating_lengkap(ev))


# --- finalisation and the curve ------------------------------------------------------------------------------------
def _set_org(w, unit, predikat="baik", by="kadis"):
    return services.predikat_organisasi_tetapkan(actor=w.user(by), periode=w.periode, unit=unit, predikat=predikat)


def test_periodic_finalisation_is_not_bound_by_the_curve_by_default(w):
    ev = nilai(w, "staff_1", w.tw3)
    ev = services.evaluasi_finalisasi(actor=w.user("kasi"), evaluasi=ev)
    assert ev.status == StatusEvaluasi.DIFINALISASI and ev.batas_keberatan == timezone.localdate() + dt.timedelta(14)


def test_bad_input_finalising_while_the_curve_is_violated_without_justification(w):
    services.kebijakan_penilaian_simpan(actor=w.user("admin"), berlaku_kurva="semua")
    _set_org(w, w.org.seksi_imunisasi, "baik", by="kabid")
    ev1 = nilai(w, "staff_1", w.tw3)  # baik
    nilai(w, "staff_2", w.tw3)  # baik → 2 of 2 Baik: above 70 %, and no BP/K
    with pytest.raises(ApplicationError) as exc:
        services.evaluasi_finalisasi(actor=w.user("kasi"), evaluasi=ev1)
    assert exc.value.status == 409
    assert "Kurva distribusi dilanggar" in exc.value.message and exc.value.detail["justifikasi"]
    ev1.refresh_from_db()
    assert ev1.status == StatusEvaluasi.DINILAI and not PengecualianKurva.objects.exists()
    ev1 = services.evaluasi_finalisasi(actor=w.user("kasi"), evaluasi=ev1,
                                       justifikasi="Tim kecil; kinerja merata baik, dikonsultasikan dengan BKPSDM.")
    assert ev1.status == StatusEvaluasi.DIFINALISASI and ev1.predikat_organisasi == "baik"
    exc_row = PengecualianKurva.objects.get()
    assert exc_row.unit_kerja == w.org.seksi_imunisasi and exc_row.pelanggaran and exc_row.oleh == w.org.kasi.user
    assert LogEntry.objects.get_for_object(exc_row).filter(actor=w.org.kasi.user).exists()


def test_a_respected_curve_finalises_without_justification(w):
    services.kebijakan_penilaian_simpan(actor=w.user("admin"), berlaku_kurva="semua")
    _set_org(w, w.org.seksi_imunisasi, "baik", by="kabid")
    ev1 = nilai(w, "staff_1", w.tw3)  # baik
    nilai(w, "staff_2", w.tw3, "di_bawah", "sesuai")  # butuh perbaikan → 1 of 2 Baik (≤ floor(1.4)=1), 1 BP
    assert services.evaluasi_finalisasi(actor=w.user("kasi"), evaluasi=ev1).status == StatusEvaluasi.DIFINALISASI


def test_missing_predikat_organisasi_blocks_the_annual_finalisation(w):
    nilai(w, "staff_1", w.jadwal[3])
    ev = services.evaluasi_tetapkan_tahunan(actor=w.user("kasi"), evaluasi=_annual(w))
    with pytest.raises(ApplicationError, match="Predikat organisasi untuk Dinas Kesehatan belum ditetapkan"):
        services.evaluasi_finalisasi(actor=w.user("kasi"), evaluasi=ev)


def test_curve_group_is_the_nearest_unit_with_a_predikat(w):
    _set_org(w, w.org.dinkes, "baik", by="bupati")
    _set_org(w, w.org.seksi_imunisasi, "butuh_perbaikan", by="kabid")
    ev1 = nilai(w, "staff_1", w.tw3)
    ev3 = nilai(w, "staff_3", w.tw3)
    k1, k3 = selectors.kelompok_untuk(ev1), selectors.kelompok_untuk(ev3)
    assert k1.unit == w.org.seksi_imunisasi and k1.predikat_organisasi.predikat == "butuh_perbaikan"
    assert k3.unit == w.org.dinkes and k3.predikat_organisasi.predikat == "baik"
    assert [e.pk for e in k1.evaluasi] == [ev1.pk] and ev3.pk in [e.pk for e in k3.evaluasi]


@pytest.mark.parametrize(("who", "unit", "allowed"), [
    ("bupati", "dinkes", True), ("kadis", "dinkes", False), ("kadis", "p2p", True), ("kabid", "seksi_imunisasi", True),
    ("kasi", "seksi_imunisasi", False), ("staff_1", "seksi_imunisasi", False), ("admin", "dinkes", False),
    ("kadis_pupr", "p2p", False),
])
def test_predikat_organisasi_is_set_by_the_leader_above(w, who, unit, allowed):
    target = getattr(w.org, unit)
    if allowed:
        obj = _set_org(w, target, "istimewa", by=who)
        assert obj.predikat == "istimewa" and LogEntry.objects.get_for_object(obj).exists()
    else:
        with pytest.raises(Forbidden):
            _set_org(w, target, "istimewa", by=who)


def test_predikat_organisasi_outside_the_scale(w):
    with pytest.raises(ApplicationError) as exc:
        _set_org(w, w.org.p2p, "luar_biasa", by="kadis")
    assert "predikat" in exc.value.detail


def test_finalising_needs_a_rating_first(w):
    ev = _open(w)
    with pytest.raises(InvalidState):
        services.evaluasi_finalisasi(actor=w.user("kasi"), evaluasi=ev)


def test_calibration_finalises_a_whole_group(w):
    _set_org(w, w.org.dinkes, "baik", by="bupati")
    for name in ("staff_1", "staff_2", "staff_3", "kasi"):
        nilai(w, name, w.tw3)
    services.kebijakan_penilaian_simpan(actor=w.user("admin"), berlaku_kurva="semua")
    with pytest.raises(ApplicationError) as exc:  # 4 × Baik under a Baik OPD: violated
        services.kalibrasi_finalisasi(actor=w.user("kadis"), opd_id=w.org.dinkes.pk, unit_id=w.org.dinkes.pk,
                                      jadwal=w.tw3)
    assert exc.value.status == 409
    assert Evaluasi.objects.filter(status=StatusEvaluasi.DIFINALISASI).count() == 0
    with pytest.raises(Forbidden):  # admin reads calibration but does not finalise
        services.kalibrasi_finalisasi(actor=w.user("admin"), opd_id=w.org.dinkes.pk, unit_id=w.org.dinkes.pk,
                                      jadwal=w.tw3, justifikasi="x")
    n = services.kalibrasi_finalisasi(actor=w.user("kadis"), opd_id=w.org.dinkes.pk, unit_id=w.org.dinkes.pk,
                                      jadwal=w.tw3, justifikasi="Disepakati dalam rapat kalibrasi.")
    assert n == 4 and Evaluasi.objects.filter(status=StatusEvaluasi.DIFINALISASI).count() == 4
