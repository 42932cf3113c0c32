"""Dialog kinerja: scheduling (1:1, team, recurring), the agenda proposed from the data, attendance and notes,
action items carried into the next meeting, reminders and the calendar."""

import datetime as dt

import pytest
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, Forbidden, NotFound
from kinerja.penilaian import selectors, services
from kinerja.penilaian.models import DialogKinerja, StatusDialog, TindakLanjut
from kinerja.penilaian.tests.factories import build_world, indikator, make_laporan

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org):
    return build_world(org)


def _besok(hours=9):
    d = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(d, dt.time(hours)))


def _jadwalkan(w, peserta=("staff_1",), jenis="individu", by="kasi", **kw):
    return services.dialog_jadwalkan(actor=w.user(by), jenis=jenis, judul="Dialog kinerja bulanan",
                                     mulai=kw.pop("mulai", _besok()), peserta_ids=[getattr(w.org, n).pk for n in peserta],
                                     **kw)


def test_schedule_one_to_one_and_notify(w):
    [d] = _jadwalkan(w)
    assert d.penyelenggara == w.org.kasi and list(d.peserta.values_list("pegawai", flat=True)) == [w.org.staff_1.pk]
    assert w.org.staff_1.user.notifikasi.filter(judul__startswith="Dialog kinerja").exists()


def test_recurring_team_meetings(w):
    out = _jadwalkan(w, ("staff_1", "staff_2"), "tim", pengulangan="mingguan", jumlah_ulangan=4)
    assert len(out) == 4 and len({d.seri for d in out}) == 1
    assert [(b.mulai - a.mulai).days for a, b in zip(out, out[1:], strict=False)] == [7, 7, 7]
    monthly = _jadwalkan(w, pengulangan="bulanan", jumlah_ulangan=3)
    assert [timezone.localtime(d.mulai).month for d in monthly][1] == (timezone.localtime(monthly[0].mulai).month % 12) + 1


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"peserta": ("staff_3",)}, "peserta"),  # not a subordinate
    ({"peserta": ("staff_1", "staff_2")}, "peserta"),  # 1:1 with two people
    ({"peserta": ("staff_1",), "jenis": "tim"}, "peserta"),
    ({"mulai": timezone.now() - dt.timedelta(days=2)}, "mulai"),
    ({"pengulangan": "mingguan", "jumlah_ulangan": 30}, "jumlah_ulangan"),
])
def test_scheduling_bad_input(w, kwargs, field):
    with pytest.raises(ApplicationError) as exc:
        _jadwalkan(w, **kwargs)
    assert field in exc.value.detail
    assert not DialogKinerja.objects.exists()


def test_staff_without_subordinates_cannot_schedule(w):
    with pytest.raises(Forbidden):
        _jadwalkan(w, ("staff_2",), by="staff_1")


def test_agenda_proposed_from_the_data(w):
    from kinerja.penilaian.models import PenilaiRekan

    skp = w.skp["staff_1"]
    jadwal = w.jadwal[4]  # the current triwulan (today is inside it)
    make_laporan(skp, indikator(skp), max(jadwal.tanggal_mulai, timezone.localdate() - dt.timedelta(days=1)), 1)
    ev2 = services.evaluasi_buka(actor=w.user("kasi"), pegawai=w.org.staff_2, jadwal=jadwal)
    PenilaiRekan.objects.create(instansi=w.org.instansi, evaluasi=ev2, penilai=w.org.staff_1)
    items = selectors.agenda_usulan(penyelenggara=w.org.kasi, peserta=[w.org.staff_1, w.org.staff_2],
                                    on=timezone.localdate())
    kinds = [i.jenis for i in items]
    assert "indikator" in kinds  # 1 of ~10 bayi so far: behind target
    assert any(i.jenis == "umpan_balik" and "Ayu Lestari: 1 undangan" in i.teks for i in items)
    assert any(i.jenis == "penilaian_diri" and "Rizki Pratama" in i.teks for i in items)


