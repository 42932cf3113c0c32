"""Public pages for citizens: no account, phone-first, light, usable without JavaScript (the proof-of-work then
becomes a small sum). Every view opts out of LoginRequiredMiddleware explicitly with `login_not_required`.

Reached by short URLs and QR codes: `/p/<kode>/` (a service point or a project), `/a/<kode>/` (a named ASN's
name tag), `/t/<tiket>/` (a complaint's status).
"""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from kinerja.core.exceptions import ApplicationError, ErrorCode, NotFound
from kinerja.core.files import file_response
from kinerja.organisasi.models import UnitKerja
from kinerja.partisipasi import perlindungan, rules, selectors, services
from kinerja.partisipasi.forms import (
    BalasanPelaporForm,
    CekTiketForm,
    MasukanProyekForm,
    PengaduanForm,
    PenilaianPetugasForm,
    SurveiForm,
    apply_errors,
)
from kinerja.partisipasi.models import JenisTitik, MasukanProyek, StatusModerasi, TitikLayanan


def publik(view):
    """A public view: no login, the device cookie set when new, GET/POST only."""

    @login_not_required
    @require_http_methods(["GET", "HEAD", "POST"])
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        perlindungan.perangkat_id(request)  # a device cookie from the first page on, before any form is sent
        response = view(request, *args, **kwargs)
        return perlindungan.pasang_cookie(request, response)

    return wrapper


def _manusia() -> dict:
    """A fresh human check for a form: the ALTCHA challenge and the no-JavaScript question."""
    import json

    return {"altcha_json": json.dumps(perlindungan.tantangan_baru()), "soal": perlindungan.soal_baru()}


def _kirim(request, form, submit) -> int | None:
    """Rate-limit, validate and submit a public form. Returns None when saved, else the status to re-show the
    form with (its errors in place, the user's input kept)."""
    try:
        konteks = services.konteks_dari_request(request)
    except ApplicationError as exc:
        form.is_valid()
        form.add_error(None, exc.message)
        return exc.status
    if not form.is_valid():
        return 400
    try:
        submit(konteks)
    except ApplicationError as exc:
        apply_errors(form, exc)
        return 400 if exc.code == ErrorCode.VALIDATION else exc.status
    return None


def _terima_kasih(kode_url: str, jenis: str, kode: str):
    return redirect(reverse(kode_url, args=[kode]) + "?" + urlencode({"jenis": jenis}))


@publik
def titik_halaman(request, kode: str):
    titik = selectors.titik_publik_get(kode)
    periode = rules.periode_dari_kode(str(timezone.localdate().year))
    ctx = {
        "titik": titik,
        "petugas": selectors.petugas_di_titik(titik),
        "komentar": selectors.umpan_balik_publik(titik),
    }
    if titik.jenis == JenisTitik.LAYANAN:
        ctx["hasil"] = selectors.ikm_titik(titik, periode)
    return render(request, "partisipasi/publik/titik.html", ctx)


@publik
def survei(request, kode: str):
    titik = selectors.titik_publik_get(kode)
    if titik.jenis != JenisTitik.LAYANAN:
        raise NotFound(selectors.MSG_KODE_TIDAK_DIKENAL)
    form = SurveiForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = _kirim(request, form, lambda k: services.survei_submit(
            titik=titik, jawaban=form.jawaban(), profil=form.profil(), saran=form.data.get("saran", ""), konteks=k))
        if status is None:
            return _terima_kasih("publik:terima_kasih", "survei", titik.kode)
    return render(request, "partisipasi/publik/survei.html", {"titik": titik, "form": form, **_manusia()},
                  status=status)


@publik
def masukan(request, kode: str):
    titik = selectors.titik_publik_get(kode)
    if titik.jenis != JenisTitik.PROYEK:
        raise NotFound(selectors.MSG_KODE_TIDAK_DIKENAL)
    petugas = selectors.petugas_di_titik(titik)
    form = MasukanProyekForm(request.POST or None, request.FILES or None, petugas=petugas)
    status = 200
    if request.method == "POST":
        by_kode = {p.kode: p for p in petugas}
        status = _kirim(request, form, lambda k: services.masukan_proyek_submit(
            titik=titik, kemajuan=form.data.get("kemajuan", ""), kualitas=form.data.get("kualitas"),
            sikap_petugas=form.data.get("sikap_petugas"), petugas=by_kode.get(form.data.get("petugas", "")),
            komentar=form.data.get("komentar", ""), foto=request.FILES.get("foto"), konteks=k))
        if status is None:
            return _terima_kasih("publik:terima_kasih", "masukan", titik.kode)
    return render(request, "partisipasi/publik/masukan.html", {"titik": titik, "form": form, **_manusia()},
                  status=status)


@publik
def terima_kasih(request, kode: str):
    titik = selectors.titik_publik_get(kode)
    return render(request, "partisipasi/publik/terima_kasih.html",
                  {"titik": titik, "jenis": request.GET.get("jenis", "survei")})


@publik
def petugas_halaman(request, kode: str):
    petugas = selectors.petugas_publik_get(kode)
    form = PenilaianPetugasForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = _kirim(request, form, lambda k: services.penilaian_petugas_submit(
            petugas=petugas, nilai=form.nilai(), komentar=form.data.get("komentar", ""), konteks=k))
        if status is None:
            return _terima_kasih("publik:petugas_terima_kasih", "penilaian", petugas.kode)
    skor = selectors.skor_petugas(petugas.pegawai)
    return render(request, "partisipasi/publik/petugas.html", {
        "petugas": petugas, "form": form, "skor": skor, "komentar": selectors.komentar_petugas_publik(petugas),
        **_manusia()}, status=status)


