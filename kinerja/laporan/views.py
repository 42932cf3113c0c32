"""Laporan pages (thin): the pegawai's phone app with its offline queue, one report, one pegawai's reports, the
live review queue, unlocks, the instansi policy and the realisasi block. PWA plumbing is in views_pwa.py."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.core.exceptions import ApplicationError, ErrorCode, Forbidden
from kinerja.core.files import file_response
from kinerja.core.views import form_status
from kinerja.laporan import rules, selectors, services
from kinerja.laporan.access import boleh_meninjau
from kinerja.laporan.forms import (
    BukaKunciForm,
    BuktiForm,
    KebijakanForm,
    KomentarForm,
    LaporanForm,
    satuan_indikator,
)
from kinerja.laporan.models import StatusLaporan
from kinerja.laporan.uploads import strict_upload_view, unsafe_names
from kinerja.organisasi import selectors as org_selectors
from kinerja.organisasi.access import scope_for
from kinerja.perencanaan.models import ProgramKegiatan


def _pegawai(request):
    pegawai = scope_for(request.user).pegawai
    if pegawai is None:
        raise Forbidden(rules.MSG_BUKAN_PEGAWAI)
    return pegawai


def _program_choices(pegawai, tahun: int) -> list[tuple[int, str]]:
    if not pegawai.opd_id:
        return []
    qs = (ProgramKegiatan.objects.filter(instansi_id=pegawai.instansi_id, aktif=True, tahun=tahun)
          .filter(Q(unit_kerja_id=pegawai.opd_id) | Q(unit_kerja__opd_id=pegawai.opd_id))
          .order_by("kode").values_list("pk", "nama")[:200])
    return list(qs)


def _status(exc: ApplicationError) -> int:
    """Forms re-shown with validation errors answer 400 (core.views.form_status); other refusals keep their own
    4xx (409 state, 413 size, 415 type)."""
    if exc.code == ErrorCode.VALIDATION or not 400 <= exc.status < 500:
        return 400
    return exc.status


def _form_kwargs(request, pegawai, hari_ini):
    skp_list = selectors.rhk_pilihan(actor=request.user)
    return {"skp_list": skp_list, "program_choices": _program_choices(pegawai, hari_ini.year)}


def _render_beranda(request, form, skp_list, *, status: int = 200):
    pegawai = _pegawai(request)
    ringkasan = selectors.ringkasan_pegawai(actor=request.user)
    kebijakan = selectors.kebijakan_for(pegawai.instansi_id)
    daftar = selectors.laporan_milik(actor=request.user).filter(
        tanggal__gte=ringkasan.hari_ini - dt.timedelta(days=31))[:80]
    konfigurasi = {
        "maksBita": int(kebijakan.maks_ukuran_bukti_mb) * 1024 * 1024, "maksBukti": kebijakan.maks_bukti_per_laporan,
        "satuan": satuan_indikator(skp_list), "hariIni": ringkasan.hari_ini.isoformat(),
    }
    return render(request, "laporan/beranda.html", {
        "form": form, "skp_list": skp_list, "ringkasan": ringkasan, "daftar": daftar, "kebijakan": kebijakan,
        "konfigurasi": konfigurasi, "revisi": [x for x in daftar if x.status == StatusLaporan.PERLU_REVISI],
    }, status=status)


def beranda(request):
    """The phone app: today's form (queued offline by pwa.js), the phone queue and my recent reports."""
    pegawai = _pegawai(request)
    hari_ini = selectors.hari_ini_pegawai(pegawai)
    kwargs = _form_kwargs(request, pegawai, hari_ini)
    form = LaporanForm(initial={"tanggal": hari_ini}, **kwargs)
    return _render_beranda(request, form, kwargs["skp_list"])


def daftar(request):
    """My recent reports (refreshed by pwa.js after each sync)."""
    _pegawai(request)
    hari_ini = selectors.hari_ini_pegawai(_pegawai(request))
    rows = selectors.laporan_milik(actor=request.user).filter(tanggal__gte=hari_ini - dt.timedelta(days=31))[:80]
    return render(request, "laporan/_daftar.html", {"daftar": rows})


