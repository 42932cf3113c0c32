"""Staff pages of citizen participation: the overview, service points (QR, poster, IKM per period), complaint
handling, moderation, public replies, the name tag of a named ASN, complaint handlers, the evidence summaries
and the instansi's policy. Every page is scoped by `access.scope_partisipasi` (404 outside the scope)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.core.exceptions import ApplicationError, Forbidden, NotFound
from kinerja.core.files import file_response
from kinerja.core.models import Peran
from kinerja.core.pdf import pdf_response, render_pdf
from kinerja.core.qr import qr_png_data_uri, qr_svg
from kinerja.core.roles import has_role
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.organisasi.selectors import pegawai_get, unit_kerja_get
from kinerja.partisipasi import conf, rules, selectors, services
from kinerja.partisipasi.access import scope_partisipasi
from kinerja.partisipasi.forms import (
    AksiPengaduanForm,
    BalasanForm,
    KebijakanForm,
    ModerasiForm,
    PapanNamaForm,
    PengaduanFilterForm,
    PengelolaForm,
    SurveiKertasForm,
    TitikForm,
    apply_errors,
)
from kinerja.partisipasi.models import (
    JenisTitik,
    StatusModerasi,
    StatusPengaduan,
    TitikLayanan,
)
from kinerja.perencanaan.models import JenisProgram, ProgramKegiatan

MSG_BUKAN_STAF = "Halaman ini untuk pengelola layanan, atasan, pimpinan dan Inspektorat."


def _staf(request):
    scope = scope_partisipasi(request.user)
    if not scope.staf:
        raise Forbidden(MSG_BUKAN_STAF)
    return scope


def _url_publik(request, path: str) -> str:
    base = conf._get("PARTISIPASI_URL_PUBLIK", "")
    return (base.rstrip("/") + path) if base else request.build_absolute_uri(path)


def _periode(request) -> rules.Periode:
    kode = request.GET.get("periode") or str(timezone.localdate().year)
    try:
        return rules.periode_dari_kode(kode)
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc


# --- overview ------------------------------------------------------------------------------------------------------


def dashboard(request):
    scope = scope_partisipasi(request.user)
    ctx = {"scope": scope, "petugas": selectors.petugas_saya(actor=request.user)}
    if ctx["petugas"] is not None:
        ctx["skor"] = selectors.skor_petugas(ctx["petugas"].pegawai)
    if scope.staf:
        periode = rules.periode_dari_kode(str(timezone.localdate().year))
        titik = list(selectors.titik_list(actor=request.user)[:60])
        ctx["titik_hasil"] = [(t, selectors.ikm_titik(t, periode) if t.jenis == JenisTitik.LAYANAN else None)
                              for t in titik]
        pengaduan = selectors.pengaduan_list(actor=request.user)
        ctx["jumlah_terbuka"] = pengaduan.filter(status__in=["diterima", "diverifikasi", "didisposisikan",
                                                              "ditindaklanjuti"]).count()
        ctx["jumlah_terlambat"] = selectors.pengaduan_list(actor=request.user, terlambat=True).count()
        ctx["jumlah_moderasi"] = len(selectors.antrean_moderasi(actor=request.user))
        ctx["periode"] = periode
    return render(request, "partisipasi/dashboard.html", ctx)


# --- service points ----------------------------------------------------------------------------------------------


def _unit_kelola(request):
    scope = scope_partisipasi(request.user)
    return UnitKerja.objects.filter(scope.unit_kelola_q(""), aktif=True).order_by("path")


def titik_list(request):
    _staf(request)
    return render(request, "partisipasi/titik_list.html", {"titik": selectors.titik_list(actor=request.user)})


def titik_form(request, pk: int | None = None):
    _staf(request)
    titik = selectors.titik_get(actor=request.user, pk=pk) if pk else None
    units = _unit_kelola(request)
    if not units.exists():
        raise Forbidden("Anda belum mengelola unit mana pun.")
    programs = ProgramKegiatan.objects.filter(instansi_id=request.user.instansi_id, jenis=JenisProgram.PROYEK,
                                              aktif=True).order_by("-tahun", "nama")
    initial = {}
    if titik is not None:
        initial = {"unit": titik.unit_kerja, "jenis": titik.jenis, "nama": titik.nama, "kode": titik.kode,
                   "program": titik.program, "alamat": titik.alamat, "deskripsi": titik.deskripsi,
                   "populasi_per_tahun": titik.populasi_per_tahun, "aktif": titik.aktif}
    form = TitikForm(request.POST or None, initial=initial, units=units, programs=programs)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                obj = services.titik_simpan(actor=request.user, unit=data["unit"], nama=data["nama"],
                                            jenis=data["jenis"], kode=data["kode"], deskripsi=data["deskripsi"],
                                            alamat=data["alamat"], program=data["program"],
                                            populasi_per_tahun=data["populasi_per_tahun"], aktif=data["aktif"],
                                            titik=titik)
            except ApplicationError as exc:
                apply_errors(form, exc)
                status = 400 if exc.status == 422 else exc.status
            else:
                messages.success(request, "Titik layanan tersimpan. Cetak posternya dan pasang di tempat layanan.")
                return redirect("partisipasi:titik_detail", pk=obj.pk)
        else:
            status = 400
    return render(request, "partisipasi/titik_form.html", {"form": form, "titik": titik}, status=status)


def titik_detail(request, pk: int):
    _staf(request)
    titik = selectors.titik_get(actor=request.user, pk=pk)
    scope = scope_partisipasi(request.user)
    periode = _periode(request)
    ctx = {"titik": titik, "periode": periode, "pilihan_periode": rules.pilihan_periode(timezone.localdate()),
           "url_publik": _url_publik(request, f"/p/{titik.kode}/"), "kelola": scope.mengelola_unit(titik.unit_kerja)}
    ctx["qr"] = qr_svg(ctx["url_publik"], scale=4)
    if titik.jenis == JenisTitik.LAYANAN:
        ctx["hasil"] = selectors.ikm_titik(titik, periode)
        ctx["tren"] = selectors.tren_ikm(titik=titik, n=6)
        ctx["chart"] = selectors.tren_chart(ctx["tren"])
        ctx["items"] = Paginator(selectors.respon_list(actor=request.user, titik=titik), 25).get_page(
            request.GET.get("page"))
        ctx["jenis_objek"] = "survei"
    else:
        ctx["items"] = Paginator(selectors.masukan_list(actor=request.user, titik=titik), 25).get_page(
            request.GET.get("page"))
        ctx["jenis_objek"] = "masukan"
    return render(request, "partisipasi/titik_detail.html", ctx)


def titik_poster(request, pk: int):
    _staf(request)
    titik = selectors.titik_get(actor=request.user, pk=pk)
    url = _url_publik(request, f"/p/{titik.kode}/")
    data = render_pdf("partisipasi/pdf/poster.html", {"titik": titik, "url": url, "qr": qr_png_data_uri(url, scale=10),
                                                      "url_tiket": _url_publik(request, "/t/")}, request=request)
    return pdf_response(data, f"poster-{titik.kode}.pdf", inline=True)


def survei_kertas(request, pk: int):
    scope = _staf(request)
    titik = selectors.titik_get(actor=request.user, pk=pk)
    if not scope.mengelola_unit(titik.unit_kerja):
        raise Forbidden("Hanya pengelola unit ini yang dapat memasukkan kuesioner kertas.")
    form = SurveiKertasForm(request.POST or None, initial={"tanggal": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.survei_kertas_input(actor=request.user, titik=titik,
                                             jawaban={u.kode: form.cleaned_data[u.kode] for u in rules.UNSUR},
                                             saran=form.cleaned_data["saran"], tanggal=form.cleaned_data["tanggal"])
            except ApplicationError as exc:
                apply_errors(form, exc)
                status = 400 if exc.status == 422 else exc.status
            else:
                messages.success(request, "Kuesioner tersimpan. Isi berikutnya.")
                return redirect("partisipasi:survei_kertas", pk=titik.pk)
        else:
            status = 400
    return render(request, "partisipasi/survei_kertas.html", {"titik": titik, "form": form}, status=status)


# --- complaints ----------------------------------------------------------------------------------------------------


def pengaduan_list(request):
    _staf(request)
    form = PengaduanFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.pengaduan_list(actor=request.user, status=data.get("status", ""),
                                  terlambat=data.get("terlambat", False), q=data.get("q", ""))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "partisipasi/pengaduan_list.html", {"form": form, "page": page,
                                                                "today": timezone.localdate()})


def pengaduan_detail(request, pk: int):
    scope = _staf(request)
    pengaduan = selectors.pengaduan_get(actor=request.user, pk=pk)
    form = AksiPengaduanForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _aksi(request, pengaduan, form.cleaned_data)
            except ApplicationError as exc:
                apply_errors(form, exc)
                if not form.errors:
                    form.add_error(None, exc.message)
                status = 400 if exc.status == 422 else exc.status
            else:
                messages.success(request, "Tersimpan.")
                return redirect("partisipasi:pengaduan_detail", pk=pengaduan.pk)
        else:
            status = 400
    units = UnitKerja.objects.filter(instansi_id=pengaduan.instansi_id, aktif=True).order_by("path")
    return render(request, "partisipasi/pengaduan_detail.html", {
        "pengaduan": pengaduan, "form": form, "units": units, "today": timezone.localdate(),
        "menangani": scope.menangani_pengaduan(pengaduan),
        "identitas": selectors.identitas_terlihat(actor=request.user, pengaduan=pengaduan),
        "tanggapan": list(pengaduan.tanggapan.all())}, status=status)


def _aksi(request, pengaduan, data) -> None:
    aksi, isi = data["aksi"], data.get("isi") or ""
    if aksi == "verifikasi":
        services.pengaduan_verifikasi(actor=request.user, pengaduan=pengaduan, catatan=isi)
    elif aksi == "disposisi":
        unit = UnitKerja.objects.filter(pk=data.get("unit"), instansi_id=pengaduan.instansi_id).first()
        services.pengaduan_disposisi(actor=request.user, pengaduan=pengaduan, unit=unit, catatan=isi)
    elif aksi == "tindak_lanjut":
        services.pengaduan_tindak_lanjut(actor=request.user, pengaduan=pengaduan, isi=isi)
    elif aksi == "selesai":
        services.pengaduan_selesai(actor=request.user, pengaduan=pengaduan, isi=isi)
    elif aksi == "tolak":
        services.pengaduan_tolak(actor=request.user, pengaduan=pengaduan, alasan=isi)
    else:
        services.pengaduan_catatan(actor=request.user, pengaduan=pengaduan, isi=isi)


def pengaduan_foto(request, pk: int):
    _staf(request)
    pengaduan = selectors.pengaduan_get(actor=request.user, pk=pk)
    if not pengaduan.foto:
        raise NotFound("Pengaduan ini tidak berfoto.")
    mime = "image/png" if pengaduan.foto.name.endswith(".png") else "image/jpeg"
    return file_response(pengaduan.foto, filename=f"{pengaduan.tiket}.{mime[6:]}", mime=mime, inline=True)


# --- moderation and public replies ---------------------------------------------------------------------------------


def moderasi(request):
    _staf(request)
    status = request.GET.get("status") or StatusModerasi.DITINJAU
    if status not in (StatusModerasi.DITINJAU, StatusModerasi.DISEMBUNYIKAN):
        status = StatusModerasi.DITINJAU
    items = selectors.antrean_moderasi(actor=request.user, status=status)
    return render(request, "partisipasi/moderasi.html", {"items": items, "status": status})


@require_POST
def moderasi_aksi(request, jenis: str, pk: int):
    objek = selectors.objek_moderasi_get(actor=request.user, jenis=jenis, pk=pk)
    form = ModerasiForm(request.POST)
    back = request.POST.get("next") or reverse("partisipasi:moderasi")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("partisipasi:moderasi")
    if not form.is_valid():
        messages.error(request, "Pilih tampilkan atau sembunyikan.")
        return redirect(back)
    try:
        services.moderasi_set(actor=request.user, objek=objek, tampil=form.cleaned_data["aksi"] == "tampilkan",
                              alasan=form.cleaned_data["alasan"])
    except ApplicationError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        response = redirect(back)
        response.status_code = 303
        return response
    messages.success(request, "Kiriman ditampilkan." if form.cleaned_data["aksi"] == "tampilkan"
                     else "Kiriman disembunyikan; teks aslinya tetap tersimpan.")
    return redirect(back)


@require_POST
def balas(request, jenis: str, pk: int):
    objek = selectors.objek_moderasi_get(actor=request.user, jenis=jenis, pk=pk)
    form = BalasanForm(request.POST)
    back = request.POST.get("next") or reverse("partisipasi:dashboard")
    if not back.startswith("/") or back.startswith("//"):
        back = reverse("partisipasi:dashboard")
    if not form.is_valid():
        messages.error(request, "Tulis balasan Anda.")
        return redirect(back)
    try:
        services.balasan_create(actor=request.user, objek=objek, isi=form.cleaned_data["isi"],
                                sebagai=form.cleaned_data["sebagai"])
    except ApplicationError as exc:
        if exc.status in (403, 404):
            raise
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, "Balasan terbit di halaman publik.")
    return redirect(back)


# --- named ASN: my name tag ------------------------------------------------------------------------------------------


def papan_nama(request):
    scope = scope_partisipasi(request.user)
    if scope.base.pegawai is None:
        raise Forbidden("Akun ini tidak terhubung dengan data pegawai.")
    petugas = selectors.petugas_saya(actor=request.user)
    pegawai = scope.base.pegawai
    opd_id = pegawai.opd_id or pegawai.unit_kerja_id
    titik_qs = TitikLayanan.objects.filter(Q(unit_kerja__opd_id=opd_id) | Q(unit_kerja_id=opd_id),
                                           instansi_id=scope.instansi_id, aktif=True).order_by("nama")
    form = PapanNamaForm(request.POST or None, titik_qs=titik_qs,
                         initial={"sebutan": petugas.sebutan if petugas else scope.base.pegawai.jabatan.nama
                                  if scope.base.pegawai.jabatan_id else "", "titik": petugas.titik if petugas else None})
    status = 200
    if request.method == "POST":
        if request.POST.get("aksi") == "berhenti":
            services.petugas_berhenti(actor=request.user)
            messages.success(request, "Papan nama dinonaktifkan. Penilaian lama tetap tersimpan.")
            return redirect("partisipasi:papan_nama")
        if form.is_valid():
            try:
                services.petugas_bersedia(actor=request.user, sebutan=form.cleaned_data["sebutan"],
                                          titik=form.cleaned_data["titik"])
            except ApplicationError as exc:
                apply_errors(form, exc)
                status = 400
            else:
                messages.success(request, "Papan nama aktif. Cetak dan pakai saat melayani warga.")
                return redirect("partisipasi:papan_nama")
        else:
            status = 400
    ctx = {"form": form, "petugas": petugas, "pegawai": scope.base.pegawai}
    if petugas is not None:
        url = _url_publik(request, f"/a/{petugas.kode}/")
        ctx.update({"url_publik": url, "qr": qr_svg(url, scale=4), "skor": selectors.skor_petugas(petugas.pegawai),
                    "penilaian": selectors.penilaian_list(actor=request.user, pegawai=petugas.pegawai)
                    .filter(status=StatusModerasi.TAMPIL)[:30]})
    return render(request, "partisipasi/papan_nama.html", ctx, status=status)


def papan_nama_pdf(request):
    petugas = selectors.petugas_saya(actor=request.user)
    if petugas is None or not petugas.aktif:
        raise NotFound("Anda belum memiliki papan nama aktif.")
    url = _url_publik(request, f"/a/{petugas.kode}/")
    data = render_pdf("partisipasi/pdf/papan_nama.html", {"petugas": petugas, "url": url,
                                                          "qr": qr_png_data_uri(url, scale=8)}, request=request)
    return pdf_response(data, f"papan-nama-{petugas.kode}.pdf", inline=True)


def penilaian_list(request):
    _staf(request)
    qs = selectors.penilaian_list(actor=request.user)
    status = request.GET.get("status")
    if status in StatusModerasi.values:
        qs = qs.filter(status=status)
    petugas = selectors.petugas_list(actor=request.user)
    return render(request, "partisipasi/penilaian_list.html", {
        "page": Paginator(qs, 30).get_page(request.GET.get("page")),
        "petugas": [(p, selectors.skor_petugas(p.pegawai)) for p in petugas[:50]]})


# --- handlers, evidence, policy --------------------------------------------------------------------------------------


def pengelola(request):
    scope = _staf(request)
    units = _unit_kelola(request)
    form = PengelolaForm(request.POST or None, units=units)
    status = 200
    if request.method == "POST":
        if request.POST.get("cabut"):
            obj = selectors.pengelola_list(actor=request.user).filter(pk=request.POST["cabut"]).first()
            if obj is None:
                raise NotFound("Data tidak ditemukan.")
            services.pengelola_cabut(actor=request.user, pengelola=obj)
            messages.success(request, "Penunjukan dicabut.")
            return redirect("partisipasi:pengelola")
        if form.is_valid():
            pegawai = Pegawai.objects.filter(nip=form.cleaned_data["nip"].strip(),
                                             instansi_id=scope.instansi_id).first()
            try:
                if pegawai is None:
                    raise ApplicationError("NIP tidak ditemukan di instansi ini.", detail={"nip": [
                        "NIP tidak ditemukan di instansi ini."]})
                services.pengelola_tunjuk(actor=request.user, pegawai=pegawai, unit=form.cleaned_data["unit"])
            except ApplicationError as exc:
                apply_errors(form, exc)
                status = 400 if exc.status == 422 else exc.status
            else:
                messages.success(request, "Pengelola pengaduan ditunjuk.")
                return redirect("partisipasi:pengelola")
        else:
            status = 400
    return render(request, "partisipasi/pengelola.html", {
        "form": form, "items": selectors.pengelola_list(actor=request.user),
        "boleh_koordinator": has_role(request.user, Peran.ADMIN_BKPSDM)}, status=status)


def _rentang(request) -> tuple[dt.date, dt.date]:
    periode = _periode(request)
    return periode.mulai, periode.selesai


def ringkasan_pegawai(request, pk: int):
    pegawai = pegawai_get(actor=request.user, pegawai_id=pk)
    dari, sampai = _rentang(request)
    data = selectors.ringkasan_pegawai(pegawai, dari, sampai, actor=request.user)
    return render(request, "partisipasi/ringkasan_pegawai.html", {
        "pegawai": pegawai, "r": data, "periode": _periode(request),
        "pilihan_periode": rules.pilihan_periode(timezone.localdate())})


def ringkasan_unit(request, pk: int):
    _staf(request)
    scope = scope_partisipasi(request.user)
    unit = UnitKerja.objects.filter(pk=pk, instansi_id=scope.instansi_id).first()
    if unit is None:
        raise NotFound("Data tidak ditemukan.")
    if not (scope.membaca_unit(unit) or scope.base.aggregates):
        unit = unit_kerja_get(actor=request.user, unit_id=pk)  # raises NotFound outside the scope
    dari, sampai = _rentang(request)
    data = selectors.ringkasan_unit(unit, dari, sampai, actor=request.user)
    return render(request, "partisipasi/ringkasan_unit.html", {
        "unit": unit, "r": data, "periode": _periode(request),
        "pilihan_periode": rules.pilihan_periode(timezone.localdate()), "status_labels": dict(StatusPengaduan.choices)})


def kebijakan(request):
    if not has_role(request.user, Peran.ADMIN_BKPSDM):
        raise Forbidden("Hanya admin BKPSDM yang dapat mengubah kebijakan partisipasi.")
    current = services.kebijakan(request.user.instansi_id)
    fields = list(KebijakanForm.base_fields)
    form = KebijakanForm(request.POST or None, initial={f: getattr(current, f) for f in fields})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.kebijakan_simpan(actor=request.user, **form.cleaned_data)
            messages.success(request, "Kebijakan tersimpan.")
            return redirect("partisipasi:kebijakan")
        status = 400
    return render(request, "partisipasi/kebijakan.html", {"form": form}, status=status)