def test_notes_attendance_and_action_items_carry_over(w):
    [d1] = _jadwalkan(w, ("staff_1", "staff_2"), "tim")
    t = services.tindak_lanjut_tambah(actor=w.user("kasi"), dialog=d1, uraian="Rekap kohort bayi",
                                      pemilik_id=w.org.staff_1.pk, batas_waktu=timezone.localdate() + dt.timedelta(7))
    d1 = services.dialog_catat(actor=w.user("kasi"), dialog=d1, hadir_ids=[w.org.staff_1.pk],
                               catatan_capaian="Cakupan naik.", catatan_kendala="Vaksin terlambat.", selesai=True)
    assert d1.status == StatusDialog.SELESAI and d1.agenda  # the proposed agenda is kept with the meeting
    assert {p.pegawai_id: p.hadir for p in d1.peserta.all()} == {w.org.staff_1.pk: True, w.org.staff_2.pk: False}
    [d2] = _jadwalkan(w, ("staff_1",), mulai=_besok() + dt.timedelta(days=14))
    assert selectors.tindak_lanjut_terbawa(d2) == [t]
    assert any(a.jenis == "tindak_lanjut" for a in selectors.agenda_usulan(
        penyelenggara=w.org.kasi, peserta=[w.org.staff_1], dialog=d2))
    services.tindak_lanjut_selesai(actor=w.user("staff_1"), item=t)
    assert selectors.tindak_lanjut_terbawa(d2) == []


def test_only_the_organiser_records(w):
    [d] = _jadwalkan(w)
    with pytest.raises(Forbidden):
        services.dialog_catat(actor=w.user("staff_1"), dialog=d, hadir_ids=[])
    with pytest.raises(NotFound):
        services.dialog_catat(actor=w.user("staff_pupr"), dialog=d, hadir_ids=[])
    with pytest.raises(ApplicationError) as exc:
        services.tindak_lanjut_tambah(actor=w.user("kasi"), dialog=d, uraian="", pemilik_id=w.org.staff_3.pk,
                                      batas_waktu=timezone.localdate() - dt.timedelta(days=10))
    assert set(exc.value.detail) == {"uraian", "pemilik", "batas_waktu"}
    assert not TindakLanjut.objects.exists()
    t = services.tindak_lanjut_tambah(actor=w.user("kasi"), dialog=d, uraian="x", pemilik_id=w.org.staff_1.pk,
                                      batas_waktu=timezone.localdate() + dt.timedelta(days=3))
    with pytest.raises((Forbidden, NotFound)):
        services.tindak_lanjut_selesai(actor=w.user("staff_2"), item=t)


def test_reminders_are_sent_once(w):
    [d] = _jadwalkan(w, mulai=timezone.now() + dt.timedelta(hours=3))
    services.tindak_lanjut_tambah(actor=w.user("kasi"), dialog=d, uraian="Kirim data", pemilik_id=w.org.staff_1.pk,
                                  batas_waktu=timezone.localdate() + dt.timedelta(days=1))
    from kinerja.penilaian.tasks import pengingat_dialog_task

    sent = pengingat_dialog_task.call_local()
    assert sent == 3  # organiser + participant about the meeting, owner about the item
    assert services.pengingat_dialog() == 0


def test_calendar_month_grid(w):
    [d] = _jadwalkan(w)
    day = timezone.localtime(d.mulai).date()
    weeks, items = selectors.kalender(actor=w.user("staff_1"), tahun=day.year, bulan=day.month)
    assert all(len(week) == 7 for week in weeks) and weeks[0][0].tanggal.weekday() == 0
    cell = next(c for week in weeks for c in week if c.tanggal == day)
    assert cell.dialog == [d] and items == [d]
    assert selectors.kalender(actor=w.user("staff_pupr"), tahun=day.year, bulan=day.month)[1] == []