@strict_upload_view
@require_POST
def laporan_baru(request):
    """Without JavaScript the form posts here (with evidence); with it, pwa.js queues and sends to the API."""
    pegawai = _pegawai(request)
    hari_ini = selectors.hari_ini_pegawai(pegawai)
    kwargs = _form_kwargs(request, pegawai, hari_ini)
    form = LaporanForm(request.POST, **kwargs)
    status = 400
    if form.is_valid():
        berkas = request.FILES.getlist("bukti")
        try:
            with transaction.atomic():
                laporan, _created = services.laporan_harian_create(
                    actor=request.user, data=form.service_data(), ajukan=request.POST.get("aksi") == "ajukan",
                    idempotency_key=form.cleaned_data.get("kunci"))
                if unsafe_names(request) and not berkas:
                    raise ApplicationError(rules.MSG_NAMA_BERKAS, detail={"berkas": [rules.MSG_NAMA_BERKAS]})
                for upload in berkas:
                    services.bukti_dukung_add(actor=request.user, laporan=laporan, upload=upload,
                                              nama_tidak_aman=bool(unsafe_names(request)))
        except ApplicationError as exc:
            form.add_service_errors(exc)
            status = _status(exc)
        else:
            messages.success(request, "Laporan diajukan ke atasan." if laporan.status == StatusLaporan.DIAJUKAN
                             else "Draf laporan tersimpan.")
            return redirect("laporan:detail", pk=laporan.pk)
    return _render_beranda(request, form, kwargs["skp_list"], status=status)


def _detail_context(request, laporan, **extra):
    scope = scope_for(request.user)
    milik = scope.pegawai_id == laporan.pegawai_id
    ctx = {"laporan": laporan, "milik": milik, "komentar_form": KomentarForm(), "bukti_form": BuktiForm(),
           "boleh_tinjau": laporan.status == StatusLaporan.DIAJUKAN and boleh_meninjau(scope.pegawai, laporan),
           "boleh_komentar": milik or scope.is_superior_of(laporan.pegawai) or boleh_meninjau(scope.pegawai, laporan)}
    if milik and laporan.dapat_diubah and "form" not in extra:
        kwargs = _form_kwargs(request, laporan.pegawai, laporan.tanggal)
        ctx["form"] = LaporanForm(initial=LaporanForm.initial_from(laporan), **kwargs)
    ctx.update(extra)
    return ctx


def detail(request, pk: int):
    laporan = selectors.laporan_detail(actor=request.user, laporan_id=pk)
    scope = scope_for(request.user)
    if laporan.status == StatusLaporan.DIAJUKAN and boleh_meninjau(scope.pegawai, laporan) \
            and laporan.dibuka_penilai_pada is None:
        services.laporan_harian_mark_opened(actor=request.user, laporan=laporan)  # the reviewer has seen it
    return render(request, "laporan/detail.html", _detail_context(request, laporan))


def _detail_error(request, pk, exc, **extra):
    laporan = selectors.laporan_detail(actor=request.user, laporan_id=pk)
    return render(request, "laporan/detail.html", _detail_context(request, laporan, galat=exc.message, **extra),
                  status=_status(exc))


@require_POST
def ubah(request, pk: int):
    laporan = selectors.laporan_get(actor=request.user, laporan_id=pk)
    kwargs = _form_kwargs(request, laporan.pegawai, laporan.tanggal)
    form = LaporanForm(request.POST, **kwargs)
    if form.is_valid():
        try:
            services.laporan_harian_update(actor=request.user, laporan=laporan, data=form.service_data())
        except ApplicationError as exc:
            form.add_service_errors(exc)
            return _detail_error(request, pk, exc, form=form)
        messages.success(request, "Perubahan tersimpan.")
        return redirect("laporan:detail", pk=pk)
    detail_laporan = selectors.laporan_detail(actor=request.user, laporan_id=pk)
    return render(request, "laporan/detail.html", _detail_context(request, detail_laporan, form=form),
                  status=form_status(form))


@require_POST
def ajukan(request, pk: int):
    laporan = selectors.laporan_get(actor=request.user, laporan_id=pk)
    try:
        services.laporan_harian_submit(actor=request.user, laporan=laporan)
    except ApplicationError as exc:
        return _detail_error(request, pk, exc)
    messages.success(request, "Laporan diajukan ke atasan.")
    return redirect("laporan:detail", pk=pk)


@require_POST
def hapus(request, pk: int):
    laporan = selectors.laporan_get(actor=request.user, laporan_id=pk)
    try:
        services.laporan_harian_delete(actor=request.user, laporan=laporan)
    except ApplicationError as exc:
        return _detail_error(request, pk, exc)
    messages.success(request, "Draf laporan dihapus.")
    return redirect("laporan:beranda")


@require_POST
def komentar(request, pk: int):
    laporan = selectors.laporan_get(actor=request.user, laporan_id=pk)
    try:
        services.laporan_komentar_create(actor=request.user, laporan=laporan, isi=request.POST.get("isi", ""))
    except ApplicationError as exc:
        form = KomentarForm(request.POST)
        form.full_clean()
        form._errors = ErrorDict({"isi": form.error_class([exc.message])})
        return _detail_error(request, pk, exc, komentar_form=form)
    messages.success(request, "Komentar terkirim.")
    return redirect(reverse("laporan:detail", args=[pk]) + "#komentar")


