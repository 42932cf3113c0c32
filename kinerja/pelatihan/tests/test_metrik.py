"""Adoption metrics: each figure computed from real reports, reviews, SKP, activity and attendance; lagging flags;
the aggregate table the dashboards read; the activity middleware; the dashboard pages and export."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone

from kinerja.core import kalender, tunda
from kinerja.laporan import services as laporan_services
from kinerja.laporan.tests.factories import build_dunia, make_laporan
from kinerja.organisasi.tests.factories import fresh
from kinerja.pelatihan import rules, selectors, services
from kinerja.pelatihan.models import AktivitasPengguna, MetrikAdopsi, TingkatMetrik
from kinerja.pelatihan.tests.factories import berakhir, berjalan, hadirkan, make_sesi

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
MINGGU = rules.awal_minggu(TODAY) - dt.timedelta(days=7)  # last full week


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@pytest.fixture
def dunia(db):
    return build_dunia()


@pytest.fixture
def minggu_kerja(dunia):
    days = kalender.hari_kerja_in_range(MINGGU, MINGGU + dt.timedelta(days=6), dunia.instansi.pk)
    assert days, "the test needs a week with working days"
    return days


def _row(unit, minggu=MINGGU, tingkat=TingkatMetrik.UNIT):
    return MetrikAdopsi.objects.get(minggu=minggu, tingkat=tingkat, unit=unit)


def test_report_compliance_and_time_to_feedback(dunia, minggu_kerja):
    for day in minggu_kerja:  # staff_1 reports every working day; the kasi reviews after 30 hours
        lap = make_laporan(dunia, "staff_1", now=_at(day, 17), tanggal=day)
        laporan_services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=lap,
                                                now=lap.diajukan_pada + dt.timedelta(hours=30))
    lap = make_laporan(dunia, "staff_2", now=_at(minggu_kerja[0], 17), tanggal=minggu_kerja[0])
    laporan_services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=lap,
                                            now=lap.diajukan_pada + dt.timedelta(hours=100))
    make_laporan(dunia, "staff_2", now=_at(minggu_kerja[-1], 9), tanggal=minggu_kerja[-1], ajukan=False)  # a draft
    services.metrik_adopsi_hitung(instansi=dunia.instansi, minggu=MINGGU, today=TODAY)

    seksi = _row(dunia.seksi_imunisasi)  # kasi, staff_1, staff_2
    n = len(minggu_kerja)
    assert (seksi.jumlah_pegawai, seksi.hari_kerja, seksi.laporan_target) == (3, n, 3 * n)
    assert seksi.laporan_terisi == n + 1  # drafts do not count
    assert seksi.persen_kepatuhan == rules.persen(n + 1, 3 * n)
    reviewed_in_week = [d for d in minggu_kerja if _at(d, 17) + dt.timedelta(hours=30) < _at(MINGGU, 0)
                        + dt.timedelta(days=7)]
    jam = sorted([30.0] * len(reviewed_in_week) + ([100.0] if _at(minggu_kerja[0], 17) + dt.timedelta(hours=100)
                                                   < _at(MINGGU, 0) + dt.timedelta(days=7) else []))
    assert seksi.umpan_balik_jumlah == len(jam)
    assert float(seksi.umpan_balik_jam) == rules.median(jam)
    opd = MetrikAdopsi.objects.get(minggu=MINGGU, tingkat=TingkatMetrik.OPD, opd=dunia.dinkes)
    assert opd.jumlah_pegawai == 7 and opd.laporan_terisi == n + 1  # kadis, kabid, kasi, staff_1, 2, kabid_2, 3
    instansi = MetrikAdopsi.objects.get(minggu=MINGGU, tingkat=TingkatMetrik.INSTANSI)
    assert instansi.jumlah_pegawai == 11 and instansi.laporan_target == 11 * n  # instansi A only


def test_skp_completion_and_active_pegawai(dunia):
    services.aktivitas_catat(user=dunia.staff_1.user, hari=MINGGU)
    services.aktivitas_catat(user=dunia.staff_1.user, hari=MINGGU + dt.timedelta(days=1))
    services.aktivitas_catat(user=dunia.staff_1.user, hari=MINGGU + dt.timedelta(days=1))  # same day: once
    services.aktivitas_catat(user=dunia.kasi.user, hari=MINGGU + dt.timedelta(days=2))
    services.aktivitas_catat(user=dunia.staff_2.user, hari=MINGGU + dt.timedelta(days=8))  # the next week
    a = AktivitasPengguna.objects.get(user=dunia.staff_1.user, minggu=MINGGU)
    assert a.hari_aktif == 2
    services.metrik_adopsi_hitung(instansi=dunia.instansi, minggu=MINGGU, today=TODAY)
    seksi = _row(dunia.seksi_imunisasi)
    assert seksi.aktif == 2 and seksi.persen_aktif == 67
    assert seksi.skp_disetujui == 3 and seksi.persen_skp == 100  # kasi, staff_1, staff_2 approved
    p2p = _row(dunia.p2p)  # kabid only, SKP still a draft
    assert (p2p.jumlah_pegawai, p2p.skp_disetujui) == (1, 0)


def test_training_coverage_counts_attendance_and_history(dunia):
    sesi = berjalan(make_sesi(dunia.org))
    hadirkan(dunia.org, sesi, "staff_1")
    berakhir(sesi)
    services.riwayat_pengembangan_catat(actor=fresh(dunia.admin.user), pegawai=dunia.staff_3, judul="Latsar",
                                        jenis="pelatihan", tanggal_mulai=TODAY - dt.timedelta(days=40),
                                        tanggal_selesai=TODAY - dt.timedelta(days=30), jam_pelajaran=40)
    services.metrik_adopsi_hitung(instansi=dunia.instansi, minggu=TODAY, today=TODAY)
    minggu = rules.awal_minggu(TODAY)
    assert _row(dunia.seksi_imunisasi, minggu).terlatih == 1
    assert _row(dunia.yankes, minggu).terlatih == 1


def test_lagging_units_are_flagged_with_reasons(dunia, minggu_kerja):
    # Dinas PUPR: 2 pegawai -> too small to flag; Seksi Imunisasi: nobody active, no reports -> flagged.
    services.metrik_adopsi_hitung(instansi=dunia.instansi, minggu=MINGGU, today=TODAY)
    seksi = _row(dunia.seksi_imunisasi)
    assert seksi.tertinggal and {"aktif", "kepatuhan"} <= set(seksi.alasan)
    assert not _row(dunia.pupr).tertinggal
    flagged = selectors.unit_tertinggal(instansi_id=dunia.instansi.pk)
    assert seksi in flagged and not flagged.filter(tingkat=TingkatMetrik.INSTANSI).exists()
    assert selectors.unit_tertinggal(instansi_id=dunia.instansi_b.pk).count() == 0


def test_recompute_replaces_the_week(dunia):
    services.metrik_adopsi_hitung(instansi=dunia.instansi, minggu=MINGGU, today=TODAY)
    n = MetrikAdopsi.objects.count()
    services.aktivitas_catat(user=dunia.staff_1.user, hari=MINGGU)
    services.metrik_adopsi_hitung(instansi=dunia.instansi, minggu=MINGGU + dt.timedelta(days=3), today=TODAY)
    assert MetrikAdopsi.objects.count() == n
    assert _row(dunia.seksi_imunisasi).aktif == 1


def test_current_week_counts_working_days_up_to_yesterday(dunia):
    senin = rules.awal_minggu(TODAY)
    services.metrik_adopsi_hitung(instansi=dunia.instansi, minggu=senin, today=senin)  # on Monday: none yet
    assert MetrikAdopsi.objects.get(minggu=senin, tingkat=TingkatMetrik.INSTANSI).hari_kerja == 0
    assert MetrikAdopsi.objects.get(minggu=senin, tingkat=TingkatMetrik.INSTANSI).persen_kepatuhan is None


def test_nightly_job_computes_this_and_last_week(dunia):
    from kinerja.pelatihan.tasks import metrik_adopsi_task

    metrik_adopsi_task.call_local()
    weeks = set(MetrikAdopsi.objects.values_list("minggu", flat=True))
    assert weeks == {rules.awal_minggu(TODAY), rules.awal_minggu(TODAY) - dt.timedelta(days=7)}
    assert MetrikAdopsi.objects.filter(instansi=dunia.instansi_b).exists()  # every instansi


def test_metrics_query_count_does_not_grow_with_people(dunia, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        services.metrik_adopsi_hitung(instansi=dunia.instansi, minggu=MINGGU, today=TODAY)


def test_activity_middleware_records_once_a_day(org, client):
    client.force_login(org.staff_1.user, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/")
    client.get("/pelatihan/")
    a = AktivitasPengguna.objects.get(user=org.staff_1.user)
    assert a.minggu == rules.awal_minggu(TODAY) and a.hari_aktif == 1 and a.terakhir == TODAY


def _aktivitas_writes(queries) -> list[str]:
    table = AktivitasPengguna._meta.db_table
    return [q["sql"] for q in queries if table in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")]


def test_activity_middleware_writes_at_most_once_a_day(org, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(org.staff_1.user, backend="django.contrib.auth.backends.ModelBackend")
    with CaptureQueriesContext(connection) as first:
        assert client.get("/pelatihan/").status_code == 200
    assert _aktivitas_writes(first.captured_queries)
    with CaptureQueriesContext(connection) as later:
        for path in ("/", "/pelatihan/", "/pelatihan/bantuan/"):
            assert client.get(path).status_code == 200
    assert not [q for q in later.captured_queries if AktivitasPengguna._meta.db_table in q["sql"]]


def test_activity_middleware_never_breaks_a_response_when_the_database_is_busy(org, client, monkeypatch):
    from django.db import OperationalError

    calls = []

    def locked(items):
        calls.append(items)
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "aktivitas_catat_banyak", locked)
    client.force_login(org.staff_1.user, backend="django.contrib.auth.backends.ModelBackend")
    r = client.get("/pelatihan/")
    assert r.status_code == 200 and "Pelatihan" in r.content.decode()
    assert client.get("/").status_code == 200
    assert len(calls) == 1  # not retried on the very next request
    assert not AktivitasPengguna.objects.exists()
    monkeypatch.undo()
    tunda.flush()  # later (after the retry delay) the kept mark is written
    assert AktivitasPengguna.objects.filter(user=org.staff_1.user, hari_aktif=1).exists()


def test_activity_middleware_survives_a_broken_cache(org, client, monkeypatch):
    from django.core.cache import cache

    def down(*a, **kw):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "add", down)
    client.force_login(org.staff_1.user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/pelatihan/").status_code == 200


def test_activity_is_recorded_for_api_token_users(org, client):
    from kinerja.core.services import api_token_create

    _token, key = api_token_create(user=org.staff_2.user)
    r = client.get("/api/v1/pelatihan/undangan", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 200
    assert AktivitasPengguna.objects.filter(user=org.staff_2.user).exists()


def test_dashboard_pages_and_export(dunia):
    services.metrik_adopsi_hitung(instansi=dunia.instansi, minggu=MINGGU, today=TODAY)
    admin = _client(fresh(dunia.admin.user))
    r = admin.get(f"/pelatihan/adopsi/?minggu={MINGGU.isoformat()}")
    body = r.content.decode()
    assert r.status_code == 200 and "Dinas Kesehatan" in body and "Dinas PUPR" in body and "Tertinggal" in body
    r = admin.get(f"/pelatihan/adopsi/opd/{dunia.dinkes.pk}/?minggu={MINGGU.isoformat()}")
    assert r.status_code == 200 and "Seksi Imunisasi" in r.content.decode()
    r = admin.get(f"/pelatihan/adopsi/ekspor.xlsx?minggu={MINGGU.isoformat()}")
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["OPD", "Unit"] and wb["OPD"].max_row == 1 + 4  # Dinkes, PUPR, BKPSDM, Inspektorat
    r = admin.get("/pelatihan/adopsi/tren.json")
    assert r.json()["minggu"] == [MINGGU.strftime("%d-%m")]


def test_pimpinan_opd_sees_own_opd_only(dunia):
    services.metrik_adopsi_hitung(instansi=dunia.instansi, minggu=MINGGU, today=TODAY)
    kadis = _client(fresh(dunia.kadis.user))
    r = kadis.get("/pelatihan/adopsi/")
    assert r.status_code == 302 and f"/pelatihan/adopsi/opd/{dunia.dinkes.pk}/" in r["Location"]
    assert kadis.get(f"/pelatihan/adopsi/opd/{dunia.pupr.pk}/").status_code == 404
    r = kadis.get("/api/v1/pelatihan/adopsi")
    assert [m["opd_id"] for m in r.json()] == [dunia.dinkes.pk]
    assert kadis.get(f"/api/v1/pelatihan/adopsi/opd/{dunia.pupr.pk}").status_code == 404
    for who in ("staff_1", "kasi", "kabid"):
        assert _client(fresh(dunia.org.user(who))).get("/pelatihan/adopsi/").status_code == 403
        assert _client(fresh(dunia.org.user(who))).get("/api/v1/pelatihan/adopsi").status_code == 403


def test_recompute_button_is_for_admin(dunia):
    assert _client(fresh(dunia.auditor.user)).post("/pelatihan/adopsi/hitung/").status_code == 302
    assert not MetrikAdopsi.objects.exists()  # refused with a message
    assert _client(fresh(dunia.admin.user)).post("/pelatihan/adopsi/hitung/").status_code == 302
    assert MetrikAdopsi.objects.filter(minggu=rules.awal_minggu(TODAY)).exists()
