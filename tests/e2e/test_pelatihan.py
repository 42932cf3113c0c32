"""Pelatihan in the browser: the first-login tour, a QR check-in (scan on the phone, confirm, quiz), the pulse
survey on a phone, planning a session and reading the adoption dashboard. Phone (360×740) and desktop sizes.

The how-to articles of the help centre show screenshots made here (`bantuan_shot`): small PNGs written into
kinerja/pelatihan/static/pelatihan/bantuan/ and committed with the code.
"""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kinerja.organisasi.tests.factories import PASSWORD, build_org
from tests.e2e.conftest import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
BANTUAN = Path(__file__).resolve().parents[2] / "kinerja" / "pelatihan" / "static" / "pelatihan" / "bantuan"


@pytest.fixture
def org(transactional_db):
    return build_org()


@pytest.fixture
def bantuan_shot():
    """bantuan_shot(page, name): a small screenshot (viewport only, 64 colours) for the help centre."""
    from PIL import Image

    BANTUAN.mkdir(parents=True, exist_ok=True)

    def _shot(page, name: str):
        raw = page.screenshot(full_page=False)
        img = Image.open(io.BytesIO(raw)).convert("RGB")
        img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
        img.save(BANTUAN / name, optimize=True)

    return _shot


def _context(browser, size):
    return browser.new_context(viewport=size, locale="id-ID", timezone_id="Asia/Jakarta")


def test_first_login_tour_on_a_phone(org, live_server, browser, shot, axe, bantuan_shot):
    from kinerja.core.models import User

    page = _context(browser, PHONE).new_page()
    sign_in(page, live_server.url, org.staff_1.nip, PASSWORD)
    panel = page.locator("[data-tur]")
    expect(panel.get_by_role("heading", name="Baru di Kinerja? Ikuti tur satu menit")).to_be_visible()
    axe(page)
    panel.get_by_role("button", name="Mulai tur").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Langkah 1 dari")
    expect(dialog.get_by_role("heading")).to_have_text("Selamat datang di Kinerja")
    dialog.get_by_role("button", name="Lanjut").click()
    expect(dialog.get_by_role("heading")).to_have_text("Menu utama")
    dialog.get_by_role("button", name="Lanjut").click()
    expect(dialog.get_by_role("heading")).to_have_text("Jabatan dan atasan Anda")
    bantuan_shot(page, "tur.png")
    shot(page, "pelatihan-tur-ponsel")
    dialog.get_by_role("button", name="Kembali").click()
    expect(dialog.get_by_role("heading")).to_have_text("Menu utama")
    for _ in range(10):
        if dialog.get_by_role("button", name="Selesai").count():
            break
        dialog.get_by_role("button", name="Lanjut").click()
    expect(dialog.get_by_role("heading")).to_have_text("Bantuan selalu ada")
    dialog.get_by_role("button", name="Selesai").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("Tur selesai. Anda dapat mengulanginya")).to_be_visible()
    assert User.objects.get(pk=org.staff_1.user_id).onboarding_selesai
    page.reload()
    expect(page.get_by_role("button", name="Mulai tur")).to_have_count(0)
    expect(page.get_by_role("button", name="Ulangi tur pengenalan")).to_be_visible()


def test_tour_on_desktop_skipped_with_escape(org, live_server, browser, axe):
    from kinerja.core.models import User

    page = _context(browser, DESKTOP).new_page()
    sign_in(page, live_server.url, org.kasi.nip, PASSWORD)
    page.get_by_role("button", name="Mulai tur").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Lanjut").click()
    dialog.get_by_role("button", name="Lanjut").click()
    expect(dialog.get_by_role("heading")).to_have_text("Tim Anda")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("Tur selesai.")).to_be_visible()
    assert User.objects.get(pk=org.kasi.user_id).onboarding_selesai
    page.goto(f"{live_server.url}/pelatihan/bantuan/")
    axe(page)
    page.get_by_role("button", name="Ulangi tur pengenalan").click()
    expect(page.get_by_role("dialog")).to_contain_text("Langkah 1 dari")  # asked for again: it starts by itself