@strict_upload_view
@require_POST
def bukti_unggah(request, pk: int):
    laporan = selectors.laporan_get(actor=request.user, laporan_id=pk)
    try:
        services.bukti_dukung_add(actor=request.user, laporan=laporan, upload=request.FILES.get("berkas"),
                                  nama_tidak_aman=bool(unsafe_names(request)))
    except ApplicationError as exc:
        form = BuktiForm(data={}, files={})
        form.full_clean()
        form._errors = ErrorDict({"berkas": form.error_class([exc.message])})
        return _detail_error(request, pk, exc, bukti_form=form)
    messages.success(request, "Bukti dukung tersimpan.")
    return redirect(reverse("laporan:detail", args=[pk]) + "#bukti")


@require_POST
def bukti_hapus(request, pk: int, bukti_id: int):
    bukti = selectors.bukti_get(actor=request.user, bukti_id=bukti_id)
    if bukti.laporan_id != pk:
        return redirect("laporan:detail", pk=pk)
    try:
        services.bukti_dukung_delete(actor=request.user, bukti=bukti)
    except ApplicationError as exc:
        return _detail_error(request, pk, exc)
    messages.success(request, "Bukti dukung dihapus.")
    return redirect(reverse("laporan:detail", args=[pk]) + "#bukti")


def bukti_berkas(request, bukti_id: int):
    """Serve evidence only to those who may see the report: documents as attachments, images inline."""
    bukti = selectors.bukti_get(actor=request.user, bukti_id=bukti_id)
    if request.GET.get("kecil") and bukti.thumbnail:
        return file_response(bukti.thumbnail, filename=f"kecil-{bukti.nama_asli}", mime="image/jpeg", inline=True)
    return file_response(bukti.berkas, filename=bukti.nama_asli, mime=bukti.mime, inline=bukti.is_image)


