"""SKP journey in Chromium: a pegawai drafts an SKP (phone) and submits it; the atasan returns it with a comment
(desktop); the pegawai fixes it and submits again; the atasan approves; the PDF downloads and contains the RHK text.
Also the cascade tree and the Matriks Peran Hasil at both sizes, with axe checks and screenshots."""

import subprocess

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.conftest import sign_in as _sign_in

pytestmark = pytest.mark.django_db(transaction=True)

RHK = "Terlaksananya imunisasi dasar lengkap bagi bayi di posyandu Melati"


@pytest.fixture
def dunia(transactional_db):
    from kinerja.organisasi.tests.factories import PASSWORD, build_org
    from kinerja.perencanaan.tests.factories import build_rencana

    org = build_org()
    r = build_rencana(org)
    return org, r, PASSWORD


def sign_in(page, base, username, password):
    """Sign in and wait until the home page has loaded (a menu opened mid-redirect closes again)."""
    _sign_in(page, base, username, password)
    page.wait_for_url(lambda url: "/masuk/" not in url)
    page.wait_for_load_state("load")


def _open(browser, size):
    context = browser.new_context(viewport=size, locale="id-ID", accept_downloads=True)
    return context, context.new_page()


def test_skp_journey_draft_return_fix_approve_pdf(dunia, live_server, browser, shot, axe, tmp_path):
    org, r, password = dunia
    base = live_server.url

    # 1. the pegawai (phone) starts a draft SKP from the menu
    ctx_p, p = _open(browser, PHONE)
    sign_in(p, base, org.staff_2.nip, password)
    p.get_by_role("button", name="Menu").click()
    p.get_by_role("link", name="SKP saya", exact=True).click()
    expect(p.get_by_role("heading", level=1)).to_have_text("SKP saya")
    axe(p)
    shot(p, "perencanaan-01-skp-saya-kosong-ponsel")
    p.get_by_role("button", name="Buat draf SKP").click()
    expect(p.get_by_role("heading", level=1)).to_contain_text("SKP")
    expect(p.get_by_text("Giliran Anda")).to_be_visible()

    # 2. adds an RHK hanging on the atasan's RHK; a zero target is refused with a clear message
    p.get_by_role("link", name="Tambah RHK").click()
    expect(p.get_by_role("heading", level=1)).to_have_text("Tambah RHK")
    axe(p)
    p.get_by_label("RHK atasan yang diintervensi").select_option(label=f"[Utama] {r.rhk_kasi.teks}")
    p.get_by_label("Rencana hasil kerja (RHK)").fill(RHK)
    p.get_by_label("Kuantitas: indikator").fill("Jumlah bayi yang mendapat imunisasi dasar lengkap")
    p.get_by_label("Kuantitas: target").fill("0")
    p.get_by_label("Kuantitas: satuan").fill("bayi")
    p.get_by_role("button", name="Simpan RHK").click()
    summary = p.get_by_role("alert")
    expect(summary).to_contain_text("Target harus lebih dari 0.")
    shot(p, "perencanaan-02-rhk-target-nol-ponsel")
    p.get_by_label("Kuantitas: target").fill("40")
    p.get_by_role("button", name="Simpan RHK").click()
    expect(p.locator(".rhk__teks", has_text=RHK)).to_be_visible()
    p.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    expect(p.get_by_text("Status: Diajukan")).to_be_visible()
    shot(p, "perencanaan-03-diajukan-ponsel")
    skp_url = p.url

    # 3. the atasan (desktop) finds it in the review queue and returns it with a comment on the RHK
    ctx_a, a = _open(browser, DESKTOP)
    sign_in(a, base, org.kasi.nip, password)
    a.get_by_role("link", name="SKP tim", exact=True).click()
    expect(a.get_by_role("heading", name="Menunggu keputusan Anda (1)")).to_be_visible()
    axe(a)
    shot(a, "perencanaan-04-skp-tim-desktop")
    a.get_by_role("link", name=org.staff_2.nama_lengkap).first.click()
    a.get_by_role("link", name="Kembalikan dengan catatan").click()
    expect(a.get_by_role("heading", level=1)).to_have_text("Kembalikan SKP dengan catatan")
    a.get_by_label(f"Catatan untuk RHK: {RHK}").fill("Target terlalu rendah: sasaran posyandu Melati 60 bayi.")
    axe(a)
    a.get_by_role("button", name="Kembalikan ke pegawai").click()
    expect(a.get_by_text("SKP dikembalikan dengan catatan")).to_be_visible()

    # 4. the pegawai sees the comment, fixes the target and submits again
    p.goto(skp_url)
    expect(p.locator(".rhk__catatan", has_text="Target terlalu rendah")).to_be_visible()
    shot(p, "perencanaan-05-dikembalikan-ponsel")
    p.get_by_role("link", name="Ubah RHK 1").click()
    p.get_by_label("Kuantitas: target").fill("60")
    p.get_by_role("button", name="Simpan RHK").click()
    expect(p.locator(".iki").get_by_role("cell", name="60 bayi", exact=True)).to_be_visible()
    p.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    expect(p.get_by_text("SKP diajukan")).to_be_visible()

    # 5. the atasan approves
    a.goto(skp_url)
    a.get_by_role("button", name="Setujui SKP").click()
    expect(a.get_by_text("SKP disetujui")).to_be_visible()
    shot(a, "perencanaan-06-disetujui-desktop")

    # 6. the pegawai downloads the official PDF; it contains the RHK text
    p.goto(skp_url)
    expect(p.get_by_text("Status: Disetujui")).to_be_visible()
    axe(p)  # includes the realisasi block that laporan puts on this page (slot "skp_detail")
    with p.expect_download() as info:
        p.get_by_role("link", name="Unduh PDF").first.click()
    pdf = tmp_path / "skp.pdf"
    info.value.save_as(pdf)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True)
                    .stdout.split())
    assert RHK in text and "SASARAN KINERJA PEGAWAI" in text and "PEJABAT PENILAI KINERJA" in text
    assert "60 bayi" in text
    ctx_p.close()
    ctx_a.close()