def test_qr_check_in_then_quiz(org, live_server, browser, shot, axe, bantuan_shot):
    from kinerja.pelatihan.models import PesertaSesi
    from kinerja.pelatihan.tests.factories import berjalan, make_kuis, make_sesi

    sesi = make_sesi(org, judul="Klinik Kinerja: laporan harian", tempat="Aula Dinas Kesehatan")
    make_kuis(org, sesi, n=2)
    sesi = berjalan(sesi)

    # The organiser shows the QR at the venue.
    layar = _context(browser, DESKTOP).new_page()
    sign_in(layar, live_server.url, org.admin.nip, PASSWORD)
    layar.goto(f"{live_server.url}/pelatihan/sesi/{sesi.pk}/layar/")
    qr = layar.locator("[data-qr-url]")
    expect(qr.locator("svg")).to_be_visible()
    url = qr.get_attribute("data-qr-url")
    kode = layar.locator("[data-kode-presensi]").inner_text().strip()
    assert re.fullmatch(r"\d{6}", kode)
    expect(layar.get_by_text("0 dari")).to_be_visible()
    axe(layar)
    bantuan_shot(layar, "layar-qr.png")
    shot(layar, "pelatihan-layar-qr")

    # A pegawai scans it with the phone camera: the link asks to sign in, then confirms with one tap.
    hp = _context(browser, PHONE).new_page()
    hp.goto(url)
    expect(hp).to_have_url(re.compile(r"/masuk/\?next="))
    hp.get_by_label("NIP").fill(org.staff_1.nip)
    hp.get_by_label("Kata sandi").fill(PASSWORD)
    hp.get_by_role("button", name="Masuk").click()
    expect(hp.get_by_role("heading", level=1)).to_have_text("Presensi")
    expect(hp.get_by_text("Klinik Kinerja: laporan harian")).to_be_visible()
    axe(hp)
    bantuan_shot(hp, "hadir.png")
    hp.get_by_role("button", name="Saya hadir").click()
    expect(hp.get_by_role("heading", level=1)).to_have_text("Kehadiran tercatat")
    bantuan_shot(hp, "hadir-ok.png")
    shot(hp, "pelatihan-hadir-ponsel")
    assert PesertaSesi.objects.get(sesi=sesi, pegawai=org.staff_1).cara_hadir == "qr"

    # The camera of a colleague does not scan: she types the 6 digits on the session page.
    hp2 = _context(browser, PHONE).new_page()
    sign_in(hp2, live_server.url, org.staff_2.nip, PASSWORD)
    hp2.goto(f"{live_server.url}/pelatihan/sesi/{sesi.pk}/")
    hp2.get_by_label("Kode presensi (6 angka)").fill("000000" if kode != "000000" else "111111")
    hp2.get_by_role("button", name="Catat kehadiran").click()
    expect(hp2.get_by_role("alert")).to_contain_text("tidak berlaku atau sudah kedaluwarsa")
    hp2.goto(f"{live_server.url}/pelatihan/sesi/{sesi.pk}/")
    hp2.get_by_label("Kode presensi (6 angka)").fill(layar_kode(layar))
    hp2.get_by_role("button", name="Catat kehadiran").click()
    expect(hp2.get_by_role("heading", level=1)).to_have_text("Kehadiran tercatat")

    layar.reload()
    expect(layar.get_by_text("2 dari")).to_be_visible()

    # After checking in: the short quiz.
    hp.get_by_role("link", name="Buka materi, kuis dan umpan balik").click()
    hp.get_by_role("link", name="Kerjakan kuis").click()
    hp.get_by_role("button", name="Kirim jawaban").click()
    expect(hp.get_by_role("alert")).to_contain_text("Jawab semua pertanyaan")
    hp.goto(hp.url)  # a fresh form (reload would post again)
    for fieldset in hp.locator("fieldset").all():
        fieldset.get_by_label("A benar").check()
    bantuan_shot(hp, "kuis.png")
    hp.get_by_role("button", name="Kirim jawaban").click()
    expect(hp.get_by_role("status").or_(hp.locator(".messages"))).to_contain_text("Selamat, Anda lulus kuis")
    expect(hp.get_by_text("Kuis lulus (nilai 100)")).to_be_visible()
    shot(hp, "pelatihan-kuis-lulus-ponsel")