def pegawai_laporan(request, pegawai_id: int):
    """One pegawai's reports for a month (self, superiors, pimpinan OPD, admin BKPSDM, Inspektorat)."""
    pegawai = org_selectors.pegawai_get(actor=request.user, pegawai_id=pegawai_id)
    hari_ini = selectors.hari_ini_pegawai(pegawai)
    try:
        bulan = dt.date.fromisoformat(request.GET.get("bulan", "") + "-01")
    except ValueError:
        bulan = hari_ini.replace(day=1)
    akhir = (bulan.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    rows = selectors.laporan_list(actor=request.user, pegawai_id=pegawai.pk, dari=bulan, sampai=akhir)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    sebelum = (bulan - dt.timedelta(days=1)).replace(day=1)
    sesudah = akhir + dt.timedelta(days=1)
    return render(request, "laporan/pegawai.html", {
        "pegawai": pegawai, "page": page, "bulan": bulan, "sebelum": sebelum,
        "sesudah": sesudah if sesudah <= hari_ini else None,
        "total_durasi": rules.durasi_label(sum(x.durasi_menit for x in page)),
    })


# --- the review queue ---------------------------------------------------------------------------------------------
def tinjauan(request):
    _pegawai(request)
    antrian = selectors.antrian_tinjauan(actor=request.user)
    return render(request, "laporan/tinjauan.html", {
        "antrian": antrian, "jumlah": selectors.antrian_jumlah(actor=request.user),
    })


def tinjauan_baru(request):
    """Polled every few seconds: new reports appended to the queue, handled ones removed, the count updated."""
    ada = {int(x) for x in request.GET.getlist("ada") if x.isdigit()}
    baru = selectors.antrian_tinjauan(actor=request.user, kecuali=ada, batas=50)
    return render(request, "laporan/_tinjauan_poll.html", {
        "baru": baru, "selesai": sorted(selectors.antrian_selesai(actor=request.user, ids=ada)),
        "jumlah": selectors.antrian_jumlah(actor=request.user),
    })


@require_POST
def tinjauan_dibuka(request, pk: int):
    laporan = selectors.laporan_get(actor=request.user, laporan_id=pk)
    services.laporan_harian_mark_opened(actor=request.user, laporan=laporan)
    return HttpResponse(status=204)


@require_POST
def tinjauan_aksi(request, pk: int):
    """Approve, request revision or comment in one action (htmx swaps the queue item; without JS, redirect)."""
    laporan = selectors.laporan_get(actor=request.user, laporan_id=pk)
    aksi = request.POST.get("aksi", "")
    teks = request.POST.get("komentar", "")
    try:
        if aksi == "setujui":
            laporan = services.laporan_harian_approve(actor=request.user, laporan=laporan, komentar=teks)
            pesan = "Laporan disetujui."
        elif aksi == "revisi":
            laporan = services.laporan_harian_request_revision(actor=request.user, laporan=laporan, komentar=teks)
            pesan = "Laporan dikembalikan untuk revisi."
        elif aksi == "komentar":
            services.laporan_komentar_create(actor=request.user, laporan=laporan, isi=teks)
            pesan = "Komentar terkirim."
        else:
            raise ApplicationError("Pilih tindakan: setujui, minta revisi, atau kirim komentar.")
    except ApplicationError as exc:
        if request.htmx:
            item = selectors.laporan_detail(actor=request.user, laporan_id=pk)
            return render(request, "laporan/_tinjauan_item.html",
                          {"item": item, "galat": exc.message, "teks": teks, "buka": True}, status=_status(exc))
        return _detail_error(request, pk, exc)
    if request.htmx:
        item = selectors.laporan_detail(actor=request.user, laporan_id=pk)
        return render(request, "laporan/_tinjauan_item.html", {"item": item, "pesan": pesan, "buka": aksi == "komentar"})
    messages.success(request, pesan)
    return redirect("laporan:tinjauan")


@require_POST
def tinjauan_massal(request):
    ids = [int(x) for x in request.POST.getlist("pilih") if x.isdigit()]
    if not ids:
        messages.error(request, "Pilih dulu laporan yang akan disetujui.")
        return redirect("laporan:tinjauan")
    pilihan = request.POST.get("konfirmasi", "")
    hasil = services.laporan_harian_approve_many(actor=request.user, ids=ids, konfirmasi=pilihan == "semua")
    if hasil.perlu_konfirmasi and pilihan == "dibuka":
        hasil = services.laporan_harian_approve_many(actor=request.user, ids=[r.pk for r in hasil.sudah_dibuka])
    if hasil.perlu_konfirmasi:
        return render(request, "laporan/tinjauan_konfirmasi.html", {
            "hasil": hasil, "ids": ids, "jumlah_semua": len(hasil.belum_dibuka) + len(hasil.sudah_dibuka)})
    if hasil.disetujui:
        messages.success(request, f"{len(hasil.disetujui)} laporan disetujui.")
    if hasil.dilewati:
        messages.warning(request, f"{len(hasil.dilewati)} laporan dilewati karena tidak lagi menunggu tinjauan Anda.")
    return redirect("laporan:tinjauan")


# --- unlocks, policy, realisasi ----------------------------------------------------------------------------------------
def buka_kunci(request):
    pegawai = _pegawai(request)
    bawahan = org_selectors.bawahan_langsung(pegawai)
    form = BukaKunciForm(request.POST or None, bawahan=bawahan)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            target = next(p for p in bawahan if p.pk == form.cleaned_data["pegawai"])
            try:
                obj = services.buka_kunci_create(actor=request.user, pegawai=target,
                                                 tanggal=form.cleaned_data["tanggal"],
                                                 alasan=form.cleaned_data["alasan"])
            except ApplicationError as exc:
                for key, msgs in (exc.detail or {"__all__": [exc.message]}).items():
                    for msg in msgs:
                        form.add_error(key if key in form.fields else None, msg)
                status = _status(exc)
            else:
                messages.success(request, f"Tanggal {obj.tanggal:%d-%m-%Y} dibuka untuk {target.nama_lengkap} "
                                          f"sampai {obj.berlaku_sampai:%d-%m-%Y}.")
                return redirect("laporan:buka_kunci")
    return render(request, "laporan/buka_kunci.html", {
        "form": form, "daftar": selectors.buka_kunci_list(actor=request.user)[:50], "bawahan": bawahan,
    }, status=status)


def kebijakan(request):
    scope = scope_for(request.user)
    if not scope.master_write:
        raise Forbidden(rules.MSG_KEBIJAKAN_ADMIN)
    current = selectors.kebijakan_for(request.user.instansi_id)
    form = KebijakanForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.kebijakan_laporan_update(actor=request.user, **{f: form.cleaned_data[f] for f in form.fields})
        except ApplicationError as exc:
            for key, msgs in (exc.detail or {"__all__": [exc.message]}).items():
                for msg in msgs:
                    form.add_error(key if key in form.fields else None, msg)
        else:
            messages.success(request, "Kebijakan laporan harian tersimpan.")
            return redirect("laporan:kebijakan")
    return render(request, "laporan/kebijakan.html", {"form": form}, status=form_status(form))


def realisasi_skp(request, skp_id: int):
    """The realisasi block of the SKP page, re-fetched by htmx so it stays live."""
    skp = selectors.skp_get(actor=request.user, skp_id=skp_id)
    return render(request, "laporan/_realisasi.html", {"realisasi": selectors.realisasi_skp(actor=request.user,
                                                                                            skp=skp), "obj": skp})

