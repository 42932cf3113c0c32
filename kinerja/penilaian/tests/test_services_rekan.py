"""Peer feedback (360): choosing raters, answering once, the ≥ 3 threshold, moderation, reminders — and anonymity
end to end: no stored row, log or read links an answer to its rater."""

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models

from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState, NotFound
from kinerja.penilaian import rules, selectors, services
from kinerja.penilaian.models import PenilaiRekan, Respon360, StatusModerasi
from kinerja.penilaian.services.rekan import (
    MSG_DIRI_SENDIRI,
    MSG_SUDAH_MERESPONS,
    MSG_TIDAK_BISA_HAPUS,
)
from kinerja.penilaian.tests.factories import build_world, nilai
from kinerja.perencanaan.rules import NILAI_KODE

pytestmark = pytest.mark.django_db

SEMUA_SESUAI = dict.fromkeys(NILAI_KODE, "sesuai")


@pytest.fixture
def w(org):
    return build_world(org)


@pytest.fixture
def ev(w):
    return services.evaluasi_buka(actor=w.user("kasi"), pegawai=w.org.staff_1, jadwal=w.tw3)


def _invite(w, ev, names=("staff_2", "staff_3", "kasi")):
    return services.penilai_rekan_tetapkan(actor=w.user("kasi"), evaluasi=ev,
                                           penilai_ids=[getattr(w.org, n).pk for n in names])


def _answer(w, ev, name, ratings=None, komentar=""):
    u = PenilaiRekan.objects.get(evaluasi=ev, penilai=getattr(w.org, name))
    services.respon_360_kirim(actor=w.user(name), undangan=u, ratings=ratings or SEMUA_SESUAI, komentar=komentar)


def test_candidates_are_unit_colleagues_collaborators_and_subordinates(w, ev):
    kandidat = {p.pk: h for p, h in selectors.rekan_kandidat(ev)}
    assert kandidat[w.org.staff_2.pk] == "rekan"  # same unit
    assert kandidat[w.org.staff_3.pk] == "kolaborator"  # other unit, same program
    assert w.org.staff_1.pk not in kandidat  # never themself
    ev_kasi = services.evaluasi_buka(actor=w.user("kabid"), pegawai=w.org.kasi, jadwal=w.tw3)
    kandidat_kasi = {p.pk: h for p, h in selectors.rekan_kandidat(ev_kasi)}
    assert kandidat_kasi[w.org.staff_1.pk] == "bawahan"  # upward feedback for an atasan


def test_supervisor_invites_3_to_5_raters_who_are_notified(w, ev):
    rows = _invite(w, ev)
    assert {u.penilai_id for u in rows} == {w.org.staff_2.pk, w.org.staff_3.pk, w.org.kasi.pk}
    assert w.org.staff_2.user.notifikasi.filter(judul__contains="Undangan umpan balik rekan").exists()
    for names in (("staff_2", "staff_3"), ("staff_2", "staff_3", "kasi", "kabid", "kadis", "kabid_2")):
        with pytest.raises(ApplicationError, match="Pilih 3 sampai 5 penilai rekan"):
            _invite(w, ev, names)
    assert PenilaiRekan.objects.filter(evaluasi=ev).count() == 3


def test_nobody_rates_themselves(w, ev):
    with pytest.raises(ApplicationError) as exc:
        _invite(w, ev, ("staff_1", "staff_2", "staff_3"))
    assert exc.value.message == MSG_DIRI_SENDIRI
    assert not PenilaiRekan.objects.exists()


def test_raters_from_elsewhere_are_refused(w, ev):
    with pytest.raises(ApplicationError, match="Penilai rekan harus"):
        _invite(w, ev, ("staff_2", "staff_3", "staff_pupr"))  # another OPD


def test_only_the_penilai_chooses_raters(w, ev):
    with pytest.raises(Forbidden):
        services.penilai_rekan_tetapkan(actor=w.user("staff_1"), evaluasi=ev, penilai_ids=[])