@publik
def petugas_terima_kasih(request, kode: str):
    petugas = selectors.petugas_publik_get(kode)
    return render(request, "partisipasi/publik/terima_kasih.html", {"petugas": petugas, "jenis": "penilaian"})


def _pengaduan(request, *, titik=None, petugas=None, units=None):
    form = PengaduanForm(request.POST or None, request.FILES or None, units=units)
    status = 200
    if request.method == "POST":
        created = {}

        def submit(konteks):
            unit = None
            if units is not None:
                unit = next((u for u in units if str(u.pk) == form.data.get("unit")), None)
                if unit is None:
                    raise ApplicationError("Pilih OPD yang dituju.", detail={"unit": ["Pilih OPD yang dituju."]})
            created["obj"] = services.pengaduan_submit(
                konteks=konteks, kategori=form.data.get("kategori", ""), judul=form.data.get("judul", ""),
                uraian=form.data.get("uraian", ""), lokasi=form.data.get("lokasi", ""),
                anonim=form.data.get("anonim") in ("on", "true", "1"), nama=form.data.get("nama", ""),
                kontak=form.data.get("kontak", ""), titik=titik, petugas=petugas, unit=unit,
                foto=request.FILES.get("foto"))

        status = _kirim(request, form, submit)
        if status is None:
            return redirect(reverse("publik:pengaduan_status", args=[created["obj"].tiket]) + "?baru=1")
    return render(request, "partisipasi/publik/pengaduan_form.html",
                  {"form": form, "titik": titik, "petugas": petugas, **_manusia()}, status=status)


@publik
def pengaduan_titik(request, kode: str):
    return _pengaduan(request, titik=selectors.titik_publik_get(kode))


@publik
def pengaduan_petugas(request, kode: str):
    return _pengaduan(request, petugas=selectors.petugas_publik_get(kode))


@publik
def pengaduan_umum(request):
    units = list(UnitKerja.objects.filter(induk__isnull=True, aktif=True).order_by("nama"))
    return _pengaduan(request, units=units)


@publik
def pengaduan_cek(request):
    form = CekTiketForm(request.GET or None)
    status = 200
    if form.is_bound:
        if form.is_valid():
            kode = services.normalisasi_tiket(form.cleaned_data["tiket"])
            if kode:
                return redirect("publik:pengaduan_status", tiket=kode)
            form.add_error("tiket", selectors.MSG_TIKET_TIDAK_DIKENAL)
        status = 400
    return render(request, "partisipasi/publik/pengaduan_cek.html", {"form": form}, status=status)


@publik
def pengaduan_status(request, tiket: str):
    try:
        perlindungan.batasi(request, "tiket")
    except ApplicationError as exc:
        return render(request, "core/error.html", {"message": exc.message, "status": exc.status},
                      status=exc.status)
    pengaduan = selectors.pengaduan_publik_get(tiket)
    form = BalasanPelaporForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = _kirim(request, form, lambda k: services.pengaduan_balas_pelapor(
            pengaduan=pengaduan, isi=form.data.get("isi", ""), konteks=k))
        if status is None:
            return redirect(reverse("publik:pengaduan_status", args=[pengaduan.tiket]) + "?terkirim=1")
    return render(request, "partisipasi/publik/pengaduan_status.html", {
        "pengaduan": pengaduan, "form": form, "baru": request.GET.get("baru") == "1",
        "terkirim": request.GET.get("terkirim") == "1", **_manusia()}, status=status)


@publik
def hasil_index(request):
    return render(request, "partisipasi/publik/hasil_index.html", {"units": selectors.unit_hasil_publik()})


@publik
def hasil_unit(request, pk: int):
    unit = selectors.unit_publik_get(pk)
    kode = request.GET.get("periode") or str(timezone.localdate().year)
    try:
        periode = rules.periode_dari_kode(kode)
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    tren = selectors.tren_ikm(unit=unit, n=6)
    titik = [(t, selectors.ikm_titik(t, periode)) for t in
             TitikLayanan.objects.filter(unit_kerja__path__startswith=unit.path, aktif=True,
                                         jenis=JenisTitik.LAYANAN).order_by("nama")]
    return render(request, "partisipasi/publik/hasil_unit.html", {
        "unit": unit, "periode": periode, "hasil": selectors.ikm_unit(unit, periode), "tren": tren,
        "chart": selectors.tren_chart(tren), "titik_hasil": titik,
        "pilihan": rules.pilihan_periode(timezone.localdate())})


@publik
def foto_masukan(request, pk: int):
    obj = MasukanProyek.objects.filter(pk=pk, status=StatusModerasi.TAMPIL).exclude(foto="").first()
    if obj is None:
        raise NotFound("Foto tidak ditemukan.")
    besar = request.GET.get("besar") == "1"
    field = obj.foto if besar else obj.foto_kecil
    mime = "image/png" if field.name.endswith(".png") else "image/jpeg"
    return file_response(field, filename=f"foto-{obj.pk}{'.png' if mime == 'image/png' else '.jpg'}", mime=mime,
                         inline=True)
