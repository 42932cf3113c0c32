"""Citizen journeys at phone size (360×740) in Chromium: scan → survey → thank-you; complaint → ticket → status;
and a moderator hiding an item. The browser solves the real ALTCHA proof-of-work (small difficulty for speed).
Screenshots land in var/screenshots/partisipasi-*.png."""

import re

import pytest
from playwright.sync_api import expect

from kinerja.organisasi.tests.factories import PASSWORD, build_org
from kinerja.partisipasi.models import Pengaduan, ResponSurvei, StatusModerasi
from kinerja.partisipasi.tests.factories import build_partisipasi
from tests.e2e.conftest import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dunia(transactional_db, settings):
    settings.PARTISIPASI_ALTCHA_MAX = 4000
    return build_partisipasi(build_org())


def test_scan_survey_thank_you_on_a_phone(dunia, live_server, page, shot, axe):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/p/pos-imun/")  # what the QR code on the poster opens
    expect(page.get_by_role("heading", level=1)).to_have_text("Pos Imunisasi")
    axe(page)
    shot(page, "partisipasi-titik")
    page.get_by_role("link", name=re.compile("Isi survei kepuasan")).click()
    expect(page.get_by_text("Langkah 1 dari 4")).to_be_visible()
    # "Lanjut" without answering tells what is missing and stays on the step
    page.get_by_role("button", name="Lanjut").first.click()
    expect(page.get_by_role("alert").first).to_contain_text("Jawab dulu")
    axe(page)
    shot(page, "partisipasi-survei-langkah1")
    choices = ["Sesuai", "Sangat mudah", "Cepat", "Gratis", "Sesuai", "Mampu", "Sangat sopan dan ramah",
               "Dikelola dengan baik", "Baik"]
    for step in range(3):
        for label in choices[step * 3:step * 3 + 3]:
            page.locator("[data-langkah]:visible").get_by_text(label, exact=True).first.click()
        page.locator("[data-langkah]:visible").get_by_role("button", name="Lanjut").click()
    expect(page.get_by_text("Langkah 4 dari 4")).to_be_visible()
    page.get_by_label("Saran atau masukan").fill("Ruang tunggu nyaman & bersih")
    expect(page.get_by_text("Pemeriksaan keamanan selesai")).to_be_visible(timeout=20000)
    shot(page, "partisipasi-survei-langkah4")
    page.get_by_role("button", name="Kirim survei").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terima kasih!")
    axe(page)
    shot(page, "partisipasi-terima-kasih")
    r = ResponSurvei.objects.get()
    assert r.nilai == [3, 4, 3, 4, 3, 3, 4, 4, 3] and r.saran == "Ruang tunggu nyaman & bersih"
    # the results page with its trend (no JavaScript chart)
    page.get_by_role("link", name="Lihat hasil survei dan trennya").click()
    expect(page.get_by_role("heading", name=re.compile("IKM"))).to_be_visible()
    axe(page)
    shot(page, "partisipasi-hasil")


def test_complaint_ticket_status_on_a_phone(dunia, live_server, page, shot, axe):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/a/ayu-vaksin/")  # the QR code on a name tag
    expect(page.get_by_role("heading", level=1)).to_have_text("Ayu Lestari")
    axe(page)
    shot(page, "partisipasi-petugas")
    page.get_by_role("link", name="Ada masalah serius? Sampaikan pengaduan").click()
    expect(page.get_by_text("Pegawai yang Anda laporkan tidak pernah melihat nama atau kontak Anda")).to_be_visible()
    # a mistake first: nothing typed is lost
    page.get_by_label("Judul singkat").fill("Diminta uang")
    expect(page.get_by_text("Pemeriksaan keamanan selesai")).to_be_visible(timeout=20000)
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Ada yang perlu diperbaiki")
    expect(page.get_by_label("Judul singkat")).to_have_value("Diminta uang")
    axe(page)
    shot(page, "partisipasi-pengaduan-salah")
    page.get_by_label("Jenis masalah").select_option("pungutan")
    page.get_by_label("Apa yang terjadi?").fill("Diminta Rp50.000 agar anak saya cepat diimunisasi.")
    expect(page.get_by_text("Pemeriksaan keamanan selesai")).to_be_visible(timeout=20000)
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pengaduan Anda sudah diterima")
    tiket = page.locator(".tiket").first.inner_text().strip()
    assert tiket == Pengaduan.objects.get().tiket
    axe(page)
    shot(page, "partisipasi-tiket")
    # later: type the ticket code to follow the status
    page.goto(f"{live_server.url}/t/")
    page.get_by_label("Kode tiket").fill(tiket.lower())
    page.get_by_role("button", name="Lihat status").click()
    expect(page.get_by_text("Status:")).to_contain_text("Diterima")
    page.get_by_label("Tanggapan Anda").fill("Kejadiannya hari Senin pagi.")
    expect(page.get_by_text("Pemeriksaan keamanan selesai")).to_be_visible(timeout=20000)
    page.get_by_role("button", name="Kirim tanggapan").click()
    expect(page.get_by_role("status").first).to_contain_text("Tanggapan Anda terkirim")
    expect(page.locator(".timeline")).to_contain_text("Kejadiannya hari Senin pagi.")
    axe(page)
    shot(page, "partisipasi-status")


def test_moderation_hides_with_a_reason(dunia, live_server, browser, shot, axe):
    from kinerja.partisipasi import services
    from kinerja.partisipasi.tests.factories import jawaban, konteks

    held = services.survei_submit(titik=dunia.titik, jawaban=jawaban(), saran="Petugasnya goblok semua",
                                  konteks=konteks())
    assert held.status == StatusModerasi.DITINJAU
    for size, name in ((PHONE, "hp"), (DESKTOP, "desktop")):
        context = browser.new_context(viewport=size, locale="id-ID")
        page = context.new_page()
        sign_in(page, live_server.url, dunia.org.kasi.nip, PASSWORD)
        page.goto(f"{live_server.url}/partisipasi/moderasi/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Moderasi kiriman warga")
        if name == "hp":
            expect(page.get_by_text("Petugasnya goblok semua")).to_be_visible()
            axe(page)
            shot(page, "partisipasi-moderasi")
            # hiding without a reason is refused; the item stays in the queue
            page.get_by_role("button", name="Sembunyikan").first.click()
            expect(page.get_by_text("Tuliskan alasan menyembunyikan kiriman ini.")).to_be_visible()
            page.get_by_label("Alasan (wajib bila disembunyikan)").first.fill("Kata kasar tanpa isi masukan")
            page.get_by_role("button", name="Sembunyikan").first.click()
            expect(page.get_by_text("teks aslinya tetap tersimpan")).to_be_visible()
            page.get_by_role("link", name="Disembunyikan").click()
            expect(page.get_by_text("Petugasnya goblok semua")).to_be_visible()  # the original is kept
            expect(page.get_by_text("Alasan moderasi: Kata kasar tanpa isi masukan")).to_be_visible()
            shot(page, "partisipasi-moderasi-disembunyikan")
        else:
            page.goto(f"{live_server.url}/partisipasi/")
            axe(page)
            shot(page, "partisipasi-dasbor")
        context.close()
    held.refresh_from_db()
    assert held.status == StatusModerasi.DISEMBUNYIKAN and held.saran == "Petugasnya goblok semua"