def test_the_system_can_pick(w, ev):
    rows = services.penilai_rekan_pilih_otomatis(actor=w.user("kasi"), evaluasi=ev)
    assert 3 <= len(rows) <= 5 and all(u.dipilih_oleh_sistem for u in rows)
    assert w.org.staff_1.pk not in {u.penilai_id for u in rows}


def test_answer_once_and_a_second_rating_is_refused(w, ev):
    _invite(w, ev)
    _answer(w, ev, "staff_2")
    assert Respon360.objects.count() == 1
    with pytest.raises(ApplicationError) as exc:
        _answer(w, ev, "staff_2", dict.fromkeys(NILAI_KODE, "di_atas"))
    assert exc.value.message == MSG_SUDAH_MERESPONS and exc.value.status == 409
    assert Respon360.objects.count() == 1 and Respon360.objects.get().akuntabel == 0


def test_ratings_outside_the_scale_save_nothing(w, ev):
    _invite(w, ev)
    bad = {**SEMUA_SESUAI, "loyal": "7"}
    with pytest.raises(ApplicationError) as exc:
        _answer(w, ev, "staff_2", bad)
    assert exc.value.detail == {"loyal": [rules.MSG_RATING_DI_LUAR_SKALA]}
    assert not Respon360.objects.exists()
    assert not PenilaiRekan.objects.get(penilai=w.org.staff_2).sudah_merespons  # may still answer


def test_uninvited_people_cannot_answer(w, ev):
    _invite(w, ev)
    u = PenilaiRekan.objects.get(evaluasi=ev, penilai=w.org.staff_2)
    with pytest.raises(NotFound):
        services.respon_360_kirim(actor=w.user("staff_3"), undangan=u, ratings=SEMUA_SESUAI)
    with pytest.raises(NotFound):
        selectors.undangan_get(actor=w.user("staff_3"), undangan_id=u.pk)


def test_no_answers_once_locked(w):
    ev = nilai(w, "staff_1", w.tw3)
    _invite(w, ev)
    services.evaluasi_finalisasi(actor=w.user("kasi"), evaluasi=ev)
    with pytest.raises(InvalidState):
        _answer(w, ev, "staff_2")


def test_summary_only_from_three_answers_and_only_for_ratee_and_penilai(w, ev):
    _invite(w, ev)
    _answer(w, ev, "staff_2", {**SEMUA_SESUAI, "kolaboratif": "di_atas"})
    _answer(w, ev, "staff_3", {**SEMUA_SESUAI, "kolaboratif": "di_atas"}, komentar="Selalu membantu tim.")
    r = selectors.ringkasan_rekan(actor=w.user("staff_1"), evaluasi=ev)
    assert r.merespons == 2 and not r.tampil and r.nilai == [] and r.komentar == []
    _answer(w, ev, "kasi", {**SEMUA_SESUAI, "kolaboratif": "di_bawah"})
    for who in ("staff_1", "kasi"):
        r = selectors.ringkasan_rekan(actor=w.user(who), evaluasi=ev)
        assert r.tampil
        kolab = next(n for n in r.nilai if n.kode == "kolaboratif")
        assert (kolab.di_atas, kolab.sesuai, kolab.di_bawah) == (2, 0, 1)
        assert r.komentar == ["Selalu membantu tim."]
    for who in ("kabid", "kadis", "admin", "auditor"):  # they read the evaluation, not the peer detail
        r = selectors.ringkasan_rekan(actor=w.user(who), evaluasi=ev)
        assert not r.boleh_lihat and not r.tampil and r.nilai == []


def test_threshold_policy_can_be_raised(w, ev):
    services.kebijakan_penilaian_simpan(actor=w.user("admin"), min_respon_360=4)
    _invite(w, ev)
    for n in ("staff_2", "staff_3", "kasi"):
        _answer(w, ev, n)
    assert not selectors.ringkasan_rekan(actor=w.user("staff_1"), evaluasi=ev, minimum=4).tampil


