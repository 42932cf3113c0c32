"""Onboarding: the tour offered on first use for each role (its completion stored on the account through a
service), contextual help, the help centre with FAQs and how-tos, and "why this matters" pages."""

import json
import re

import pytest
from django.template import Context, Template
from django.test import Client

from kinerja.core.models import Peran
from kinerja.organisasi.tests.factories import fresh
from kinerja.pelatihan import bantuan, services

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def _tour_steps(html: str) -> list[dict]:
    m = re.search(r'<script id="tur-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(m.group(1)) if m else []


@pytest.mark.parametrize(("who", "judul"), [
    ("staff_1", "Laporan harian"), ("kasi", "Tinjau laporan bawahan"), ("kadis", "Dasbor adopsi OPD Anda"),
    ("admin", "Sosialisasi dan pelatihan"), ("auditor", "Ruang kerja Inspektorat"), ("bupati", "Ringkasan daerah"),
])
def test_first_use_offers_the_tour_of_the_role(org, who, judul):
    html = _client(fresh(org.user(who))).get("/").content.decode()
    steps = _tour_steps(html)
    assert steps and judul in [s["judul"] for s in steps]
    assert "pelatihan/tur.js" in html and "data-tur-otomatis" not in html  # offered, not forced
    assert "<script>" not in html  # CSP: the steps are a JSON data block, not inline script


def test_finishing_the_tour_is_stored_and_it_is_not_offered_again(org):
    c = _client(fresh(org.staff_1.user))
    r = c.post("/pelatihan/tur/selesai/", HTTP_ACCEPT="application/json")
    assert r.status_code == 204
    assert fresh(org.staff_1.user).onboarding_selesai is True
    html = c.get("/").content.decode()
    assert not _tour_steps(html) and "Ulangi tur pengenalan" in html
    r = c.post("/pelatihan/tur/ulangi/")
    assert r.status_code == 302 and r["Location"].endswith("?tur=1")
    assert fresh(org.staff_1.user).onboarding_selesai is False
    html = c.get(r["Location"]).content.decode()
    assert _tour_steps(html) and "data-tur-otomatis" in html  # asked for: starts by itself


def test_tour_without_javascript_has_a_form(org):
    r = _client(fresh(org.kasi.user)).post("/pelatihan/tur/selesai/")
    assert r.status_code == 302 and fresh(org.kasi.user).onboarding_selesai
    assert _client(fresh(org.kasi.user)).get("/pelatihan/tur/selesai/").status_code == 405


def test_onboarding_services(org):
    user = fresh(org.staff_2.user)
    services.onboarding_selesaikan(actor=user)
    services.onboarding_selesaikan(actor=user)  # idempotent
    assert fresh(user).onboarding_selesai
    services.onboarding_ulangi(actor=user)
    assert not fresh(user).onboarding_selesai


def test_every_role_has_a_tour_and_every_step_has_text():
    for peran in Peran.values:
        steps = bantuan.tur_untuk(peran)
        assert len(steps) >= 3
        assert all(s["judul"] and s["teks"] for s in steps)
    assert bantuan.tur_untuk(None)


def test_help_centre_search_faq_and_articles_by_role(org):
    c = _client(fresh(org.staff_1.user))
    body = c.get("/pelatihan/bantuan/").content.decode()
    assert "Pertanyaan yang sering diajukan" in body and "Bagaimana laporan harian Anda dipakai" in body
    assert "Merencanakan sesi" not in body  # admin's how-to
    body = c.get("/pelatihan/bantuan/?q=anonim").content.decode()
    assert "Apakah survei denyut benar-benar anonim?" in body and "Saya lupa kata sandi" not in body
    body = c.get("/pelatihan/bantuan/?q=zzzz").content.decode()
    assert "Tidak ada pertanyaan yang cocok" in body
    body = c.get("/pelatihan/bantuan/?dari=/pelatihan/survei/").content.decode()
    assert "Bantuan untuk halaman ini" in body and "Mengisi survei denyut" in body
    assert "Merencanakan sesi" in _client(fresh(org.admin.user)).get("/pelatihan/bantuan/").content.decode()


@pytest.mark.parametrize("slug", [a.slug for a in bantuan.ARTIKEL])
def test_every_article_renders(org, slug):
    r = _client(fresh(org.admin.user) if bantuan.ARTIKEL_BY_SLUG[slug].peran else fresh(org.staff_1.user)).get(
        f"/pelatihan/bantuan/{slug}/")
    if bantuan.ARTIKEL_BY_SLUG[slug].peran and Peran.ADMIN_BKPSDM not in bantuan.ARTIKEL_BY_SLUG[slug].peran:
        r = _client(fresh(org.kasi.user)).get(f"/pelatihan/bantuan/{slug}/")
    assert r.status_code == 200
    assert bantuan.ARTIKEL_BY_SLUG[slug].judul in r.content.decode()


def test_why_it_matters_pages_cite_the_regulation():
    from django.template.loader import render_to_string

    html = render_to_string(bantuan.ARTIKEL_BY_SLUG["laporan-harian-dan-penilaian"].template)
    assert "PermenPANRB 6/2022" in html and "realisasi" in html and "bukti dukung" in html


def test_screenshots_exist_for_how_tos():
    """The how-tos show screenshots made by the end-to-end tests (tests/e2e/test_pelatihan_*.py)."""
    from django.contrib.staticfiles import finders

    missing = [f for a in bantuan.ARTIKEL for f, _ in a.gambar if not finders.find(f"pelatihan/bantuan/{f}")]
    assert not missing, f"run the e2e tests to produce: {missing}"


def test_contextual_help_tag():
    html = Template('{% load pelatihan_bantuan %}{% bantuan_singkat "presensi" %}{% bantuan_singkat "x" %}').render(
        Context({}))
    assert "<details" in html and "30 detik" in html and "/pelatihan/bantuan/presensi-qr/" in html
    assert html.count("<details") == 1


def test_home_panels_per_role(org):
    from kinerja.pelatihan.tests.factories import make_sesi

    make_sesi(org, judul="Sosialisasi laporan harian")
    body = _client(fresh(org.staff_1.user)).get("/").content.decode()
    assert "Pelatihan dan survei" in body and "Sosialisasi laporan harian" in body
    assert "Adopsi Kinerja" not in body
    assert "Adopsi Kinerja" in _client(fresh(org.bupati)).get("/").content.decode()
