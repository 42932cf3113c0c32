"""Pelatihan pages: sessions and invitations, QR check-in, quiz, feedback, certificates, development history,
the adoption dashboard, the pulse survey, "Anda berkata, kami lakukan", the help centre and the tour."""

from __future__ import annotations

import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.core.excel import workbook_bytes, xlsx_response
from kinerja.core.exceptions import ApplicationError, Forbidden
from kinerja.core.files import file_response
from kinerja.core.models import Peran
from kinerja.core.pdf import pdf_response, render_pdf
from kinerja.core.qr import qr_png_data_uri
from kinerja.core.roles import has_role, roles_of
from kinerja.core.views import form_status
from kinerja.organisasi.access import scope_for
from kinerja.pelatihan import bantuan, rules, selectors, services
from kinerja.pelatihan.access import baca_semua, boleh_lihat_metrik, is_penyelenggara, lihat_agregat
from kinerja.pelatihan.forms import (
    BatalForm,
    CariForm,
    KodePresensiForm,
    KuisForm,
    MateriForm,
    PutaranForm,
    RiwayatForm,
    SesiForm,
    SoalForm,
    SurveiForm,
    TindakLanjutForm,
    UmpanBalikForm,
)
from kinerja.pelatihan.models import CaraHadir, StatusSesi
from kinerja.pelatihan.services.peserta import berhak, kuis_terbuka


def _apply(form, exc: ApplicationError) -> None:
    """Put a service error back on the form: field errors next to their fields, the rest on top."""
    placed = False
    for field, msgs in (exc.detail or {}).items() if isinstance(exc.detail, dict) else []:
        target = field if field in form.fields else None
        for msg in msgs:
            form.add_error(target, msg)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def _require(cond: bool, message: str = "Anda tidak berwenang membuka halaman ini.") -> None:
    if not cond:
        raise Forbidden(message)


# --- home of the app -------------------------------------------------------------------------------------------


def beranda(request):
    """Pegawai: my invitations, suggested trainings, the survey. Admin and Inspektorat: the session list."""
    sc = scope_for(request.user)
    undangan = selectors.undangan_saya(actor=request.user)
    kebutuhan = selectors.kebutuhan_pelatihan(sc.pegawai) if sc.pegawai else []
    putaran = selectors.putaran_aktif(request.user.instansi_id) if request.user.instansi_id else None
    sesi = None
    if baca_semua(request.user) or lihat_agregat(request.user):
        sesi = Paginator(selectors.sesi_list(actor=request.user, waktu=request.GET.get("waktu", "")), 20) \
            .get_page(request.GET.get("page"))
    terbuka = [s for s in selectors.sesi_list(actor=request.user, waktu="akan")[:20]
               if s.pendaftaran_terbuka and s.status == StatusSesi.TERBIT
               and s.pk not in {p.sesi_id for p in undangan["akan"]}] if sc.pegawai else []
    return render(request, "pelatihan/beranda.html", {
        "undangan": undangan, "kebutuhan": kebutuhan, "putaran": putaran, "sesi_page": sesi,
        "sudah_mengisi": putaran is not None and selectors.sudah_mengisi(actor=request.user, putaran=putaran),
        "terbuka": terbuka[:5], "penyelenggara": is_penyelenggara(request.user), "waktu": request.GET.get("waktu", ""),
    })


# --- sessions ----------------------------------------------------------------------------------------------------


def sesi_baru(request):
    _require(is_penyelenggara(request.user), "Hanya admin BKPSDM yang dapat merencanakan sesi.")
    initial = {}
    for key in ("sasaran_unit_ids", "fokus"):
        if request.GET.getlist(key):
            initial[key] = request.GET.getlist(key)
    if request.GET.get("judul"):
        initial["judul"] = request.GET["judul"][:200]
    form = SesiForm(request.POST or None, instansi_id=request.user.instansi_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sesi = services.sesi_create(actor=request.user, **form.service_data(request.user.instansi_id))
        except ApplicationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, "Sesi tersimpan sebagai draf. Periksa, lalu terbitkan untuk mengirim undangan.")
            return redirect("pelatihan:sesi_detail", pk=sesi.pk)
    return render(request, "pelatihan/sesi_form.html", {"form": form, "baru": True}, status=form_status(form))


