"""Penilaian in Chromium: a full cycle for one unit (Seksi Imunisasi) — self-assessment, peers, supervisor
ratings, a curve warning, finalisation, the PDF, a keberatan — at phone and desktop size, with axe checks and
screenshots; then dialog kinerja and the calibration view."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kinerja.organisasi.tests.factories import PASSWORD, fresh
from kinerja.penilaian import services
from kinerja.penilaian.models import Evaluasi, Keberatan, PengecualianKurva, Respon360
from kinerja.penilaian.tests.factories import build_world, indikator, make_laporan, nilai
from tests.e2e.conftest import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(transactional_db):
    from kinerja.organisasi.tests.factories import build_org

    w = build_world(build_org())
    # the instansi applies the distribution curve to periodic windows too; the unit's predikat is Baik
    services.kebijakan_penilaian_simpan(actor=w.user("admin"), berlaku_kurva="semua")
    services.predikat_organisasi_tetapkan(actor=w.user("kabid"), periode=w.periode, unit=w.org.seksi_imunisasi,
                                          predikat="baik")
    skp = w.skp["staff_1"]
    for day in range(4):
        make_laporan(skp, indikator(skp), w.tw3.tanggal_mulai + dt.timedelta(days=7 * day), 2)
    nilai(w, "staff_2", w.tw3)  # the colleague is already rated Baik
    return w


def _page(browser, size):
    context = browser.new_context(viewport=size, locale="id-ID", accept_downloads=True)
    return context, context.new_page()


def _as(browser, live_server, w, name, size):
    context, page = _page(browser, size)
    sign_in(page, live_server.url, getattr(w.org, name).nip, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
    return context, page


def test_full_cycle_for_one_unit(world, live_server, browser, shot, axe):
    w = world
    base = live_server.url

    # 1. the pegawai (phone) opens her evaluation and submits the self-assessment
    ctx, page = _as(browser, live_server, w, "staff_1", PHONE)
    page.goto(f"{base}/penilaian/?jadwal={w.tw3.pk}")
    axe(page)
    page.get_by_role("button", name="Buka evaluasi Triwulan III saya").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Evaluasi kinerja Triwulan III")
    expect(page.get_by_text("Giliran Anda")).to_be_visible()
    page.get_by_role("link", name="Isi penilaian diri").click()
    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()  # empty reflection
    expect(page.get_by_role("alert")).to_contain_text("Tulis refleksi umum")
    shot(page, "penilaian-diri-error-ponsel")
    page.get_by_label("Refleksi umum").fill("Posyandu rutin berjalan; target bayi hampir tercapai.")
    page.get_by_label("Refleksi untuk RHK 1").fill("Empat posyandu tiap bulan.")
    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    expect(page.get_by_text("Penilaian diri diajukan ke pejabat penilai.")).to_be_visible()
    shot(page, "penilaian-evaluasi-pegawai-ponsel")
    axe(page)
    ctx.close()
    ev = Evaluasi.objects.get(pegawai=w.org.staff_1, jadwal=w.tw3)

    # 2. the pejabat penilai (desktop) invites three peers
    ctx, page = _as(browser, live_server, w, "kasi", DESKTOP)
    page.goto(f"{base}/penilaian/evaluasi/{ev.pk}/")
    page.get_by_role("link", name="Penilai rekan (360)").click()
    for name in ("Rizki Pratama", "Fajar Nugroho", "Budi Santoso"):
        page.get_by_label(name).check()
    axe(page)
    page.get_by_role("button", name="Simpan dan kirim undangan").click()
    expect(page.get_by_text("Penilai rekan tersimpan")).to_be_visible()
    ctx.close()

    # 3. the peers answer on their phones (anonymously, once)
    for name in ("staff_2", "staff_3", "kasi"):
        ctx, page = _as(browser, live_server, w, name, PHONE)
        page.goto(f"{base}/penilaian/360/")
        page.get_by_role("link", name="Beri umpan balik").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Umpan balik rekan untuk Ayu Lestari")
        for group in page.locator("fieldset.rating-group").all():
            group.get_by_label("Sesuai Ekspektasi", exact=True).check()
        if name == "staff_2":
            page.locator("fieldset.rating-group").first.get_by_label("Di Atas Ekspektasi", exact=True).check()
            page.get_by_label("Komentar (opsional, anonim)").fill("Sabar menjelaskan jadwal imunisasi ke ibu-ibu.")
            axe(page)
            shot(page, "penilaian-360-ponsel")
        page.get_by_role("button", name="Kirim umpan balik").click()
        expect(page.get_by_text("Umpan balik Anda tersimpan tanpa nama")).to_be_visible()
        ctx.close()
    assert Respon360.objects.filter(evaluasi=ev).count() == 3

    # 4. the pejabat penilai rates: a missing feedback first, then complete
    ctx, page = _as(browser, live_server, w, "kasi", DESKTOP)
    page.goto(f"{base}/penilaian/evaluasi/{ev.pk}/")
    expect(page.get_by_text("Kesimpulan")).to_be_visible()  # the peer summary (3 answers)
    page.get_by_role("link", name="Beri rating").click()
    expect(page.get_by_text("Saran sistem").first).to_be_visible()
    for group in page.locator("fieldset.rating-group").all():
        group.get_by_label("Sesuai Ekspektasi", exact=True).check()
    page.locator("#f-perilaku_kolaboratif").get_by_label("Di Atas Ekspektasi", exact=True).check()
    page.get_by_role("button", name="Simpan penilaian").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Umpan balik tertulis wajib diisi")
    shot(page, "penilaian-rating-error-desktop")
    summary.get_by_role("link").first.click()
    page.get_by_label("Umpan balik kolaboratif").fill("Menggerakkan kader posyandu di dua desa.")
    page.get_by_role("button", name="Simpan penilaian").click()
    expect(page.get_by_text("Penilaian tersimpan.")).to_be_visible()
    expect(page.locator(".pill").first).to_have_text("Baik")
    axe(page)
    shot(page, "penilaian-evaluasi-dinilai-desktop")

    # 5. finalising: the curve warning (2 of 2 Baik under a Baik unit), then with a justification
    page.get_by_role("link", name="Finalisasi").click()
    expect(page.get_by_role("alert")).to_contain_text("Kurva distribusi dilanggar")
    axe(page)
    shot(page, "penilaian-kurva-peringatan-desktop")
    page.get_by_role("button", name="Finalisasi dan kunci").click()
    expect(page.locator(".error-summary")).to_contain_text("Baik paling banyak 70%")
    assert not PengecualianKurva.objects.exists()
    page.get_by_label("Justifikasi (bila kurva distribusi dilanggar)").fill(
        "Tim dua orang; keduanya memenuhi ekspektasi. Disepakati dengan Kepala Bidang.")
    page.get_by_role("button", name="Finalisasi dan kunci").click()
    expect(page.get_by_text("Evaluasi difinalisasi dan terkunci.")).to_be_visible()
    assert PengecualianKurva.objects.count() == 1

    # 6. the PDF
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh dokumen evaluasi (PDF)").click()
    path = info.value.path()
    with open(path, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    ctx.close()

    # 7. the pegawai objects; the atasan pejabat penilai decides
    ctx, page = _as(browser, live_server, w, "staff_1", PHONE)
    page.goto(f"{base}/penilaian/evaluasi/{ev.pk}/")
    page.get_by_role("link", name="Ajukan keberatan").click()
    page.get_by_label("Alasan keberatan").fill("Kegiatan sweeping imunisasi bulan September belum dihitung.")
    page.get_by_role("button", name="Ajukan keberatan").click()
    expect(page.get_by_text("Keberatan diajukan ke atasan pejabat penilai.")).to_be_visible()
    shot(page, "penilaian-keberatan-ponsel")
    ctx.close()
    ctx, page = _as(browser, live_server, w, "kabid", DESKTOP)
    page.goto(f"{base}/penilaian/evaluasi/{ev.pk}/")
    page.get_by_role("link", name="Putuskan keberatan").click()
    page.get_by_label("Dikabulkan (ubah penilaian)").check()
    page.get_by_label("Pertimbangan").fill("Sweeping September terbukti; hasil kerja melampaui target.")
    page.get_by_label("Rating hasil kerja baru").select_option("di_atas")
    page.get_by_label("Rating perilaku kerja baru").select_option("di_atas")
    axe(page)
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.get_by_text("Keberatan sudah diputuskan.", exact=True)).to_be_visible()
    expect(page.locator(".pill").first).to_have_text("Sangat Baik")
    shot(page, "penilaian-keberatan-diputuskan-desktop")
    ctx.close()
    assert Keberatan.objects.get().status == "dikabulkan"


def test_dialog_kinerja_on_a_phone(world, live_server, browser, shot, axe):
    w = world
    ctx, page = _as(browser, live_server, w, "kasi", PHONE)
    page.goto(f"{live_server.url}/penilaian/dialog/")
    page.get_by_role("link", name="Jadwalkan dialog").click()
    page.get_by_label("Judul").fill("Dialog kinerja Desember")
    page.get_by_label("Ayu Lestari").check()
    page.get_by_label("Ulangi").select_option("bulanan")
    page.get_by_label("Jumlah pertemuan (bila berulang)").fill("3")
    axe(page)
    page.get_by_role("button", name="Jadwalkan").click()
    expect(page.get_by_text("3 dialog kinerja dijadwalkan")).to_be_visible()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    page.get_by_label("Tindak lanjut").fill("Rekap kohort bayi per desa")
    page.get_by_role("button", name="Tambah tindak lanjut").click()
    expect(page.get_by_text("Tindak lanjut ditambahkan.")).to_be_visible()
    page.get_by_label("Ayu Lestari").check()
    page.get_by_label("Catatan capaian").fill("Cakupan naik 8 persen.")
    page.get_by_label("Tandai pertemuan selesai").check()
    page.get_by_role("button", name="Simpan catatan").click()
    expect(page.get_by_text("Catatan dialog tersimpan.")).to_be_visible()
    axe(page)
    shot(page, "penilaian-dialog-ponsel")
    besok = timezone.localdate() + dt.timedelta(days=1)
    page.goto(f"{live_server.url}/penilaian/dialog/?bulan={besok:%Y-%m}")
    expect(page.locator(".calendar-list").get_by_text("Dialog kinerja Desember").first).to_be_visible()
    axe(page)
    shot(page, "penilaian-kalender-ponsel")
    ctx.close()
    ctx, page = _as(browser, live_server, w, "kasi", DESKTOP)
    page.goto(f"{live_server.url}/penilaian/dialog/?bulan={besok:%Y-%m}")
    expect(page.locator("table.calendar")).to_be_visible()
    shot(page, "penilaian-kalender-desktop")
    ctx.close()


def test_calibration_view_for_pimpinan_opd(world, live_server, browser, shot, axe):
    w = world
    for name in ("staff_1", "kasi", "staff_3"):
        nilai(w, name, w.tw3, "di_atas" if name == "kasi" else "sesuai", "di_atas" if name == "kasi" else "sesuai")
    services.predikat_organisasi_tetapkan(actor=fresh(w.org.bupati), periode=w.periode, unit=w.org.dinkes,
                                          predikat="baik")
    ctx, page = _as(browser, live_server, w, "kadis", DESKTOP)
    page.goto(f"{live_server.url}/penilaian/kalibrasi/?opd={w.org.dinkes.pk}&jadwal={w.tw3.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalibrasi predikat kinerja")
    expect(page.get_by_text("Kurva distribusi dilanggar").first).to_be_visible()
    axe(page)
    shot(page, "penilaian-kalibrasi-desktop")
    page.goto(f"{live_server.url}/penilaian/predikat-organisasi/")
    axe(page)
    shot(page, "penilaian-predikat-organisasi-desktop")
    ctx.close()
    ctx, page = _as(browser, live_server, w, "kadis", PHONE)
    page.goto(f"{live_server.url}/penilaian/kalibrasi/?opd={w.org.dinkes.pk}&jadwal={w.tw3.pk}")
    shot(page, "penilaian-kalibrasi-ponsel")
    axe(page)
    ctx.close()
