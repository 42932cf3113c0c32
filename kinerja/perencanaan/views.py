"""Planning pages: my SKP, an SKP with its workflow, team SKP to review, the cascade tree, the Matriks Peran
Hasil, the program registry, and the admin's periods and organisation targets. Thin: parse, call one service or
selector, render. A refused write re-shows the page with the message and a 4xx status."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.core.excel import workbook_bytes, xlsx_response
from kinerja.core.exceptions import ApplicationError, ErrorCode, Forbidden, NotFound
from kinerja.core.models import Peran
from kinerja.core.pdf import pdf_response, render_pdf
from kinerja.core.roles import has_role
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import UnitKerja
from kinerja.perencanaan import rules, selectors, services
from kinerja.perencanaan.forms import (
    BagikanForm,
    CariProgramForm,
    EkspektasiForm,
    KembalikanForm,
    PeriodeForm,
    PeriodeUbahForm,
    ProgramForm,
    RevisiForm,
    RhkForm,
    SalinForm,
    SasaranForm,
    SkpBaruForm,
)
from kinerja.perencanaan.models import JenisProgram, ProgramKegiatan, SasaranOrganisasi, StatusSkp


def _status(exc: ApplicationError) -> int:
    return 400 if exc.code == ErrorCode.VALIDATION else exc.status


def _apply_errors(form, exc: ApplicationError, mapper=None) -> None:
    placed = False
    for key, msgs in (exc.detail or {}).items():
        name = mapper(key) if mapper else (key if key in form.fields else None)
        for m in msgs if isinstance(msgs, list) else [msgs]:
            form.add_error(name, m)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


# --- My SKP ---------------------------------------------------------------------------------------------------------


def saya(request):
    scope = scope_for(request.user)
    if scope.pegawai is None:
        raise Forbidden("Akun ini tidak terhubung dengan data pegawai.")
    periode = selectors.periode_pilihan(actor=request.user, periode_id=request.GET.get("periode"))
    semua = list(selectors.skp_milik(actor=request.user))
    skp = next((s for s in semua if periode and s.periode_id == periode.pk and s.aktif), None)
    ctx = {"periode": periode, "skp": skp, "semua": semua, "form": SkpBaruForm(),
           "periode_list": selectors.periode_list(actor=request.user)}
    if periode is not None:
        ctx["periode_terbuka"] = rules.periode_mengizinkan(periode.status, "skp")
        ctx["sumber_salin"] = selectors.salin_sumber_pilihan(actor=request.user, periode=periode)
        ctx.update(_atasan_context(scope.pegawai, periode, skp))
    if skp is not None:
        ctx["langkah"] = selectors.langkah_berikut(skp, request.user)
    return render(request, "perencanaan/saya.html", ctx)


def _atasan_context(pegawai, periode, skp) -> dict:
    """What the pegawai needs to hang RHK on: the atasan, and whether the atasan already has RHK."""
    from kinerja.organisasi.selectors import atasan_langsung

    jpt = pegawai.jabatan_id is not None and pegawai.jabatan.jenis == "jpt_pratama"
    if jpt:
        return {"jpt": True}
    atasan = atasan_langsung(pegawai)
    atasan_skp = selectors.skp_aktif(atasan, periode) if atasan else None
    n = atasan_skp.rhk.count() if atasan_skp else 0
    return {"jpt": False, "atasan": atasan, "atasan_skp": atasan_skp, "atasan_n_rhk": n}


@require_POST
def skp_baru(request):
    periode = selectors.periode_pilihan(actor=request.user, periode_id=request.POST.get("periode"))
    if periode is None:
        raise NotFound("Belum ada periode kinerja. Hubungi admin BKPSDM.")
    form = SkpBaruForm(request.POST)
    pendekatan = form.cleaned_data["pendekatan"] if form.is_valid() else "kuantitatif"
    skp = services.skp_create(actor=request.user, periode=periode, pendekatan=pendekatan)
    messages.success(request, f"Draf SKP {periode.tahun} dibuat. Tambahkan RHK Anda.")
    return redirect("perencanaan:skp_detail", pk=skp.pk)


@require_POST
def minta_rhk(request):
    periode = selectors.periode_pilihan(actor=request.user, periode_id=request.POST.get("periode"))
    if periode is None:
        raise NotFound("Belum ada periode kinerja.")
    sent = services.skp_minta_rhk_atasan(actor=request.user, periode=periode)
    messages.success(request, "Pengingat terkirim ke atasan Anda." if sent else
                     "Pengingat sudah dikirim hari ini; atasan Anda akan melihatnya di notifikasi.")
    return redirect("perencanaan:saya")


def skp_salin(request):
    periode = selectors.periode_pilihan(actor=request.user, periode_id=request.GET.get("periode")
                                        or request.POST.get("periode"))
    if periode is None:
        raise NotFound("Belum ada periode kinerja.")
    sumber_id = _int(request.GET.get("sumber") or request.POST.get("sumber"))
    pilihan = selectors.salin_sumber_pilihan(actor=request.user, periode=periode)
    sumber = next((s for s in pilihan if s.pk == sumber_id), pilihan[0] if pilihan else None)
    if sumber is None:
        messages.info(request, "Belum ada SKP lama yang dapat disalin.")
        return redirect("perencanaan:saya")
    rows, info = selectors.salin_usulan(actor=request.user, sumber=sumber, periode=periode)
    form = SalinForm(request.POST or None, rows=rows, jpt=info["jpt"])
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            skp, n = services.skp_salin(actor=request.user, sumber=sumber, periode=periode, pemetaan=form.pemetaan())
        except ApplicationError as exc:
            _apply_errors(form, exc, mapper=lambda k: k.replace("rhk.", "rhk_") if k.startswith("rhk.") else None)
            status = _status(exc)
        else:
            messages.success(request, f"{n} RHK disalin dari SKP {sumber.periode.tahun}. Periksa target tahun ini.")
            return redirect("perencanaan:skp_detail", pk=skp.pk)
    elif request.method == "POST":
        status = 400
    return render(request, "perencanaan/salin.html", {
        "form": form, "sumber": sumber, "pilihan": pilihan, "periode": periode, "rows": rows, **info,
    }, status=status)


# --- One SKP ---------------------------------------------------------------------------------------------------------


def _detail_context(request, skp) -> dict:
    peran = selectors.peran_pada_skp(request.user, skp)
    terbuka = rules.periode_mengizinkan(skp.periode.status, "skp")
    pemilik, penilai = "pemilik" in peran, "penilai" in peran
    rhk = skp.rhk_daftar
    return {
        "skp": skp, "periode": skp.periode, "rhk_utama": [r for r in rhk if r.jenis == "utama"],
        "rhk_tambahan": [r for r in rhk if r.jenis == "tambahan"], "rantai": selectors.rhk_rantai(rhk),
        "ekspektasi": selectors.ekspektasi_lengkap(skp), "langkah": selectors.langkah_berikut(skp, request.user),
        "pemilik": pemilik, "penilai": penilai, "terbuka": terbuka,
        "bisa_ubah": pemilik and terbuka and skp.bisa_diubah and skp.aktif,
        "bisa_ajukan": pemilik and terbuka and skp.bisa_diubah and skp.aktif and bool(rhk),
        "bisa_nilai": penilai and terbuka and skp.status == StatusSkp.DIAJUKAN,
        "bisa_revisi": (pemilik or penilai) and terbuka and skp.status == StatusSkp.DISETUJUI and skp.aktif,
        "bisa_ekspektasi": penilai and terbuka and skp.status != StatusSkp.DISETUJUI and skp.aktif,
        "bisa_bagikan": pemilik and terbuka and skp.aktif and has_role(request.user, Peran.ATASAN),
        "riwayat": list(skp.riwayat.all()),
    }


def skp_detail(request, pk: int, *, error: ApplicationError | None = None):
    skp = selectors.skp_get(actor=request.user, skp_id=pk)
    ctx = _detail_context(request, skp)
    if error is not None:
        ctx["error"] = error
        ctx["error_list"] = (error.detail or {}).get("__all__") or [error.message]
    return render(request, "perencanaan/skp_detail.html", ctx, status=_status(error) if error else 200)


def _action(request, pk: int, fn, ok: str):
    skp = selectors.skp_get(actor=request.user, skp_id=pk)
    try:
        fn(skp)
    except ApplicationError as exc:
        return skp_detail(request, pk, error=exc)
    messages.success(request, ok)
    return redirect("perencanaan:skp_detail", pk=pk)


@require_POST
def skp_ajukan(request, pk: int):
    return _action(request, pk, lambda s: services.skp_submit(actor=request.user, skp=s),
                   "SKP diajukan. Pejabat penilai Anda mendapat notifikasi.")


@require_POST
def skp_setujui(request, pk: int):
    return _action(request, pk, lambda s: services.skp_approve(actor=request.user, skp=s,
                                                               catatan=request.POST.get("catatan", "")),
                   "SKP disetujui. Pegawai mendapat notifikasi.")


def skp_kembalikan(request, pk: int):
    skp = selectors.skp_get(actor=request.user, skp_id=pk)
    form = KembalikanForm(request.POST or None, rhk=skp.rhk_daftar)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.skp_return(actor=request.user, skp=skp, catatan=form.cleaned_data["catatan"],
                                catatan_rhk=form.catatan_rhk())
        except ApplicationError as exc:
            _apply_errors(form, exc, mapper=lambda k: k if k in form.fields else None)
            status = _status(exc)
        else:
            messages.success(request, "SKP dikembalikan dengan catatan. Pegawai mendapat notifikasi.")
            return redirect("perencanaan:tim")
    elif request.method == "GET" and "penilai" not in selectors.peran_pada_skp(request.user, skp):
        raise Forbidden(services.MSG_BUKAN_PENILAI)
    return render(request, "perencanaan/kembalikan.html", {"skp": skp, "form": form}, status=status)


def skp_revisi(request, pk: int):
    skp = selectors.skp_get(actor=request.user, skp_id=pk)
    form = RevisiForm(request.POST or None, initial={"tanggal": timezone.localdate()})
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if d["jenis"] == "pindah":
                if not d.get("tanggal"):
                    raise ApplicationError(services.MSG_PINDAH_TANGGAL, detail={"tanggal": [services.MSG_PINDAH_TANGGAL]})
                baru = services.skp_pindah_jabatan(actor=request.user, skp=skp, tanggal=d["tanggal"], alasan=d["alasan"])
            else:
                baru = services.skp_revise(actor=request.user, skp=skp, alasan=d["alasan"])
        except ApplicationError as exc:
            _apply_errors(form, exc)
            status = _status(exc)
        else:
            messages.success(request, "SKP dapat diubah sebagai versi baru." if baru.pk == skp.pk else
                             "SKP lama ditutup; SKP baru untuk jabatan sekarang sudah dibuat.")
            return redirect("perencanaan:skp_detail", pk=baru.pk)
    elif request.method == "POST":
        status = 400
    return render(request, "perencanaan/revisi.html", {"skp": skp, "form": form}, status=status)


def skp_ekspektasi(request, pk: int):
    skp = selectors.skp_get(actor=request.user, skp_id=pk)
    data = selectors.ekspektasi_lengkap(skp)
    form = EkspektasiForm(request.POST or None, ekspektasi=data)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.skp_ekspektasi_set(actor=request.user, skp=skp, ekspektasi={
                k: form.cleaned_data.get(k, "") for k in rules.NILAI_KODE})
        except ApplicationError as exc:
            _apply_errors(form, exc)
            status = _status(exc)
        else:
            messages.success(request, "Ekspektasi khusus pimpinan tersimpan.")
            return redirect("perencanaan:skp_detail", pk=pk)
    elif request.method == "GET" and "penilai" not in selectors.peran_pada_skp(request.user, skp):
        raise Forbidden(services.MSG_BUKAN_PENILAI)
    return render(request, "perencanaan/ekspektasi.html", {"skp": skp, "form": form}, status=status)


def skp_pdf(request, pk: int):
    skp = selectors.skp_get(actor=request.user, skp_id=pk)
    judul, subjudul = rules.judul_dokumen_skp(skp.jenis, skp.pendekatan)
    rhk = skp.rhk_daftar
    nama_daerah = skp.instansi.nama_daerah if skp.instansi_id else ""
    data = render_pdf("perencanaan/pdf/skp.html", {
        "skp": skp, "judul": judul, "subjudul": subjudul,
        "baris_periode": rules.baris_periode_penilaian(skp.tanggal_mulai, skp.tanggal_selesai),
        "kelompok": [("A", "UTAMA", [r for r in rhk if r.jenis == "utama"]),
                     ("B", "TAMBAHAN", [r for r in rhk if r.jenis == "tambahan"])],
        "ekspektasi": selectors.ekspektasi_lengkap(skp),
        "tanggal": rules.tanggal_panjang(timezone.localtime(skp.disetujui_pada).date() if skp.disetujui_pada
                                          else timezone.localdate()),
        "nama_daerah": nama_daerah, "tempat": nama_daerah.removeprefix("Kabupaten ").removeprefix("Kota ") or "-",
    }, request=request)
    return pdf_response(data, f"SKP-{skp.periode.tahun}-{skp.pegawai.nip}-v{skp.versi}.pdf")


# --- RHK -------------------------------------------------------------------------------------------------------------------


def _rhk_form(request, skp, *, initial=None, data=None):
    return RhkForm(data, initial=initial, jpt=skp.is_jpt, intervensi=selectors.rhk_pilihan_intervensi(skp),
                   sasaran=selectors.sasaran_pilihan(skp), program=selectors.program_pilihan(skp))


def _rhk_page(request, skp, form, rhk=None, status=200):
    aspek_fields = [(label, [form[n] for n in (f"{a}_teks", f"{a}_target", f"{a}_satuan", f"{a}_perspektif")
                             if n in form.fields]) for a, label in rules.ASPEK]
    return render(request, "perencanaan/rhk_form.html", {
        "skp": skp, "form": form, "rhk": rhk, "aspek_fields": aspek_fields,
        "atasan": skp.pejabat_penilai_snapshot,
        "pilihan_kosong": not skp.is_jpt and len(form.fields["intervensi"].choices) <= 1,
    }, status=status)


def _save_rhk(request, skp, form, rhk=None):
    filled = form.indikator()
    d = form.cleaned_data
    kwargs = {"teks": d["teks"], "jenis": d["jenis"], "indikator": filled, "program_id": d.get("program"),
              "intervensi_id": d.get("intervensi"), "sasaran_organisasi_id": d.get("sasaran_organisasi")}
    try:
        if rhk is None:
            services.rhk_create(actor=request.user, skp=skp, **kwargs)
        else:
            services.rhk_update(actor=request.user, rhk=rhk, **kwargs)
    except ApplicationError as exc:
        _apply_errors(form, exc, mapper=lambda k: form.field_for(k, filled))
        return _status(exc)
    return None


def rhk_baru(request, pk: int):
    skp = selectors.skp_get(actor=request.user, skp_id=pk)
    services.skp_ensure_editable(request.user, skp)
    form = _rhk_form(request, skp, data=request.POST or None, initial={"intervensi": _int(request.GET.get("induk"))})
    if request.method == "POST":
        if form.is_valid():
            status = _save_rhk(request, skp, form)
            if status is None:
                messages.success(request, "RHK ditambahkan.")
                return redirect("perencanaan:skp_detail", pk=skp.pk)
        else:
            status = 400
        return _rhk_page(request, skp, form, status=status)
    return _rhk_page(request, skp, form)


def rhk_ubah(request, pk: int):
    rhk = selectors.rhk_get(actor=request.user, rhk_id=pk)
    skp = selectors.skp_get(actor=request.user, skp_id=rhk.skp_id)
    services.skp_ensure_editable(request.user, skp)
    initial = {"jenis": rhk.jenis, "teks": rhk.teks, "intervensi": rhk.intervensi_id,
               "sasaran_organisasi": rhk.sasaran_organisasi_id, "program": rhk.program_id}
    for i in rhk.indikator.all():
        initial.update({f"{i.aspek}_teks": i.teks, f"{i.aspek}_target": i.target, f"{i.aspek}_satuan": i.satuan,
                        f"{i.aspek}_perspektif": i.perspektif})
    form = _rhk_form(request, skp, data=request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            status = _save_rhk(request, skp, form, rhk)
            if status is None:
                messages.success(request, "RHK diperbarui.")
                return redirect("perencanaan:skp_detail", pk=skp.pk)
        else:
            status = 400
        return _rhk_page(request, skp, form, rhk, status=status)
    return _rhk_page(request, skp, form, rhk)


@require_POST
def rhk_hapus(request, pk: int):
    rhk = selectors.rhk_get(actor=request.user, rhk_id=pk)
    return _action(request, rhk.skp_id, lambda s: services.rhk_delete(actor=request.user, rhk=rhk), "RHK dihapus.")


def rhk_bagikan(request, pk: int):
    rhk = selectors.rhk_get(actor=request.user, rhk_id=pk)
    if "pemilik" not in selectors.peran_pada_skp(request.user, rhk.skp):
        raise Forbidden(services.MSG_BAGIKAN_BUKAN_MILIK)
    staff = selectors.skp_tim(actor=request.user, periode=rhk.skp.periode)
    form = BagikanForm(request.POST or None, staff=staff, initial={"teks": rhk.teks})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            hasil = services.rhk_bagikan(actor=request.user, rhk=rhk, pegawai_ids=form.cleaned_data["pegawai"],
                                         teks=form.cleaned_data["teks"])
        except ApplicationError as exc:
            _apply_errors(form, exc, mapper=lambda k: k if k in form.fields else None)
            status = _status(exc)
        else:
            if hasil.dibuat:
                messages.success(request, f"RHK dibagikan ke {len(hasil.dibuat)} bawahan sebagai draf.")
            for p, alasan in hasil.dilewati:
                messages.warning(request, f"{p.nama_lengkap}: {alasan}")
            return redirect("perencanaan:skp_detail", pk=rhk.skp_id)
    elif request.method == "POST":
        status = 400
    return render(request, "perencanaan/bagikan.html", {"rhk": rhk, "form": form, "staff": staff}, status=status)


# --- Team, cascade, matriks --------------------------------------------------------------------------------------------


def tim(request):
    scope = scope_for(request.user)
    if scope.pegawai is None and not has_role(request.user, Peran.PIMPINAN_DAERAH):
        raise Forbidden("Akun ini tidak terhubung dengan data pegawai.")
    periode = selectors.periode_pilihan(actor=request.user, periode_id=request.GET.get("periode"))
    antrian = list(selectors.skp_antrian(actor=request.user, periode=periode)) if periode else []
    rows = selectors.skp_tim(actor=request.user, periode=periode) if periode else []
    return render(request, "perencanaan/tim.html", {"periode": periode, "antrian": antrian, "rows": rows,
                                                     "periode_list": selectors.periode_list(actor=request.user)})


def kaskade(request):
    periode = selectors.periode_pilihan(actor=request.user, periode_id=request.GET.get("periode"))
    opd_list = selectors.kaskade_opd_pilihan(request.user)
    ctx = {"periode": periode, "opd_list": opd_list, "periode_list": selectors.periode_list(actor=request.user)}
    if periode is None:
        return render(request, "perencanaan/kaskade.html", ctx)
    rhk_id = _int(request.GET.get("rhk"))
    if rhk_id:
        cabang = selectors.kaskade_cabang(actor=request.user, periode=periode, rhk_id=rhk_id)
        if request.htmx:
            return render(request, "perencanaan/_kaskade_anak.html", {"nodes": cabang.anak, "periode": periode})
        ctx["cabang"] = cabang
        return render(request, "perencanaan/kaskade.html", ctx)
    scope = scope_for(request.user)
    opd_id = _int(request.GET.get("opd")) or (scope.pegawai.opd_id if scope.pegawai else None)
    opd = next((u for u in opd_list if u.pk == opd_id), opd_list[0] if opd_list else None)
    if opd is not None:
        ctx.update(selectors.kaskade(actor=request.user, periode=periode, opd=opd))
    if scope.aggregates:
        ctx["ringkasan"] = selectors.ringkasan_opd(actor=request.user, periode=periode)
    return render(request, "perencanaan/kaskade.html", ctx)


def _unit_for(request, units):
    scope = scope_for(request.user)
    unit_id = _int(request.GET.get("unit"))
    if unit_id:
        unit = next((u for u in units if u.pk == unit_id), None)
        if unit is None:
            raise NotFound("Unit tidak ditemukan atau di luar cakupan Anda.")
        return unit
    if scope.pegawai is not None and scope.held:
        head_unit = scope.held[0].unit_kerja_id
        return next((u for u in units if u.pk == head_unit), units[0] if units else None)
    return units[0] if units else None


def matriks(request):
    periode = selectors.periode_pilihan(actor=request.user, periode_id=request.GET.get("periode"))
    units = selectors.matriks_unit_pilihan(actor=request.user)
    unit = _unit_for(request, units)
    ctx = {"periode": periode, "units": units, "unit": unit, "periode_list": selectors.periode_list(actor=request.user)}
    if periode is not None and unit is not None:
        ctx["blok"], ctx["page"] = selectors.matriks(actor=request.user, periode=periode, unit=unit,
                                                     page=request.GET.get("page"))
    return render(request, "perencanaan/matriks.html", ctx)


def ekspor_unit(request):
    periode = selectors.periode_pilihan(actor=request.user, periode_id=request.GET.get("periode"))
    units = selectors.matriks_unit_pilihan(actor=request.user)
    unit = _unit_for(request, units)
    if periode is None or unit is None:
        raise NotFound("Tidak ada data untuk diekspor.")
    rows = selectors.ekspor_unit(actor=request.user, periode=periode, unit=unit)
    data = workbook_bytes([
        ("SKP", ["NIP", "Nama", "Jabatan", "Unit kerja", "Jenis SKP", "Pendekatan", "Status", "Versi",
                 "Pejabat penilai", "NIP pejabat penilai", "Disetujui"], rows["skp"]),
        ("RHK dan indikator", ["NIP", "Nama", "Jenis RHK", "RHK atasan / sasaran yang diintervensi", "RHK", "Aspek",
                               "Indikator kinerja individu", "Target", "Satuan", "Perspektif", "Program"],
         rows["rhk"]),
        ("Matriks Peran Hasil", ["Atasan", "RHK atasan", "Pegawai", "Jabatan", "RHK pegawai"], rows["matriks"]),
    ])
    kode = (unit.singkatan or unit.kode).replace(" ", "_").replace("/", "-")
    return xlsx_response(data, f"SKP-{periode.tahun}-{kode}.xlsx")


# --- Program registry ---------------------------------------------------------------------------------------------------


def program_list(request):
    form = CariProgramForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    tahun = _int(request.GET.get("tahun")) or timezone.localdate().year
    opd_id = _int(request.GET.get("opd"))
    qs = selectors.program_list(actor=request.user, tahun=tahun, jenis=d.get("jenis", ""), opd_id=opd_id,
                                q=d.get("q", ""))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    scope = scope_for(request.user)
    opd_list = UnitKerja.objects.filter(instansi_id=request.user.instansi_id, induk__isnull=True,
                                        aktif=True).order_by("nama")
    return render(request, "perencanaan/program_list.html", {
        "form": form, "page": page, "tahun": tahun, "opd_list": opd_list, "opd_id": opd_id,
        "boleh_tambah": scope.master_write or bool(scope.opd_ids),
    })


def program_detail(request, pk: int):
    program = selectors.program_get(actor=request.user, program_id=pk)
    anak = selectors.program_list(actor=request.user).filter(induk=program)
    scope = scope_for(request.user)
    boleh_ubah = scope.master_write or (program.unit_kerja.opd_id or program.unit_kerja_id) in scope.opd_ids
    return render(request, "perencanaan/program_detail.html", {"program": program, "anak": anak,
                                                               "boleh_ubah": boleh_ubah})


def _program_units(request):
    scope = scope_for(request.user)
    qs = UnitKerja.objects.filter(instansi_id=request.user.instansi_id, aktif=True)
    if not scope.master_write:
        from django.db.models import Q

        qs = qs.filter(Q(pk__in=scope.opd_ids) | Q(opd_id__in=scope.opd_ids))
    return list(qs.order_by("path"))


def _program_form(request, *, program=None):
    units = _program_units(request)
    if not units:
        raise Forbidden(services.MSG_PROGRAM_FORBIDDEN)
    tahun = program.tahun if program else timezone.localdate().year
    induk = ProgramKegiatan.objects.filter(instansi_id=request.user.instansi_id, tahun=tahun).exclude(
        jenis=JenisProgram.PROYEK).order_by("kode")
    if program is not None:
        initial = {f: getattr(program, f) for f in ("jenis", "kode", "nama", "tahun", "deskripsi", "lokasi",
                                                     "latitude", "longitude", "anggaran", "tanggal_mulai",
                                                     "tanggal_selesai", "aktif")}
        initial.update({"unit_kerja": program.unit_kerja_id, "induk": program.induk_id})
    else:
        initial = {"tahun": tahun, "aktif": True, "jenis": request.GET.get("jenis") or JenisProgram.KEGIATAN}
    form = ProgramForm(request.POST or None, units=units, induk=induk, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        unit_id = d.pop("unit_kerja")
        unit = next(u for u in units if u.pk == unit_id)
        d["induk"] = ProgramKegiatan.objects.filter(pk=d["induk"], instansi_id=request.user.instansi_id).first() \
            if d.get("induk") else None
        try:
            if program is None:
                saved = services.program_kegiatan_create(actor=request.user, unit_kerja=unit, **d)
            else:
                saved = services.program_kegiatan_update(actor=request.user, program=program, unit_kerja=unit, **d)
        except ApplicationError as exc:
            _apply_errors(form, exc)
            status = _status(exc)
        else:
            messages.success(request, "Data program tersimpan.")
            return redirect("perencanaan:program_detail", pk=saved.pk)
    elif request.method == "POST":
        status = 400
    return render(request, "perencanaan/program_form.html", {"form": form, "program": program}, status=status)


def program_baru(request):
    return _program_form(request)


def program_ubah(request, pk: int):
    return _program_form(request, program=selectors.program_get(actor=request.user, program_id=pk))


# --- Admin: periods and organisation targets ------------------------------------------------------------------------


def _require_admin(request):
    if not (scope_for(request.user).master_write or request.user.is_superuser):
        raise Forbidden(services.MSG_ADMIN_ONLY)


def periode_list(request):
    _require_admin(request)
    form = PeriodeForm(request.POST or None, initial={"tahun": timezone.localdate().year + 1, "kadensi": "triwulanan"})
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            p = services.periode_kinerja_create(actor=request.user, tahun=d["tahun"], kadensi=d["kadensi"],
                                                nama=d["nama"], batas_skp=d["batas_skp"],
                                                batas_evaluasi_tahunan=d["batas_evaluasi_tahunan"])
        except ApplicationError as exc:
            _apply_errors(form, exc)
            status = _status(exc)
        else:
            messages.success(request, f"Periode {p.tahun} dibuat dengan jadwal evaluasinya.")
            return redirect("perencanaan:periode_detail", pk=p.pk)
    elif request.method == "POST":
        status = 400
    return render(request, "perencanaan/periode_list.html",
                  {"form": form, "items": selectors.periode_list(actor=request.user)}, status=status)


def periode_detail(request, pk: int):
    _require_admin(request)
    periode = selectors.periode_get(actor=request.user, periode_id=pk)
    form = PeriodeUbahForm(request.POST or None, initial={
        "nama": periode.nama, "kadensi": periode.kadensi, "batas_skp": periode.batas_skp,
        "batas_evaluasi_tahunan": periode.batas_evaluasi_tahunan})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.periode_kinerja_update(actor=request.user, periode=periode, **form.cleaned_data)
        except ApplicationError as exc:
            _apply_errors(form, exc)
            status = _status(exc)
        else:
            messages.success(request, "Periode diperbarui.")
            return redirect("perencanaan:periode_detail", pk=pk)
    elif request.method == "POST":
        status = 400
    return render(request, "perencanaan/periode_detail.html", {
        "periode": periode, "form": form, "berikut": rules.status_periode_berikut(periode.status),
        "jadwal": periode.jadwal.all(),
    }, status=status)


@require_POST
def periode_status(request, pk: int):
    _require_admin(request)
    periode = selectors.periode_get(actor=request.user, periode_id=pk)
    services.periode_kinerja_set_status(actor=request.user, periode=periode, status=request.POST.get("status", ""))
    messages.success(request, "Status periode diperbarui.")
    return redirect("perencanaan:periode_detail", pk=pk)


def sasaran_list(request):
    periode = selectors.periode_pilihan(actor=request.user, periode_id=request.GET.get("periode"))
    items = list(selectors.sasaran_list(actor=request.user, periode=periode)) if periode else []
    return render(request, "perencanaan/sasaran_list.html", {
        "periode": periode, "items": items, "periode_list": selectors.periode_list(actor=request.user),
        "daerah": [s for s in items if s.unit_kerja_id is None], "opd": [s for s in items if s.unit_kerja_id],
        "boleh_ubah": scope_for(request.user).master_write,
    })


def _sasaran_form(request, *, sasaran: SasaranOrganisasi | None = None):
    _require_admin(request)
    periode = sasaran.periode if sasaran else selectors.periode_pilihan(
        actor=request.user, periode_id=request.GET.get("periode") or request.POST.get("periode"))
    if periode is None:
        raise NotFound("Buat periode kinerja lebih dulu.")
    opd = UnitKerja.objects.filter(instansi_id=request.user.instansi_id, induk__isnull=True, aktif=True).order_by("nama")
    induk = selectors.sasaran_list(actor=request.user, periode=periode)
    if sasaran is not None:
        induk = induk.exclude(pk=sasaran.pk)
        initial = {"unit_kerja": sasaran.unit_kerja_id, "induk": sasaran.induk_id, "sumber": sasaran.sumber,
                   "kode": sasaran.kode, "teks": sasaran.teks, "indikator": sasaran.indikator, "target": sasaran.target}
    else:
        initial = {"unit_kerja": _int(request.GET.get("opd"))}
    form = SasaranForm(request.POST or None, opd=opd, induk=induk, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        d["unit_kerja"] = next((u for u in opd if u.pk == d["unit_kerja"]), None)
        d["induk"] = next((s for s in induk if s.pk == d["induk"]), None)
        try:
            if sasaran is None:
                services.sasaran_organisasi_create(actor=request.user, periode=periode, **d)
            else:
                if not d["sumber"]:
                    d.pop("sumber")
                services.sasaran_organisasi_update(actor=request.user, sasaran=sasaran, **d)
        except ApplicationError as exc:
            _apply_errors(form, exc)
            status = _status(exc)
        else:
            messages.success(request, "Sasaran organisasi tersimpan.")
            return redirect(f"{redirect('perencanaan:sasaran_list').url}?periode={periode.pk}")
    elif request.method == "POST":
        status = 400
    return render(request, "perencanaan/sasaran_form.html", {"form": form, "periode": periode, "sasaran": sasaran},
                  status=status)


def sasaran_baru(request):
    return _sasaran_form(request)


def sasaran_ubah(request, pk: int):
    return _sasaran_form(request, sasaran=selectors.sasaran_get(actor=request.user, sasaran_id=pk))
