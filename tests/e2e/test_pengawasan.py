"""Browser journeys of pengawasan on the demo regency (the real `seed_demo`, 400 pegawai): the demo kepala dinas
drills down from the OPD dashboard to a lagging unit and acknowledges its warning; the demo Inspektorat account
finds the planted duplicate report texts and records a verification note. At desktop and phone size, with axe."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(live_server):
    call_command("seed_demo", pegawai=400, seed=2026, stdout=io.StringIO())
    from kinerja.demo.seeding import demo_logins

    return demo_logins()


def _kepala_dinas(page, base, logins, axe, shot, size: str):
    sign_in(page, base, logins["pimpinan_opd"], settings.DEMO_PASSWORD)
    page.goto(f"{base}/pengawasan/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dinas Kesehatan")
    expect(page.get_by_role("table").first).to_be_visible()  # the table is there before (and without) the chart
    axe(page)
    shot(page, f"pengawasan-opd-{size}")
    # drill down: the first unit flagged as lagging that still has a warning nobody acknowledged (the desktop pass
    # acknowledges one, so the phone pass goes on to the next lagging unit)
    rows = page.locator("tr.baris--tertinggal").filter(has=page.locator(".tag--warn"))
    expect(rows.first).to_be_visible()
    terbuka = page.locator(".panel--peringatan li").filter(has_text="Terbuka")
    for i in range(rows.count()):
        link = page.locator("tr.baris--tertinggal").filter(has=page.locator(".tag--warn")).nth(i).locator("th a")
        nama = link.inner_text()
        link.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(nama)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Tertinggal")
        if terbuka.count():
            break
        page.go_back()
    shot(page, f"pengawasan-unit-tertinggal-{size}")
    terbuka.first.locator("a").click()
    expect(page.get_by_role("heading", name="Akui peringatan")).to_be_visible()
    axe(page)
    page.get_by_label("Catatan (opsional)").fill("Akan saya bahas dengan kepala puskesmas minggu ini.")
    page.get_by_role("button", name="Akui", exact=True).click()
    expect(page.locator(".status")).to_contain_text("Diakui")
    expect(page.get_by_text("Peringatan diakui.")).to_be_visible()
    shot(page, f"pengawasan-peringatan-diakui-{size}")


def _inspektorat(page, base, logins, axe, shot, size: str):
    sign_in(page, base, logins["inspektorat"], settings.DEMO_PASSWORD)
    page.goto(f"{base}/pengawasan/inspektorat/")
    axe(page)
    page.get_by_role("combobox", name="Jenis").select_option("duplikat")
    page.get_by_role("button", name="Saring").click()
    links = page.get_by_role("link", name=re.compile("Uraian laporan sama"))
    expect(links.first).to_be_visible()
    assert links.count() >= 2  # the demo plants one long text copied by two colleagues of its author
    shot(page, f"pengawasan-inspektorat-{size}")
    links.first.click()
    expect(page.get_by_text("Kemiripan").first).to_be_visible()
    expect(page.locator(".bukti-teks").first).to_contain_text("stunting di Dusun Karang Tengah")
    axe(page)
    page.get_by_label("Hasil verifikasi").fill("Dikonfirmasi ke kepala puskesmas: uraian disalin dari rekan.")
    page.get_by_role("button", name="Simpan catatan audit").click()
    expect(page.get_by_text("Catatan audit tersimpan.")).to_be_visible()
    expect(page.get_by_text("Dikonfirmasi ke kepala puskesmas").last).to_be_visible()
    shot(page, f"pengawasan-anomali-{size}")


def test_demo_journeys_desktop_and_phone(demo, live_server, browser, axe, shot):
    base = live_server.url
    for size, viewport in (("desktop", DESKTOP), ("ponsel", PHONE)):
        ctx = browser.new_context(viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta")
        page = ctx.new_page()
        _kepala_dinas(page, base, demo, axe, shot, size)
        ctx.close()
        ctx = browser.new_context(viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta")
        page = ctx.new_page()
        _inspektorat(page, base, demo, axe, shot, size)
        ctx.close()


def test_charts_draw_from_the_offline_library(demo, live_server, browser):
    ctx = browser.new_context(viewport=DESKTOP, locale="id-ID", timezone_id="Asia/Jakarta")
    page = ctx.new_page()
    sign_in(page, live_server.url, "bupati", settings.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/pengawasan/dasbor/")
    page.wait_for_function("typeof Chart !== 'undefined'")
    page.wait_for_function("document.querySelector('canvas[data-grafik=baris]').getAttribute('data-digambar')")
    assert page.evaluate("Object.keys(Chart.instances).length") >= 1
    # pimpinan daerah: aggregates only — no pegawai rows on a unit page
    href = page.locator("table.table--dasbor th a", has_text="Dinas Kesehatan").first.get_attribute("href")
    page.goto(f"{live_server.url}{href}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dinas Kesehatan")
    assert page.locator("#h-pegawai").count() == 0
    ctx.close()
