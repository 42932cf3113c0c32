"""Each role signs in and sees its home page; a wrong password gives an Indonesian error; repeated failures lock
out. Runs at phone and desktop size and saves screenshots in var/screenshots/."""

import io
import json

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

HOME_TEXT = {
    "pegawai": "Jabatan saya",
    "atasan": "Tim saya",
    "pimpinan_opd": "Tim saya",
    "admin_bkpsdm": "Data induk kepegawaian",
    "inspektorat": "Ruang kerja Inspektorat",
    "pimpinan_daerah": "Ringkasan daerah",
}


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", pegawai=400, seed=3, stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_logins", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_each_role_signs_in_and_sees_its_home(demo, live_server, browser, settings, shot, axe):
    for i, (role, username) in enumerate(demo.items()):
        size = PHONE if i % 2 == 0 else DESKTOP
        context = browser.new_context(viewport=size, locale="id-ID")
        page = context.new_page()
        sign_in(page, live_server.url, username, settings.DEMO_PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Selamat datang")
        expect(page.get_by_role("heading", name=HOME_TEXT[role])).to_be_visible()
        shot(page, f"beranda-{role}")
        axe(page)
        context.close()


def test_wrong_password_then_lockout(demo, live_server, page, settings, shot, axe):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/masuk/")
    axe(page)
    sign_in(page, live_server.url, demo["pegawai"], "bukan-sandinya")
    expect(page.get_by_role("alert")).to_contain_text("NIP atau kata sandi salah")
    shot(page, "masuk-salah")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(page, live_server.url, demo["pegawai"], "bukan-sandinya")
    expect(page.get_by_role("heading", level=1)).to_have_text("Terlalu banyak percobaan masuk")
    sign_in(page, live_server.url, demo["pegawai"], settings.DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Terlalu banyak percobaan masuk")
    shot(page, "masuk-terkunci")


def test_phone_menu_and_logout(demo, live_server, page, settings):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, demo["atasan"], settings.DEMO_PASSWORD)
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.get_by_role("link", name="Tim saya").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tim saya")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Keluar").click()
    expect(page).to_have_url(f"{live_server.url}/masuk/")