def test_flagged_comments_wait_for_moderation(w, ev):
    _invite(w, ev)
    _answer(w, ev, "staff_2", komentar="Dasar goblok, tidak pernah hadir rapat")
    _answer(w, ev, "staff_3", komentar="Hubungi 081234567890 kalau mau tahu")
    _answer(w, ev, "kasi", komentar="Tepat waktu dan rapi.")
    r = selectors.ringkasan_rekan(actor=w.user("staff_1"), evaluasi=ev)
    assert r.komentar == ["Tepat waktu dan rapi."]
    queue = list(selectors.antrian_moderasi(actor=w.user("admin")))
    assert len(queue) == 2 and {"kata_kasar", "data_pribadi"} <= set(",".join(x.tanda for x in queue).split(","))
    assert list(selectors.antrian_moderasi(actor=w.user("kasi"))) == []  # only admin BKPSDM moderates
    data_pribadi = next(x for x in queue if "data_pribadi" in x.tanda)
    with pytest.raises(ApplicationError):  # hiding needs a reason
        services.komentar_moderasi(actor=w.user("admin"), respon=data_pribadi, tampilkan=False)
    services.komentar_moderasi(actor=w.user("admin"), respon=data_pribadi, tampilkan=False, alasan="Data pribadi")
    kasar = next(x for x in queue if "kata_kasar" in x.tanda)
    services.komentar_moderasi(actor=w.user("admin"), respon=kasar, tampilkan=True)
    assert len(selectors.ringkasan_rekan(actor=w.user("staff_1"), evaluasi=ev).komentar) == 2
    with pytest.raises(NotFound):
        services.komentar_moderasi(actor=w.user("kasi"), respon=kasar, tampilkan=False, alasan="x")


def test_policy_can_hold_every_comment(w, ev):
    services.kebijakan_penilaian_simpan(actor=w.user("admin"), moderasi_semua=True)
    _invite(w, ev)
    _answer(w, ev, "staff_2", komentar="Tepat waktu dan rapi.")
    assert Respon360.objects.get().status_komentar == StatusModerasi.DITINJAU


def test_anonymity_end_to_end(w, ev):
    """No column, timestamp, audit entry or order links a response to its rater."""
    _invite(w, ev)
    before = {u.pk: u.updated_at for u in PenilaiRekan.objects.filter(evaluasi=ev)}
    logs_before = LogEntry.objects.count()
    for n in ("staff_2", "staff_3", "kasi"):
        _answer(w, ev, n, komentar=f"Komentar dari seseorang {n[-1]}")
    # the response table has no link to a person and no time
    for f in Respon360._meta.get_fields():
        if isinstance(f, models.ForeignKey):
            assert f.related_model.__name__ in ("Instansi", "Evaluasi"), f.name
        assert not isinstance(f, models.DateTimeField | models.DateField), f.name
    assert isinstance(Respon360._meta.pk, models.UUIDField)
    assert not auditlog.contains(Respon360)
    # answering wrote no audit entry at all, and did not touch the invitations' timestamps
    assert LogEntry.objects.count() == logs_before
    after = {u.pk: u.updated_at for u in PenilaiRekan.objects.filter(evaluasi=ev)}
    assert after == before
    assert PenilaiRekan.objects.filter(evaluasi=ev, sudah_merespons=True).count() == 3


def test_the_penilai_cannot_learn_who_answered_by_removing_raters(w, ev):
    _invite(w, ev)
    _answer(w, ev, "staff_2")
    with pytest.raises(ApplicationError) as exc:
        _invite(w, ev, ("staff_3", "kasi", "kabid"))
    assert exc.value.message == MSG_TIDAK_BISA_HAPUS
    rows = _invite(w, ev, ("staff_2", "staff_3", "kasi", "kabid"))  # adding is fine
    assert len(rows) == 4


def test_reminders_for_open_invitations(w, ev):
    from django.utils import timezone

    _invite(w, ev)
    _answer(w, ev, "staff_2")
    w.tw3.batas_penilaian = timezone.localdate() + timezone.timedelta(days=3)
    w.tw3.save()
    assert services.pengingat_360() == 2  # the two who have not answered
    assert services.pengingat_360() == 0  # not again within 3 days
    assert not w.org.staff_2.user.notifikasi.filter(judul__startswith="Pengingat").exists()