def layar_kode(layar) -> str:
    layar.reload()
    return layar.locator("[data-kode-presensi]").inner_text().strip()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_pulse_survey(org, live_server, browser, shot, axe, bantuan_shot, size):
    from kinerja.pelatihan import services
    from kinerja.pelatihan.models import ResponsSurvei
    from kinerja.pelatihan.tests.factories import admin

    today = timezone.localdate()
    services.putaran_survei_buat(actor=admin(org), judul="Survei denyut Triwulan 4", mulai=today,
                                 selesai=today + dt.timedelta(days=13))
    page = _context(browser, PHONE if size == "phone" else DESKTOP).new_page()
    sign_in(page, live_server.url, org.staff_1.nip, PASSWORD)
    page.get_by_role("link", name="Isi survei (1 menit, anonim)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Survei denyut Kinerja")
    axe(page)
    if size == "phone":
        bantuan_shot(page, "survei.png")
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("alert")).to_contain_text("Pilih satu nilai dari 1 sampai 5")
    assert not ResponsSurvei.objects.exists()
    page.get_by_role("group", name=re.compile("membantu saya")).get_by_label("4 — Setuju").check()
    page.get_by_role("group", name=re.compile("terasa adil")).get_by_label("3 — Netral").check()
    page.get_by_role("group", name=re.compile("mudah digunakan")).get_by_label("5 — Sangat setuju").check()
    page.get_by_label("Satu hal yang paling perlu diperbaiki").fill("Notifikasi lewat WhatsApp")
    shot(page, f"pelatihan-survei-{size}")
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("status")).to_contain_text("Terima kasih!")
    expect(page.get_by_text("Anda sudah mengisi survei putaran ini")).to_be_visible()
    r = ResponsSurvei.objects.get()
    assert (r.kegunaan, r.keadilan, r.kemudahan, r.komentar) == (4, 3, 5, "Notifikasi lewat WhatsApp")
    page.get_by_role("link", name="Hasil sementara putaran ini").click()
    expect(page.get_by_text("Belum cukup tanggapan untuk ditampilkan")).to_be_visible()
    axe(page)


def test_admin_plans_a_session_and_reads_the_dashboard(org, live_server, browser, shot, axe, bantuan_shot):
    from kinerja.pelatihan import services
    from kinerja.pelatihan.models import SesiPelatihan

    services.metrik_adopsi_hitung(instansi=org.instansi, minggu=timezone.localdate(), today=timezone.localdate())
    page = _context(browser, DESKTOP).new_page()
    sign_in(page, live_server.url, org.admin.nip, PASSWORD)
    page.get_by_role("link", name="Pelatihan", exact=True).first.click()
    page.get_by_role("link", name="Rencanakan sesi").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rencanakan sesi")
    axe(page)
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page.get_by_role("alert")).to_contain_text("Tulis topik sesi")
    mulai = timezone.localtime() + dt.timedelta(days=3)
    page.get_by_label("Topik").fill("BerAKHLAK: Kolaboratif")
    page.get_by_label("Mulai").fill(mulai.strftime("%Y-%m-%dT09:00"))
    page.get_by_label("Selesai", exact=True).fill(mulai.strftime("%Y-%m-%dT11:00"))
    page.get_by_label("Tempat").fill("Aula BKPSDM")
    page.get_by_label("Sasaran: OPD / unit").select_option(label="Dinas Kesehatan")
    page.get_by_label("BerAKHLAK: Kolaboratif").check()
    bantuan_shot(page, "sesi-baru.png")
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("BerAKHLAK: Kolaboratif")
    page.get_by_role("button", name="Terbitkan dan kirim undangan").click()
    expect(page.get_by_text("Undangan dikirim kepada 7 pegawai")).to_be_visible()
    assert SesiPelatihan.objects.get().peserta.count() == 7
    shot(page, "pelatihan-sesi-admin")

    page.get_by_role("link", name="Adopsi", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adopsi Kinerja")
    expect(page.get_by_role("rowheader", name="Dinas Kesehatan")).to_be_visible()
    axe(page)
    bantuan_shot(page, "adopsi.png")
    shot(page, "pelatihan-adopsi")
    page.get_by_role("link", name="Dinas Kesehatan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adopsi: Dinas Kesehatan")
    expect(page.get_by_role("rowheader", name="Seksi Imunisasi")).to_be_visible()