def sesi_ubah(request, pk: int):
    _require(is_penyelenggara(request.user), "Hanya admin BKPSDM yang dapat mengubah sesi.")
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    initial = {
        "judul": sesi.judul, "jenis": sesi.jenis, "program": sesi.program_id, "deskripsi": sesi.deskripsi,
        "narasumber": sesi.narasumber, "mulai": timezone.localtime(sesi.mulai).strftime("%Y-%m-%dT%H:%M"),
        "selesai": timezone.localtime(sesi.selesai).strftime("%Y-%m-%dT%H:%M"), "mode": sesi.mode,
        "tempat": sesi.tempat, "tautan_daring": sesi.tautan_daring, "kuota": sesi.kuota,
        "jam_pelajaran": sesi.jam_pelajaran, "nilai_lulus": sesi.nilai_lulus,
        "pendaftaran_terbuka": sesi.pendaftaran_terbuka, "sertifikat": sesi.sertifikat,
        "sasaran_unit_ids": [s.unit_id for s in sesi.sasaran.all() if s.unit_id],
        "sasaran_peran": [s.peran for s in sesi.sasaran.all() if not s.unit_id],
        "fokus": [f.kode for f in sesi.fokus.all()],
    }
    form = SesiForm(request.POST or None, instansi_id=request.user.instansi_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sesi_update(actor=request.user, sesi=sesi, **form.service_data(request.user.instansi_id))
        except ApplicationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, "Perubahan sesi tersimpan.")
            return redirect("pelatihan:sesi_detail", pk=sesi.pk)
    return render(request, "pelatihan/sesi_form.html", {"form": form, "sesi": sesi}, status=form_status(form))


def sesi_detail(request, pk: int):
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    saya = selectors.peserta_saya(actor=request.user, sesi=sesi)
    now = timezone.now()
    ctx = {
        "sesi": sesi, "saya": saya, "now": now, "penyelenggara": is_penyelenggara(request.user),
        "selesai": sesi.selesai <= now, "presensi_terbuka": rules.presensi_terbuka(now, sesi.mulai, sesi.selesai),
        "jendela": rules.jendela_presensi(sesi.mulai, sesi.selesai), "ada_kuis": sesi.soal.exists(),
        "maks_kuis": rules.MAKS_PERCOBAAN_KUIS,
        "kode_form": KodePresensiForm(), "batal_form": BatalForm(), "materi_form": MateriForm(),
        "fokus": [rules.FOKUS_LABEL.get(f.kode, f.kode) for f in sesi.fokus.all()],
        "bisa_daftar": saya is None and sesi.status == StatusSesi.TERBIT and sesi.pendaftaran_terbuka
        and sesi.selesai > now and scope_for(request.user).pegawai is not None,
    }
    if saya is not None:
        ctx["berhak_sertifikat"] = sesi.sertifikat and berhak(saya, now)
        ctx["kuis_terbuka"] = kuis_terbuka(sesi, now)
    if baca_semua(request.user):
        ctx["ringkasan"] = selectors.ringkasan_sesi(sesi)
    if baca_semua(request.user) or has_role(request.user, Peran.ATASAN, Peran.PIMPINAN_OPD):
        peserta = selectors.peserta_list(actor=request.user, sesi=sesi)
        ctx["peserta_page"] = Paginator(peserta, 50).get_page(request.GET.get("page"))
    return render(request, "pelatihan/sesi_detail.html", ctx)


@require_POST
def sesi_terbitkan(request, pk: int):
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    try:
        n = services.sesi_terbitkan(actor=request.user, sesi=sesi)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("pelatihan:sesi_detail", pk=pk)
    messages.success(request, f"Sesi diterbitkan. Undangan dikirim kepada {n} pegawai.")
    return redirect("pelatihan:sesi_detail", pk=pk)


