"""Pages of pengawasan: dashboards per role with drill-down, warnings, the pegawai profile, the Inspektorat
workspace, the best-practice library and the policy. Thin: parse, call one selector/service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.excel import workbook_bytes, xlsx_response
from kinerja.core.exceptions import ApplicationError, Forbidden, NotFound
from kinerja.core.views import form_status
from kinerja.pengawasan import rules, selectors, services
from kinerja.pengawasan.access import scope_pengawasan
from kinerja.pengawasan.forms import (
    AkuiForm,
    AnomaliFilterForm,
    CatatanForm,
    DasborFilterForm,
    KebijakanForm,
    PeringatanFilterForm,
    PraktikFilterForm,
    PraktikForm,
    SelesaiForm,
)
from kinerja.pengawasan.models import Peringatan


def beranda(request):
    """Send each role to its dashboard: the regency, the OPD or unit they lead, their team, or themself."""
    sp = scope_pengawasan(request.user)
    if sp.semua_unit:
        return redirect("pengawasan:dasbor")
    if sp.akar:
        return redirect("pengawasan:dasbor_unit", pk=sp.akar[0][0])
    if sp.atasan:
        return redirect("pengawasan:tim")
    if sp.base.pegawai is not None:
        return redirect("pengawasan:pegawai", pk=sp.base.pegawai.pk)
    raise NotFound("Belum ada dasbor untuk akun ini.")


# --- dashboards -----------------------------------------------------------------------------------------------
def _filter(request) -> tuple[DasborFilterForm, dict]:
    form = DasborFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, {}
    data = form.cleaned_data if form.is_bound else {}
    return form, {"bulan": data.get("bulan"), "urut": data.get("urut") or "nama",
                  "turun": data.get("arah") == "turun", "q": data.get("q") or ""}


def _grafik(d: selectors.Dasbor) -> dict:
    return {
        "baris": {"labels": [b.nama for b in d.baris],
                  "kepatuhan": [b.kepatuhan for b in d.baris],
                  "jadwal": [b.jadwal_rata for b in d.baris],
                  "ambang": d.ringkasan.ambang.ambang_kepatuhan_persen},
        "tren": {"labels": [f"{m:%m-%Y}" for m, _ in d.tren],
                 "kepatuhan": [b.kepatuhan for _, b in d.tren],
                 "tinjauan": [b.tinjauan_rata_jam for _, b in d.tren],
                 "ikm": [b.ikm for _, b in d.tren]},
        "predikat": [{"jadwal": p["jadwal"].nama, "labels": [x["label"] for x in p["baris"]],
                      "data": [x["jumlah"] for x in p["baris"]]} for p in d.predikat],
    }


def _ekspor(d: selectors.Dasbor):
    head = ["Unit", "Pegawai", "Wajib lapor", "Kepatuhan laporan (%)", "Menunggu tinjauan", "Rata-rata jam sampai "
            "ditinjau", "Capaian indikator (%)", "Capaian thd jadwal (%)", "IKM", "Mutu IKM", "Pengaduan masuk",
            "Pengaduan terlambat", "Pengaduan terbuka", "Peringatan terbuka", "Tertinggal"]

    def row(b):
        return [b.nama, b.jumlah_pegawai, b.wajib_lapor, b.kepatuhan, b.menunggu, b.tinjauan_rata_jam, b.capaian_rata,
                b.jadwal_rata, b.ikm, b.ikm_mutu, b.pengaduan_masuk, b.pengaduan_terlambat, b.pengaduan_terbuka,
                b.peringatan, "ya" if b.tertinggal else "tidak"]

    sheets = [("Unit", head, [row(d.ringkasan)] + [row(b) for b in d.baris]),
              ("Tren", ["Bulan"] + head[1:], [[f"{m:%Y-%m}"] + row(b)[1:] for m, b in d.tren]),
              ("Program", ["Program", "Indikator", "Pegawai", "Capaian (%)", "Capaian thd jadwal (%)"],
               [[p["program__nama"], p["n"], p["pegawai"], round(p["capaian"] or 0, 1), round(p["jadwal"] or 0, 1)]
                for p in d.program]),
              ("Predikat", ["Jadwal", "Predikat", "Jumlah", "Persen"],
               [[p["jadwal"].nama, x["label"], x["jumlah"], x["persen"]] for p in d.predikat for x in p["baris"]])]
    if d.pegawai is not None:
        sheets.append(("Pegawai", ["Nama", "NIP", "Jabatan", "Hari melapor", "Kepatuhan (%)", "Menunggu"],
                       [[r.pegawai.nama_lengkap, r.pegawai.nip, r.pegawai.jabatan.nama if r.pegawai.jabatan_id else "",
                         r.stat.hari_lapor if r.stat else 0, r.kepatuhan, r.stat.menunggu if r.stat else 0]
                        for r in d.pegawai]))
    nama = f"dasbor-{(d.unit.kode if d.unit else 'kabupaten').lower()}-{d.bulan:%Y-%m}.xlsx"
    return xlsx_response(workbook_bytes(sheets), nama)


def _dasbor(request, unit_id: int | None):
    form, f = _filter(request)
    if form.errors:
        return render(request, "pengawasan/dasbor.html", {"form": form, "d": None}, status=400)
    d = selectors.dasbor(actor=request.user, unit_id=unit_id, bulan=f["bulan"], urut=f["urut"], turun=f["turun"],
                         q=f["q"], halaman=request.GET.get("page"))
    if request.GET.get("ekspor") == "xlsx":
        return _ekspor(d)
    ctx = {"form": form, "d": d, "grafik": _grafik(d), "f": f, "sp": scope_pengawasan(request.user),
           "status_pengisian": selectors.status_pengisian(request.user.instansi_id),
           "query": request.GET.urlencode()}
    template = "pengawasan/_dasbor_isi.html" if request.htmx else "pengawasan/dasbor.html"
    return render(request, template, ctx)


def dasbor(request):
    return _dasbor(request, None)


def dasbor_unit(request, pk: int):
    return _dasbor(request, pk)


def tim(request):
    form, f = _filter(request)
    if form.errors:
        return render(request, "pengawasan/tim.html", {"form": form, "t": None}, status=400)
    t = selectors.tim(actor=request.user, bulan=f["bulan"], halaman=request.GET.get("page"))
    if request.GET.get("ekspor") == "xlsx":
        rows = [[r.pegawai.nama_lengkap, r.pegawai.nip, r.pegawai.unit_kerja.nama if r.pegawai.unit_kerja_id else "",
                 r.stat.hari_lapor if r.stat else 0, r.kepatuhan, r.stat.menunggu if r.stat else 0,
                 r.tinjauan_rata_jam] for r in t.pegawai]
        return xlsx_response(workbook_bytes([("Tim", ["Nama", "NIP", "Unit", "Hari melapor", "Kepatuhan (%)",
                                                      "Menunggu tinjauan", "Jam sampai ditinjau"], rows)]),
                             f"tim-{t.bulan:%Y-%m}.xlsx")
    return render(request, "pengawasan/tim.html", {"form": form, "t": t, "query": request.GET.urlencode()})


def pegawai(request, pk: int):
    h = selectors.halaman_pegawai(actor=request.user, pegawai_id=pk)
    return render(request, "pengawasan/pegawai.html", {"h": h, "sp": scope_pengawasan(request.user)})


# --- warnings -----------------------------------------------------------------------------------------------
def peringatan_list(request):
    form = PeringatanFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {"status": "terbuka", "jenis": ""}
    status = data.get("status") if form.is_bound else "terbuka"
    qs = selectors.peringatan_list(actor=request.user, status=status, jenis=data.get("jenis", ""),
                                   milik=request.GET.get("milik") == "1")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "pengawasan/peringatan_list.html", {"form": form, "page": page},
                  status=form_status(form))


def _detail_ctx(request, p: Peringatan, akui=None, selesai=None) -> dict:
    return {"p": p, "boleh": services.boleh_tindak(request.user, p), "riwayat": selectors.riwayat(p),
            "akui_form": akui or AkuiForm(), "selesai_form": selesai or SelesaiForm()}


def peringatan_detail(request, pk: int):
    p = selectors.peringatan_get(actor=request.user, peringatan_id=pk)
    return render(request, "pengawasan/peringatan_detail.html", _detail_ctx(request, p))


@require_POST
def peringatan_akui(request, pk: int):
    p = selectors.peringatan_get(actor=request.user, peringatan_id=pk)
    form = AkuiForm(request.POST)
    if form.is_valid():
        try:
            services.peringatan_acknowledge(actor=request.user, peringatan=p, catatan=form.cleaned_data["catatan"])
        except ApplicationError as exc:
            if exc.status in (403, 404):
                raise
            form.add_error("catatan" if "catatan" in exc.detail else None, exc.message)
            return render(request, "pengawasan/peringatan_detail.html", _detail_ctx(request, p, akui=form),
                          status=exc.status if exc.status != 422 else 400)
        messages.success(request, "Peringatan diakui. Terima kasih; selesaikan setelah ditindaklanjuti.")
        return redirect("pengawasan:peringatan_detail", pk=pk)
    return render(request, "pengawasan/peringatan_detail.html", _detail_ctx(request, p, akui=form), status=400)


@require_POST
def peringatan_selesai(request, pk: int):
    p = selectors.peringatan_get(actor=request.user, peringatan_id=pk)
    form = SelesaiForm(request.POST)
    if form.is_valid():
        try:
            services.peringatan_resolve(actor=request.user, peringatan=p, catatan=form.cleaned_data["catatan"])
        except ApplicationError as exc:
            if exc.status in (403, 404):
                raise
            form.add_error("catatan" if "catatan" in exc.detail else None, exc.message)
            return render(request, "pengawasan/peringatan_detail.html", _detail_ctx(request, p, selesai=form),
                          status=exc.status if exc.status != 422 else 400)
        messages.success(request, "Peringatan diselesaikan.")
        return redirect("pengawasan:peringatan_detail", pk=pk)
    return render(request, "pengawasan/peringatan_detail.html", _detail_ctx(request, p, selesai=form), status=400)


# --- Inspektorat ----------------------------------------------------------------------------------------------
def inspektorat(request):
    form = AnomaliFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.anomali_list(actor=request.user, jenis=data.get("jenis", ""), q=data.get("q", ""))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    minggu, sampel = selectors.sampel_list(actor=request.user)
    return render(request, "pengawasan/inspektorat.html", {
        "form": form, "page": page, "ringkasan": selectors.ringkasan_anomali(actor=request.user),
        "minggu": minggu, "sampel": sampel[:10], "sampel_jumlah": len(sampel),
        "pengaduan": selectors.pengaduan_per_opd(actor=request.user),
    }, status=form_status(form))


def _catatan_post(request, objek_default: str):
    form = CatatanForm(request.POST, initial={"objek": objek_default})
    if form.is_valid():
        try:
            services.catatan_inspektorat_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            if exc.status == 404:
                raise
            form.add_error(None, exc.message)
            return form
        messages.success(request, "Catatan audit tersimpan.")
        return None
    return form


def anomali_detail(request, pk: int):
    a = selectors.anomali_get(actor=request.user, anomali_id=pk)
    form = CatatanForm(initial={"objek": a.objek_catatan, "judul": f"Verifikasi: {a.judul}"[:200]})
    if request.method == "POST":
        bad = _catatan_post(request, a.objek_catatan)
        if bad is None:
            return redirect("pengawasan:anomali_detail", pk=pk)
        form = bad
    laporan = selectors.laporan_bukti(a)
    return render(request, "pengawasan/anomali_detail.html", {
        "a": a, "form": form, "laporan": laporan,
        "catatan": selectors.catatan_untuk(request.user.instansi_id, [a.objek_catatan]).get(a.objek_catatan, []),
    }, status=400 if request.method == "POST" else 200)


def sampel(request):
    minggu, items = selectors.sampel_list(actor=request.user)
    form = None
    if request.method == "POST":
        form = _catatan_post(request, request.POST.get("objek", ""))
        if form is None:
            return redirect("pengawasan:sampel")
    if request.GET.get("ekspor") == "xlsx":
        rows = [[s.urutan, s.laporan.tanggal, s.laporan.pegawai.nama_lengkap, s.laporan.pegawai.nip,
                 s.get_alasan_display(), s.laporan.uraian[:300], len(s.catatan)] for s in items]
        return xlsx_response(workbook_bytes([("Sampel", ["No", "Tanggal", "Pegawai", "NIP", "Alasan", "Uraian",
                                                         "Catatan"], rows)]), f"sampel-{minggu}.xlsx")
    return render(request, "pengawasan/sampel.html", {"minggu": minggu, "items": items, "form": form},
                  status=400 if form is not None else 200)


# --- best practices -------------------------------------------------------------------------------------------
def praktik_list(request):
    programs = selectors.program_praktik(actor=request.user)
    form = PraktikFilterForm(request.GET or None, programs=programs)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.praktik_list(actor=request.user, q=data.get("q", ""), program_id=data.get("program"))
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "pengawasan/praktik_list.html", {"form": form, "page": page}, status=form_status(form))


def praktik_detail(request, pk: int):
    p = selectors.praktik_get(actor=request.user, praktik_id=pk)
    return render(request, "pengawasan/praktik_detail.html", {"p": p, "bukti": p.bukti.order_by("tanggal")})


def teladan_list(request):
    q = (request.GET.get("q") or "")[:100]
    items = selectors.teladan_list(actor=request.user, jenis=request.GET.get("jenis", "")[:10], q=q)
    boleh = {t.pk for t in items if t.pegawai_id == scope_pengawasan(request.user).base.pegawai_id}
    return render(request, "pengawasan/teladan_list.html", {"items": items, "metode": rules.metode_teladan(),
                                                            "q": q, "boleh": boleh})


def praktik_tulis(request, teladan_id: int):
    t = selectors.teladan_get(actor=request.user, teladan_id=teladan_id)
    if not services.boleh_tulis_praktik(request.user, t):
        raise Forbidden(rules.MSG_BUKAN_TELADAN)
    laporan = selectors.bukti_pilihan(t)
    form = PraktikForm(request.POST or None, laporan=laporan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            obj = services.praktik_baik_create(actor=request.user, teladan=t, judul=data["judul"],
                                               yang_dilakukan=data["yang_dilakukan"], hasil=data["hasil"],
                                               bukti_ids=data["bukti"])
        except ApplicationError as exc:
            for field, msgs in (exc.detail or {}).items():
                for m in msgs:
                    form.add_error(field if field in form.fields else None, m)
            if not exc.detail:
                form.add_error(None, exc.message)
        else:
            messages.success(request, "Catatan praktik baik terbit di pustaka.")
            return redirect("pengawasan:praktik_detail", pk=obj.pk)
    return render(request, "pengawasan/praktik_form.html", {"t": t, "form": form}, status=form_status(form))


@require_POST
def praktik_tarik(request, pk: int):
    p = selectors.praktik_get(actor=request.user, praktik_id=pk)
    services.praktik_baik_withdraw(actor=request.user, praktik=p)
    messages.success(request, "Catatan ditarik dari pustaka.")
    return redirect("pengawasan:praktik_list")


# --- policy ---------------------------------------------------------------------------------------------------------
def kebijakan(request):
    selectors.kebijakan_boleh(request.user)
    obj = services.ambang_for(request.user.instansi_id)
    form = KebijakanForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.kebijakan_pengawasan_update(actor=request.user, **{k: form.cleaned_data[k] for k in form.fields})
        except ApplicationError as exc:
            for field, msgs in (exc.detail or {}).items():
                for m in msgs:
                    form.add_error(field if field in form.fields else None, m)
        else:
            messages.success(request, "Kebijakan pengawasan tersimpan; berlaku pada pemeriksaan berikutnya.")
            return redirect("pengawasan:kebijakan")
    return render(request, "pengawasan/kebijakan.html", {"form": form}, status=form_status(form))
