"""Keberatan: the pegawai objects within N days to the atasan pejabat penilai, who decides; audited."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState
from kinerja.penilaian import services
from kinerja.penilaian.models import Keberatan, StatusEvaluasi
from kinerja.penilaian.tests.factories import build_world, nilai

pytestmark = pytest.mark.django_db
ALASAN = "Realisasi imunisasi bulan Agustus belum tercatat karena laporan saya tertahan."


@pytest.fixture
def w(org):
    return build_world(org)


@pytest.fixture
def final(w):
    ev = nilai(w, "staff_1", w.tw3, "di_bawah", "sesuai")
    return services.evaluasi_finalisasi(actor=w.user("kasi"), evaluasi=ev)


def test_file_and_grant_a_keberatan(w, final):
    k = services.keberatan_ajukan(actor=w.user("staff_1"), evaluasi=final, alasan=ALASAN)
    final.refresh_from_db()
    assert final.status == StatusEvaluasi.KEBERATAN and k.predikat_semula == "butuh_perbaikan"
    assert k.pemutus == w.org.kabid  # the atasan pejabat penilai
    assert w.org.kabid.user.notifikasi.filter(judul__contains="Keberatan").exists()
    with pytest.raises(Forbidden):  # the pejabat penilai does not decide on their own rating
        services.keberatan_putuskan(actor=w.user("kasi"), evaluasi=final, keputusan="dikabulkan",
                                    pertimbangan="x", rating_hasil_kerja="sesuai", rating_perilaku_kerja="sesuai")
    k = services.keberatan_putuskan(actor=w.user("kabid"), evaluasi=final, keputusan="dikabulkan",
                                    pertimbangan="Laporan Agustus terbukti disetujui terlambat.",
                                    rating_hasil_kerja="sesuai", rating_perilaku_kerja="sesuai")
    final.refresh_from_db()
    assert k.status == "dikabulkan" and k.predikat_baru == "baik"
    assert final.status == StatusEvaluasi.DIPUTUSKAN and final.predikat == "baik"
    assert LogEntry.objects.get_for_object(k).filter(actor=w.org.kabid.user).exists()
    assert LogEntry.objects.get_for_object(final).filter(actor=w.org.kabid.user).exists()
    assert w.org.staff_1.user.notifikasi.filter(judul="Keberatan Anda dikabulkan").exists()
    with pytest.raises(InvalidState):  # decided: locked for good
        services.keberatan_ajukan(actor=w.user("staff_1"), evaluasi=final, alasan=ALASAN)


def test_refused_keberatan_keeps_the_predikat(w, final):
    services.keberatan_ajukan(actor=w.user("staff_1"), evaluasi=final, alasan=ALASAN)
    k = services.keberatan_putuskan(actor=w.user("kabid"), evaluasi=final, keputusan="ditolak",
                                    pertimbangan="Realisasi sudah dihitung dengan benar.")
    final.refresh_from_db()
    assert k.predikat_baru == "butuh_perbaikan" and final.predikat == "butuh_perbaikan"


def test_keberatan_after_the_window_is_refused(w, final):
    final.batas_keberatan = timezone.localdate() - dt.timedelta(days=1)
    final.save()
    with pytest.raises(InvalidState, match="Batas pengajuan keberatan sudah lewat"):
        services.keberatan_ajukan(actor=w.user("staff_1"), evaluasi=final, alasan=ALASAN)
    assert not Keberatan.objects.exists()


def test_keberatan_needs_a_reason_and_the_pegawai(w, final):
    with pytest.raises(ApplicationError) as exc:
        services.keberatan_ajukan(actor=w.user("staff_1"), evaluasi=final, alasan="tidak setuju")
    assert "alasan" in exc.value.detail
    with pytest.raises(Forbidden):
        services.keberatan_ajukan(actor=w.user("kasi"), evaluasi=final, alasan=ALASAN)
    assert not Keberatan.objects.exists()


def test_no_keberatan_before_finalisation(w):
    ev = nilai(w, "staff_1", w.tw3)
    with pytest.raises(InvalidState):
        services.keberatan_ajukan(actor=w.user("staff_1"), evaluasi=ev, alasan=ALASAN)


def test_decision_validation(w, final):
    services.keberatan_ajukan(actor=w.user("staff_1"), evaluasi=final, alasan=ALASAN)
    with pytest.raises(ApplicationError) as exc:
        services.keberatan_putuskan(actor=w.user("kabid"), evaluasi=final, keputusan="dikabulkan", pertimbangan="",
                                    rating_hasil_kerja="hebat", rating_perilaku_kerja="")
    assert set(exc.value.detail) == {"pertimbangan", "rating_hasil_kerja", "rating_perilaku_kerja"}
    final.refresh_from_db()
    assert final.status == StatusEvaluasi.KEBERATAN


def test_window_length_is_a_policy(w):
    services.kebijakan_penilaian_simpan(actor=w.user("admin"), batas_keberatan_hari=5)
    ev = services.evaluasi_finalisasi(actor=w.user("kasi"), evaluasi=nilai(w, "staff_1", w.tw3))
    assert ev.batas_keberatan == timezone.localdate() + dt.timedelta(days=5)