@require_POST
def sesi_batalkan(request, pk: int):
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    form = BatalForm(request.POST)
    form.is_valid()
    try:
        services.sesi_batalkan(actor=request.user, sesi=sesi, alasan=form.cleaned_data.get("alasan", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("pelatihan:sesi_detail", pk=pk)
    messages.success(request, "Sesi dibatalkan; peserta diberi tahu.")
    return redirect("pelatihan:sesi_detail", pk=pk)


@require_POST
def sesi_daftar(request, pk: int):
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    try:
        services.sesi_daftar(actor=request.user, sesi=sesi)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Anda terdaftar sebagai peserta.")
    return redirect("pelatihan:sesi_detail", pk=pk)


@require_POST
def sesi_tuntaskan(request, pk: int):
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    try:
        n = services.sesi_tuntaskan(actor=request.user, sesi=sesi)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{n} peserta dituntaskan: sertifikat dan riwayat pengembangan tercatat.")
    return redirect("pelatihan:sesi_detail", pk=pk)


def materi_unggah(request, pk: int):
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    _require(is_penyelenggara(request.user), "Hanya admin BKPSDM yang dapat mengunggah materi.")
    form = MateriForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.materi_unggah(actor=request.user, sesi=sesi, judul=form.cleaned_data["judul"],
                                       berkas=form.cleaned_data["berkas"])
            except ApplicationError as exc:
                _apply(form, exc) if exc.detail else form.add_error("berkas", exc.message)
                status = exc.status
            else:
                messages.success(request, "Materi terunggah.")
                return redirect("pelatihan:sesi_detail", pk=pk)
        return render(request, "pelatihan/materi_form.html", {"form": form, "sesi": sesi}, status=status)
    return render(request, "pelatihan/materi_form.html", {"form": form, "sesi": sesi})


def materi_unduh(request, pk: int):
    materi = selectors.materi_get(actor=request.user, materi_id=pk)
    ext = materi.berkas.name.rsplit(".", 1)[-1]
    name = materi.nama_asli if materi.nama_asli.lower().endswith(f".{ext}") else f"{materi.judul}.{ext}"
    return file_response(materi.berkas, filename=name, mime=materi.mime)


@require_POST
def materi_hapus(request, pk: int):
    materi = selectors.materi_get(actor=request.user, materi_id=pk)
    sesi_id = materi.sesi_id
    services.materi_hapus(actor=request.user, materi=materi)
    messages.success(request, "Materi dihapus.")
    return redirect("pelatihan:sesi_detail", pk=sesi_id)


def soal_ubah(request, pk: int):
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    _require(is_penyelenggara(request.user), "Hanya admin BKPSDM yang dapat menyusun kuis.")
    form = SoalForm(request.POST or None, soal=sesi.soal.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.soal_kuis_simpan(actor=request.user, sesi=sesi, soal=form.soal())
        except ApplicationError as exc:
            for field, msgs in exc.detail.items():
                for msg in msgs:
                    form.add_error(None, msg) if not field.startswith("soal_") else form.add_error(
                        f"p{field.removeprefix('soal_')}" if f"p{field.removeprefix('soal_')}" in form.fields
                        else None, msg)
            if not exc.detail:
                form.add_error(None, exc.message)
        else:
            messages.success(request, "Kuis tersimpan.")
            return redirect("pelatihan:sesi_detail", pk=pk)
    return render(request, "pelatihan/soal_form.html", {"form": form, "sesi": sesi}, status=form_status(form))


def kuis(request, pk: int):
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    saya = selectors.peserta_saya(actor=request.user, sesi=sesi)
    soal = list(sesi.soal.all())
    form = KuisForm(request.POST or None, soal=soal)
    hasil = None
    if request.method == "POST" and form.is_valid():
        try:
            hasil = services.kuis_kerjakan(actor=request.user, sesi=sesi, jawaban=form.jawaban())
        except ApplicationError as exc:
            _apply(form, exc)
        else:
            if hasil.lulus_kuis:
                messages.success(request, f"Nilai Anda {hasil.nilai_terakhir}. Selamat, Anda lulus kuis.")
                return redirect("pelatihan:sesi_detail", pk=pk)
            sisa = rules.MAKS_PERCOBAAN_KUIS - hasil.percobaan_kuis
            form = KuisForm(soal=soal)
            form.add_error(None, f"Nilai Anda {hasil.nilai_terakhir}; nilai lulus {sesi.nilai_lulus}. "
                                 + (f"Anda dapat mencoba lagi ({sisa} kali lagi)." if sisa > 0 else
                                    "Batas percobaan sudah habis."))
            return render(request, "pelatihan/kuis.html", {"form": form, "sesi": sesi, "saya": hasil},
                          status=200)
    return render(request, "pelatihan/kuis.html", {"form": form, "sesi": sesi, "saya": saya},
                  status=form_status(form))


def umpan_balik(request, pk: int):
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    form = UmpanBalikForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.umpan_balik_kirim(actor=request.user, sesi=sesi, **form.cleaned_data)
        except ApplicationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, "Terima kasih atas umpan balik Anda.")
            return redirect("pelatihan:sesi_detail", pk=pk)
    return render(request, "pelatihan/umpan_balik.html", {"form": form, "sesi": sesi}, status=form_status(form))


def sesi_peserta_xlsx(request, pk: int):
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    _require(baca_semua(request.user))
    rows = [(p.pegawai.nip, p.pegawai.nama_lengkap, p.pegawai.jabatan.nama if p.pegawai.jabatan_id else "",
             p.opd.nama if p.opd_id else "", p.get_cara_daftar_display(),
             timezone.localtime(p.hadir_pada).strftime("%d-%m-%Y %H:%M") if p.hadir_pada else "",
             p.get_cara_hadir_display() if p.cara_hadir else "", p.nilai_kuis, p.sertifikat_nomor)
            for p in selectors.peserta_list(actor=request.user, sesi=sesi).select_related("opd")]
    data = workbook_bytes([("Peserta", ["NIP", "Nama", "Jabatan", "OPD", "Terdaftar", "Hadir", "Cara presensi",
                                        "Nilai kuis", "Nomor sertifikat"], rows)])
    return xlsx_response(data, f"peserta-sesi-{sesi.pk}.xlsx")


# --- QR check-in ---------------------------------------------------------------------------------------------------


def _qr_data(request, sesi) -> dict:
    step = rules.langkah(timezone.now().timestamp())
    token = rules.token_presensi(sesi.rahasia_presensi, sesi.pk, step)
    url = request.build_absolute_uri(reverse("pelatihan:hadir", args=[sesi.pk, token]))
    return {"url": url, "kode": rules.kode_presensi(sesi.rahasia_presensi, sesi.pk, step), "svg": _qr_svg_skala(url),
            "detik": rules.LANGKAH_DETIK - int(timezone.now().timestamp()) % rules.LANGKAH_DETIK}


def _qr_svg_skala(data: str) -> str:
    """An SVG QR without a fixed size (a viewBox only), so the venue screen can scale it with CSS."""
    import segno

    buf = io.BytesIO()
    segno.make(data, error="m").save(buf, kind="svg", xmldecl=False, svgns=True, border=2, omitsize=True,
                                     svgclass="qr")
    return buf.getvalue().decode()


def layar_presensi(request, pk: int):
    """The organiser's screen at the venue: a QR (and a 6-digit code) that changes every 30 seconds."""
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    _require(is_penyelenggara(request.user), "Hanya penyelenggara yang dapat menampilkan QR presensi.")
    ctx = {"sesi": sesi, "qr": _qr_data(request, sesi), "ringkasan": selectors.ringkasan_sesi(sesi),
           "terbuka": rules.presensi_terbuka(timezone.now(), sesi.mulai, sesi.selesai)
           and sesi.status == StatusSesi.TERBIT, "jendela": rules.jendela_presensi(sesi.mulai, sesi.selesai)}
    template = "pelatihan/_layar_qr.html" if request.htmx else "pelatihan/layar_presensi.html"
    response = render(request, template, ctx)
    response["Cache-Control"] = "no-store"
    return response


def hadir(request, pk: int, token: str):
    """The page a scanned QR opens (sign-in first): confirm with one tap."""
    sesi = selectors.sesi_untuk_presensi(actor=request.user, sesi_id=pk)
    form = KodePresensiForm(request.POST or None, initial={"kode": token})
    if request.method == "POST":
        kode = request.POST.get("kode") or token
        try:
            peserta, baru = services.presensi_catat(actor=request.user, sesi=sesi, kode=kode, cara=CaraHadir.QR)
        except ApplicationError as exc:
            return render(request, "pelatihan/hadir.html", {"sesi": sesi, "token": token, "error": exc.message},
                          status=exc.status)
        return render(request, "pelatihan/hadir_ok.html", {"sesi": sesi, "peserta": peserta, "baru": baru})
    return render(request, "pelatihan/hadir.html", {"sesi": sesi, "token": token, "form": form})


@require_POST
def presensi_kode(request, pk: int):
    """Typing the 6-digit code on the session page (when the camera does not scan)."""
    sesi = selectors.sesi_untuk_presensi(actor=request.user, sesi_id=pk)
    form = KodePresensiForm(request.POST)
    form.is_valid()
    try:
        peserta, baru = services.presensi_catat(actor=request.user, sesi=sesi, kode=form.cleaned_data.get("kode", ""),
                                                cara=CaraHadir.KODE)
    except ApplicationError as exc:
        return render(request, "pelatihan/hadir.html", {"sesi": sesi, "error": exc.message, "token": ""},
                      status=exc.status)
    return render(request, "pelatihan/hadir_ok.html", {"sesi": sesi, "peserta": peserta, "baru": baru})


@require_POST
def presensi_manual(request, pk: int):
    peserta = selectors.peserta_get(actor=request.user, peserta_id=pk)
    try:
        services.presensi_manual(actor=request.user, peserta=peserta)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Kehadiran {peserta.pegawai.nama_lengkap} dicatat.")
    return redirect("pelatihan:sesi_detail", pk=peserta.sesi_id)


# --- certificates ----------------------------------------------------------------------------------------------------


def sertifikat_pdf(request, pk: int):
    """The actor's certificate for session `pk` (issued on first download when they are entitled)."""
    sesi = selectors.sesi_get(actor=request.user, sesi_id=pk)
    peserta = services.sertifikat_saya(actor=request.user, sesi=sesi)
    return _sertifikat_response(request, peserta)


def sertifikat_peserta_pdf(request, pk: int):
    """A participant's certificate, for admin and Inspektorat (and the participant)."""
    peserta = selectors.peserta_get(actor=request.user, peserta_id=pk)
    _require(baca_semua(request.user) or peserta.pegawai_id == scope_for(request.user).pegawai_id)
    if not peserta.sertifikat_kode:
        raise Http404
    return _sertifikat_response(request, peserta)


def _sertifikat_response(request, peserta):
    url = request.build_absolute_uri(reverse("pelatihan:sertifikat_cek", args=[peserta.sertifikat_kode]))
    pdf = render_pdf("pelatihan/pdf/sertifikat.html", {
        "peserta": peserta, "sesi": peserta.sesi, "pegawai": peserta.pegawai, "qr": qr_png_data_uri(url, scale=5),
        "url": url, "instansi": peserta.sesi.instansi, "fokus": [rules.FOKUS_LABEL.get(f.kode, f.kode)
                                                                 for f in peserta.sesi.fokus.all()],
    }, request=request)
    return pdf_response(pdf, f"sertifikat-{peserta.sertifikat_kode}.pdf")


@login_not_required
def sertifikat_cek(request, kode: str):
    """Public verification of a certificate (the QR on the PDF points here)."""
    peserta = selectors.sertifikat_verifikasi(kode)
    return render(request, "pelatihan/sertifikat_cek.html", {"peserta": peserta, "kode": kode},
                  status=200 if peserta else 404)


# --- development history --------------------------------------------------------------------------------------------


def riwayat(request):
    data = selectors.riwayat_pengembangan(actor=request.user)
    sc = scope_for(request.user)
    return render(request, "pelatihan/riwayat.html", {
        "riwayat": data, "pegawai": sc.pegawai, "kebutuhan": selectors.kebutuhan_pelatihan(sc.pegawai),
        "milik_sendiri": True})


def riwayat_pegawai(request, pk: int):
    data = selectors.riwayat_pengembangan(actor=request.user, pegawai_id=pk)
    from kinerja.organisasi.selectors import pegawai_get

    pegawai = pegawai_get(actor=request.user, pegawai_id=pk)
    form = RiwayatForm(request.POST or None) if is_penyelenggara(request.user) else None
    if request.method == "POST":
        _require(form is not None, "Hanya admin BKPSDM yang dapat mencatat riwayat pengembangan.")
        if form.is_valid():
            try:
                services.riwayat_pengembangan_catat(actor=request.user, pegawai=pegawai, **{
                    k: v for k, v in form.cleaned_data.items() if v is not None})
            except ApplicationError as exc:
                _apply(form, exc)
            else:
                messages.success(request, "Riwayat pengembangan tercatat.")
                return redirect("pelatihan:riwayat_pegawai", pk=pk)
    return render(request, "pelatihan/riwayat.html", {"riwayat": data, "pegawai": pegawai, "form": form,
                                                      "milik_sendiri": False}, status=form_status(form))


# --- adoption dashboard ----------------------------------------------------------------------------------------------


def _minggu(request, tersedia: list[dt.date]) -> dt.date | None:
    raw = request.GET.get("minggu", "")
    try:
        asked = dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        asked = None
    if asked is not None and rules.awal_minggu(asked) in tersedia:
        return rules.awal_minggu(asked)
    return tersedia[0] if tersedia else None


def adopsi(request):
    _require(boleh_lihat_metrik(request.user), "Dasbor adopsi hanya untuk admin BKPSDM, Inspektorat, pimpinan OPD "
                                               "dan pimpinan daerah.")
    tersedia = selectors.minggu_tersedia(actor=request.user)
    minggu = _minggu(request, tersedia)
    ctx = {"tersedia": tersedia, "minggu": minggu, "penyelenggara": is_penyelenggara(request.user),
           "ambang": rules.AMBANG_DEFAULT}
    if minggu is not None:
        opd = list(selectors.metrik_opd(actor=request.user, minggu=minggu))
        tertinggal = selectors.tertinggal_list(actor=request.user, minggu=minggu)
        ctx.update({
            "instansi": selectors.metrik_instansi(actor=request.user, minggu=minggu), "opd": opd,
            "tertinggal": sorted((m for m in tertinggal if m.tingkat == "unit"),
                                 key=lambda m: (-m.jumlah_pegawai, m.nama)),
            "kebutuhan": selectors.kebutuhan_per_fokus(tertinggal),
            "tren": selectors.metrik_tren(actor=request.user) if lihat_agregat(request.user)
            else (selectors.metrik_tren(actor=request.user, opd_id=opd[0].opd_id) if opd else []),
        })
        if not lihat_agregat(request.user) and len(opd) == 1:
            return redirect(f"{reverse('pelatihan:adopsi_opd', args=[opd[0].opd_id])}?minggu={minggu.isoformat()}")
    return render(request, "pelatihan/adopsi.html", ctx)


def adopsi_opd(request, pk: int):
    _require(boleh_lihat_metrik(request.user))
    tersedia = selectors.minggu_tersedia(actor=request.user)
    minggu = _minggu(request, tersedia)
    if minggu is None:
        raise Http404
    opd, units = selectors.metrik_unit(actor=request.user, opd_id=pk, minggu=minggu)
    return render(request, "pelatihan/adopsi_opd.html", {
        "opd": opd, "units": units, "minggu": minggu, "tersedia": tersedia,
        "tren": selectors.metrik_tren(actor=request.user, opd_id=pk), "penyelenggara": is_penyelenggara(request.user),
        "ambang": rules.AMBANG_DEFAULT})


def adopsi_xlsx(request):
    _require(boleh_lihat_metrik(request.user))
    tersedia = selectors.minggu_tersedia(actor=request.user)
    minggu = _minggu(request, tersedia)
    if minggu is None:
        raise Http404
    header = ["Tingkat", "Nama", "Pegawai", "Aktif (%)", "Kepatuhan laporan (%)", "Median jam tinjauan",
              "SKP disetujui (%)", "Terlatih 12 bln (%)", "Tertinggal", "Alasan"]

    def line(m):
        return [m.get_tingkat_display(), m.nama, m.jumlah_pegawai, m.persen_aktif, m.persen_kepatuhan,
                float(m.umpan_balik_jam) if m.umpan_balik_jam is not None else None, m.persen_skp, m.persen_terlatih,
                "ya" if m.tertinggal else "", "; ".join(m.alasan_label)]

    opd = list(selectors.metrik_opd(actor=request.user, minggu=minggu))
    units = []
    for o in opd:
        units += selectors.metrik_unit(actor=request.user, opd_id=o.opd_id, minggu=minggu)[1]
    data = workbook_bytes([("OPD", header, [line(m) for m in opd]), ("Unit", header, [line(m) for m in units])])
    return xlsx_response(data, f"adopsi-{minggu.isoformat()}.xlsx")


@require_POST
def adopsi_hitung(request):
    try:
        n = services.metrik_adopsi_hitung_sekarang(actor=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Angka minggu ini dihitung ulang ({n} baris).")
    return redirect("pelatihan:adopsi")


def adopsi_tren_json(request):
    """Data behind the trend chart (the same numbers as the table on the page)."""
    _require(boleh_lihat_metrik(request.user))
    opd_id = request.GET.get("opd")
    tren = selectors.metrik_tren(actor=request.user, opd_id=int(opd_id) if opd_id and opd_id.isdigit() else None)
    return JsonResponse({"minggu": [m.minggu.strftime("%d-%m") for m in tren],
                         "aktif": [m.persen_aktif for m in tren], "kepatuhan": [m.persen_kepatuhan for m in tren],
                         "skp": [m.persen_skp for m in tren], "terlatih": [m.persen_terlatih for m in tren]})


# --- pulse survey ------------------------------------------------------------------------------------------------------


def survei(request):
    putaran = selectors.putaran_aktif(request.user.instansi_id) if request.user.instansi_id else None
    sudah = putaran is not None and selectors.sudah_mengisi(actor=request.user, putaran=putaran)
    pegawai = scope_for(request.user).pegawai is not None
    form = SurveiForm(request.POST or None) if putaran and not sudah and pegawai else None
    if request.method == "POST":
        if form is None:
            if putaran is None:
                return render(request, "pelatihan/survei.html", {"error": "Tidak ada putaran survei yang sedang "
                              "dibuka.", "putaran": None}, status=409)
            return render(request, "pelatihan/survei.html", {
                "error": "Anda sudah mengisi survei putaran ini. Terima kasih!" if sudah else
                "Survei ini untuk akun pegawai.", "putaran": putaran, "sudah": sudah}, status=409 if sudah else 403)
        if form.is_valid():
            try:
                services.survei_isi(actor=request.user, putaran=putaran, **form.cleaned_data)
            except ApplicationError as exc:
                _apply(form, exc)
            else:
                return redirect(f"{reverse('pelatihan:survei')}?terima_kasih=1")
    selesai = list(selectors.putaran_list(actor=request.user).filter(selesai__lt=timezone.localdate())[:1])
    return render(request, "pelatihan/survei.html", {
        "putaran": putaran, "sudah": sudah, "form": form, "terima_kasih": request.GET.get("terima_kasih") == "1",
        "terakhir": selesai[0] if selesai else None, "pegawai": pegawai,
        "tindak_lanjut": selectors.tindak_lanjut_list(actor=request.user)[:3]}, status=form_status(form))


def survei_hasil(request, pk: int):
    putaran = selectors.putaran_get(actor=request.user, putaran_id=pk)
    hasil = selectors.hasil_survei(actor=request.user, putaran=putaran)
    return render(request, "pelatihan/survei_hasil.html", {
        "hasil": hasil, "dimensi": [(k, rules.DIMENSI_LABEL[k], t) for k, t in rules.PERTANYAAN_SURVEI],
        "putaran_list": selectors.putaran_list(actor=request.user)[:8]})


def survei_putaran(request):
    _require(is_penyelenggara(request.user), "Hanya admin BKPSDM yang dapat mengatur putaran survei.")
    form = PutaranForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            putaran = services.putaran_survei_buat(actor=request.user, **{
                k: v for k, v in form.cleaned_data.items() if not (k == "min_tampil" and v is None)})
        except ApplicationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"Putaran \"{putaran.judul}\" tersimpan.")
            return redirect("pelatihan:survei_putaran")
    items = [(p, selectors.partisipasi_survei(actor=request.user, putaran=p))
             for p in selectors.putaran_list(actor=request.user)[:20]]
    return render(request, "pelatihan/survei_putaran.html", {"form": form, "items": items}, status=form_status(form))


def kami_lakukan(request):
    """"Anda berkata, kami lakukan": every signed-in account reads it; admin BKPSDM writes it."""
    form = None
    if is_penyelenggara(request.user):
        form = TindakLanjutForm(request.POST or None, putaran=selectors.putaran_list(actor=request.user)[:12])
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            putaran_id = data.pop("putaran")
            putaran = selectors.putaran_get(actor=request.user, putaran_id=putaran_id) if putaran_id else None
            try:
                services.tindak_lanjut_simpan(actor=request.user, putaran=putaran, **data)
            except ApplicationError as exc:
                _apply(form, exc)
            else:
                messages.success(request, "Tersimpan.")
                return redirect("pelatihan:kami_lakukan")
    elif request.method == "POST":
        raise Forbidden("Hanya admin BKPSDM yang dapat menulis tindak lanjut.")
    return render(request, "pelatihan/kami_lakukan.html", {
        "items": selectors.tindak_lanjut_list(actor=request.user), "form": form}, status=form_status(form))


# --- help centre and tour --------------------------------------------------------------------------------------------


def bantuan_pusat(request):
    form = CariForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    roles = roles_of(request.user)
    artikel = bantuan.artikel_untuk(roles, q)
    dari = request.GET.get("dari", "")
    return render(request, "pelatihan/bantuan/pusat.html", {
        "form": form, "q": q, "faq": bantuan.faq_cari(q),
        "panduan": [a for a in artikel if a.kategori == "panduan"],
        "mengapa": [a for a in artikel if a.kategori == "mengapa"],
        "halaman_ini": bantuan.artikel_untuk_halaman(dari, roles) if dari.startswith("/") else [],
    })


def bantuan_artikel(request, slug: str):
    artikel = bantuan.ARTIKEL_BY_SLUG.get(slug)
    if artikel is None or (artikel.peran and not artikel.peran & roles_of(request.user)):
        raise Http404
    lain = [a for a in bantuan.artikel_untuk(roles_of(request.user)) if a.slug != slug][:4]
    gambar = [(f, c) for f, c in artikel.gambar if finders.find(f"pelatihan/bantuan/{f}")]
    return render(request, "pelatihan/bantuan/artikel.html", {"artikel": artikel, "lain": lain, "gambar": gambar,
                                                              "kategori": bantuan.KATEGORI[artikel.kategori]})


@require_POST
def tur_selesai(request):
    services.onboarding_selesaikan(actor=request.user)
    if request.headers.get("Accept", "").startswith("application/json") or request.htmx:
        return HttpResponse(status=204)
    messages.success(request, "Tur pengenalan selesai. Anda dapat mengulanginya dari Pusat Bantuan.")
    return redirect("core:home")


@require_POST
def tur_ulangi(request):
    services.onboarding_ulangi(actor=request.user)
    return redirect(f"{reverse('core:home')}?tur=1")
