"""The phone app offline (issue 4, Deliver 11): a pegawai goes offline, writes two reports, comes back online and
each syncs exactly once; the atasan sees them appear without a reload and requests a revision; the pegawai sees
the comment. Phone size for the pegawai, desktop for the atasan; screenshots in var/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from kinerja.laporan.models import KomentarLaporan, LaporanHarian
from kinerja.organisasi.tests.factories import PASSWORD
from tests.e2e.conftest import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dunia(transactional_db):
    from kinerja.laporan.tests.factories import build_dunia

    return build_dunia()


def isi_laporan(page, dunia, mulai, selesai, uraian, jumlah):
    page.get_by_label("Jam mulai").fill(mulai)
    page.get_by_label("Jam selesai").fill(selesai)
    page.get_by_label("RHK / indikator yang didukung").select_option(f"ind:{dunia.indikator('staff_1').pk}")
    page.get_by_label("Uraian kegiatan").fill(uraian)
    page.get_by_label("Jumlah output").fill(jumlah)
    page.get_by_label("Satuan output").fill("anak")
    page.get_by_role("button", name="Kirim ke atasan").click()


def test_offline_reports_sync_once_and_the_atasan_reviews_them_live(dunia, live_server, browser, shot, axe):
    url = live_server.url
    # the pegawai, on a phone
    hp = browser.new_context(viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta")
    page = hp.new_page()
    sign_in(page, url, dunia.staff_1.nip, PASSWORD)
    page.goto(f"{url}/laporan/")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.reload()  # now controlled by the service worker, which keeps the app for offline use
    bar = page.locator("[data-sinkron]")
    expect(bar).to_contain_text("Daring")
    expect(bar).to_contain_text("0 laporan menunggu dikirim")
    axe(page)

    # the atasan, at a desk, has the review queue open
    desk = browser.new_context(viewport=DESKTOP, locale="id-ID", timezone_id="Asia/Jakarta")
    atasan = desk.new_page()
    sign_in(atasan, url, dunia.kasi.nip, PASSWORD)
    atasan.goto(f"{url}/laporan/tinjauan/")
    expect(atasan.locator("#antrian-jumlah")).to_have_text("0")

    # no signal: two reports are kept on the phone
    hp.set_offline(True)
    expect(bar).to_contain_text("Luring")
    isi_laporan(page, dunia, "08:00", "10:00", "Imunisasi dasar di Posyandu Melati", "14")
    expect(bar).to_contain_text("Tersimpan di ponsel — akan dikirim saat online")
    expect(bar).to_contain_text("1 laporan menunggu dikirim")
    isi_laporan(page, dunia, "10:30", "12:00", "Kunjungan rumah bayi belum imunisasi", "3")
    expect(bar).to_contain_text("2 laporan menunggu dikirim")
    expect(page.locator("[data-antre] li")).to_have_count(2)
    shot(page, "laporan-luring-ponsel")
    assert LaporanHarian.objects.count() == 0
    # the app itself is kept on the phone, and a reload keeps the queue (IndexedDB)
    assert page.evaluate("async () => !!(await caches.match('/laporan/'))")
    page.reload()
    expect(page.locator("[data-sinkron]")).to_contain_text("2 laporan menunggu dikirim")

    # back online: each report is sent exactly once
    hp.set_offline(False)
    bar = page.locator("[data-sinkron]")
    expect(bar).to_contain_text("0 laporan menunggu dikirim", timeout=20_000)
    expect(bar).to_contain_text("Semua laporan sudah terkirim")
    expect(bar).to_contain_text(re.compile(r"Sinkron terakhir: \d"))
    expect(page.locator("#daftar-laporan")).to_contain_text("Kunjungan rumah bayi belum imunisasi")
    shot(page, "laporan-tersinkron-ponsel")
    rows = list(LaporanHarian.objects.order_by("jam_mulai"))
    assert [r.uraian for r in rows] == ["Imunisasi dasar di Posyandu Melati", "Kunjungan rumah bayi belum imunisasi"]
    assert len({r.idempotency_key for r in rows}) == 2 and all(r.idempotency_key for r in rows)
    assert all(r.status == "diajukan" and r.penilai_id == dunia.kasi.pk for r in rows)

    # the atasan's queue shows them without a reload (it polls every 3 s)
    items = atasan.locator("[data-item]")
    expect(items).to_have_count(2, timeout=5_000)
    expect(atasan.locator("#antrian-jumlah")).to_have_text("2")
    first = atasan.locator(f"#laporan-{rows[0].pk}")
    first.locator("summary").click()
    first.get_by_label("Komentar / catatan revisi").fill("Lampirkan foto kegiatan dan daftar hadir posyandu.")
    shot(atasan, "tinjauan-desktop")
    axe(atasan)
    first.get_by_role("button", name="Minta revisi").click()
    expect(atasan.locator(f"#laporan-{rows[0].pk}")).to_contain_text("Laporan dikembalikan untuk revisi.")
    assert LaporanHarian.objects.get(pk=rows[0].pk).status == "perlu_revisi"
    assert KomentarLaporan.objects.get(laporan=rows[0]).jenis == "revisi"

    # the pegawai sees the feedback as an in-app notification within 5 s, then the comment on the report
    expect(page.locator(".notif__count")).to_have_text("1", timeout=7_000)
    page.locator(".notif-link").click()
    page.get_by_role("link", name=re.compile("Perlu revisi")).click()
    expect(page.locator("#komentar")).to_contain_text("Lampirkan foto kegiatan dan daftar hadir posyandu.")
    expect(page.locator(".status-blok")).to_contain_text("Perlu revisi")
    shot(page, "laporan-perlu-revisi-ponsel")
    axe(page)
    # nothing was sent twice
    assert LaporanHarian.objects.count() == 2
    hp.close()
    desk.close()