def test_cascade_and_matriks_pages(dunia, live_server, browser, shot, axe):
    org, r, password = dunia
    from kinerja.perencanaan.tests.factories import add_rhk

    add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi, teks="Terlaksananya imunisasi bayi di posyandu Mawar")
    for size, name in ((PHONE, "ponsel"), (DESKTOP, "desktop")):
        ctx, page = _open(browser, size)
        sign_in(page, live_server.url, org.kabid.nip, password)
        page.goto(f"{live_server.url}/perencanaan/kaskade/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Kaskade kinerja")
        expect(page.get_by_text("Terlaksananya imunisasi bayi di posyandu Mawar")).to_be_visible()
        axe(page)
        shot(page, f"perencanaan-07-kaskade-{name}")
        page.goto(f"{live_server.url}/perencanaan/matriks/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Matriks peran hasil")
        expect(page.get_by_role("cell", name="Terlaksananya imunisasi bayi di posyandu Mawar")).to_be_visible()
        axe(page)
        shot(page, f"perencanaan-08-matriks-{name}")
        ctx.close()


def test_cascade_branch_loads_on_demand(dunia, live_server, browser, settings):
    """A deferred branch opens with htmx (the node budget is lowered for the test)."""
    org, r, password = dunia
    from kinerja.perencanaan import selectors
    from kinerja.perencanaan.tests.factories import add_rhk

    add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi, teks="Cabang yang dimuat belakangan")
    old = selectors.KASKADE_ANGGARAN_SIMPUL
    selectors.KASKADE_ANGGARAN_SIMPUL = 2
    try:
        ctx, page = _open(browser, DESKTOP)
        sign_in(page, live_server.url, org.kadis.nip, password)
        page.goto(f"{live_server.url}/perencanaan/kaskade/")
        leaf = page.get_by_text("Cabang yang dimuat belakangan")
        expect(leaf).to_have_count(0)
        page.locator("details[hx-get] > summary").first.click()
        expect(page.get_by_text("Terlaksananya imunisasi di seksi")).to_be_visible()
        ctx.close()
    finally:
        selectors.KASKADE_ANGGARAN_SIMPUL = old
