"""Evaluation pages: my evaluations and invitations, the team list, one evaluation (read), rating it,
the self-assessment, manual realisasi, the annual predikat, finalisation, keberatan and the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.core.exceptions import ApplicationError, Forbidden
from kinerja.core.pdf import pdf_response, render_pdf
from kinerja.organisasi import selectors as org_selectors
from kinerja.organisasi.access import scope_for
from kinerja.penilaian import access, rules, selectors, services
from kinerja.penilaian.forms import (
    RATING_RADIO,
    FinalisasiForm,
    KeberatanForm,
    PutuskanForm,
    TahunanForm,
)
from kinerja.penilaian.models import StatusEvaluasi
from kinerja.penilaian.views._common import apply_errors, error_list, int_or_none, status_for
from kinerja.perencanaan.rules import NILAI_KODE
from kinerja.perencanaan.selectors import periode_pilihan


def _periode_jadwal(request):
    periode = periode_pilihan(actor=request.user, periode_id=request.GET.get("periode"))
    if periode is None:
        return None, [], None
    jadwal = selectors.jadwal_list(actor=request.user, periode=periode)
    wanted = int_or_none(request.GET.get("jadwal"))
    current = next((j for j in jadwal if j.pk == wanted), None) or selectors.jadwal_berjalan(periode) or (
        jadwal[0] if jadwal else None)
    return periode, jadwal, current


def index(request):
    """Penilaian saya: my evaluations, peer-feedback invitations and action items; for an atasan, the team."""
    periode, jadwal, current = _periode_jadwal(request)
    scope = scope_for(request.user)
    return render(request, "penilaian/index.html", {
        "periode": periode, "jadwal_list": jadwal, "jadwal": current,
        "milik": selectors.evaluasi_milik(actor=request.user),
        "undangan": list(selectors.undangan_milik(actor=request.user)[:50]),
        "tindak_lanjut": list(selectors.tindak_lanjut_milik(actor=request.user)[:20]),
        "is_pegawai": scope.pegawai is not None,
        "tim": selectors.tim_evaluasi(actor=request.user, jadwal=current) if current and scope.held else [],
    })


def tim(request):
    periode, jadwal, current = _periode_jadwal(request)
    if current is None:
        return render(request, "penilaian/tim.html", {"periode": None, "rows": []})
    return render(request, "penilaian/tim.html", {
        "periode": periode, "jadwal_list": jadwal, "jadwal": current,
        "rows": selectors.tim_evaluasi(actor=request.user, jadwal=current)})


@require_POST
def buka(request, pegawai_id: int, jadwal_id: int):
    pegawai = org_selectors.pegawai_get(actor=request.user, pegawai_id=pegawai_id)
    jadwal = selectors.jadwal_get(actor=request.user, jadwal_id=jadwal_id)
    ev = services.evaluasi_buka(actor=request.user, pegawai=pegawai, jadwal=jadwal)
    return redirect("penilaian:evaluasi_detail", pk=ev.pk)


def _detail_context(request, ev) -> dict:
    peran = access.require_lihat(request.user, ev)
    kebijakan = selectors.kebijakan_for(ev.instansi_id)
    ctx = {
        "ev": ev, "peran": peran, "langkah": selectors.langkah(ev, request.user),
        "hk": selectors.hasil_kerja(actor=request.user, evaluasi=ev, kebijakan=kebijakan),
        "perilaku": selectors.perilaku(ev), "diri": selectors.penilaian_diri_get(ev),
        "rekan": selectors.ringkasan_rekan(actor=request.user, evaluasi=ev, minimum=kebijakan.min_respon_360),
        "warga": selectors.bukti_warga(ev), "kebijakan": kebijakan,
        "keberatan": getattr(ev, "keberatan", None) if ev.status in (StatusEvaluasi.KEBERATAN,
                                                                     StatusEvaluasi.DIPUTUSKAN) else None,
        "rating_label": rules.RATING_LABEL, "predikat_label": rules.PREDIKAT_LABEL,
        "today": timezone.localdate(),
    }
    if ev.is_tahunan:
        periodik = selectors.periodik_tahun_ini(ev)
        ctx["periodik"] = periodik
        ctx["turunan"] = selectors.predikat_tahunan_turunan(ev, kebijakan, periodik)
    if "penilai" in peran and ev.status == StatusEvaluasi.DINILAI:
        ctx["kelompok"] = selectors.kelompok_untuk(ev, kebijakan)
    return ctx


def evaluasi_detail(request, pk: int):
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=pk)
    return render(request, "penilaian/evaluasi_detail.html", _detail_context(request, ev))


def _parse_rating_post(post) -> dict:
    rhk, perilaku = {}, {}
    for key in post:
        if key.startswith("rhk_") and key.endswith("_rating"):
            rid = key[4:-7]
            rhk[rid] = {"rating": post.get(key), "umpan_balik": post.get(f"rhk_{rid}_umpan_balik", "")}
    for kode in NILAI_KODE:
        perilaku[kode] = {"rating": post.get(f"perilaku_{kode}_rating"),
                          "umpan_balik": post.get(f"perilaku_{kode}_umpan_balik", "")}
    return {"rhk": rhk, "perilaku": perilaku, "rating_hasil_kerja": post.get("rating_hasil_kerja"),
            "rating_perilaku_kerja": post.get("rating_perilaku_kerja"),
            "umpan_balik_hasil_kerja": post.get("umpan_balik_hasil_kerja", ""),
            "umpan_balik_perilaku_kerja": post.get("umpan_balik_perilaku_kerja", ""),
            "catatan_rekomendasi": post.get("catatan_rekomendasi", "")}


def evaluasi_nilai(request, pk: int):
    """The rating form of the pejabat penilai (periodic evaluations)."""
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=pk)
    access.require_penilai(request.user, ev)
    if ev.is_tahunan:
        return redirect("penilaian:evaluasi_tahunan", pk=ev.pk)
    errors, status, values = [], 200, {}
    if request.method == "POST":
        values = _parse_rating_post(request.POST)
        try:
            services.evaluasi_nilai(actor=request.user, evaluasi=ev, **values)
        except ApplicationError as exc:
            ctx = _detail_context(request, ev)
            labels = {f"rhk_{r.rhk.pk}": f"RHK {i}" for i, r in enumerate(ctx["hk"].rhk, start=1)}
            labels.update({f"rhk_{r.rhk.pk}_umpan_balik": f"Umpan balik RHK {i}"
                           for i, r in enumerate(ctx["hk"].rhk, start=1)})
            labels.update({f"perilaku_{b.kode}": b.nama for b in ctx["perilaku"]})
            labels.update({f"perilaku_{b.kode}_umpan_balik": f"Umpan balik {b.nama}" for b in ctx["perilaku"]})
            labels.update({"rating_hasil_kerja": "Rating hasil kerja", "rating_perilaku_kerja": "Rating perilaku kerja"})
            errors, status = error_list(exc, labels), status_for(exc)
        else:
            messages.success(request, "Penilaian tersimpan.")
            return redirect("penilaian:evaluasi_detail", pk=ev.pk)
    ctx = _detail_context(request, ev)
    ef = {e["field"]: e["message"] for e in errors}
    values = values or _current_values(ev, ctx)
    ctx["rhk_form"] = []
    for i, row in enumerate(ctx["hk"].rhk, start=1):
        key = f"rhk_{row.rhk.pk}"
        v = values["rhk"].get(str(row.rhk.pk)) or {}
        ctx["rhk_form"].append({"row": row, "nomor": i, "field": {
            "legend": f"Rating RHK {i}", "name": f"{key}_rating", "field_id": key, "current": v.get("rating"),
            "saran": row.saran, "error": ef.get(key), "ub_name": f"{key}_umpan_balik", "ub_label": f"RHK {i}",
            "ub_field_id": f"{key}_umpan_balik", "ub_value": v.get("umpan_balik", ""),
            "ub_error": ef.get(f"{key}_umpan_balik")}})
    ctx["perilaku_form"] = []
    for b in ctx["perilaku"]:
        key = f"perilaku_{b.kode}"
        v = values["perilaku"].get(b.kode) or {}
        ctx["perilaku_form"].append({"b": b, "field": {
            "legend": b.nama, "name": f"{key}_rating", "field_id": key, "current": v.get("rating"), "saran": None,
            "error": ef.get(key), "ub_name": f"{key}_umpan_balik", "ub_field_id": f"{key}_umpan_balik",
            "ub_label": b.nama,
            "ub_value": v.get("umpan_balik", ""), "ub_error": ef.get(f"{key}_umpan_balik")}})
    ctx["hk_field"] = {"legend": "Rating hasil kerja", "name": "rating_hasil_kerja", "field_id": "rating_hasil_kerja",
                       "current": values["rating_hasil_kerja"], "saran": ctx["hk"].saran,
                       "error": ef.get("rating_hasil_kerja")}
    ctx["pk_field"] = {"legend": "Rating perilaku kerja", "name": "rating_perilaku_kerja",
                       "field_id": "rating_perilaku_kerja", "current": values["rating_perilaku_kerja"],
                       "saran": None, "error": ef.get("rating_perilaku_kerja")}
    ctx.update({"errors": errors, "values": values, "rating_radio": RATING_RADIO})
    return render(request, "penilaian/evaluasi_nilai.html", ctx, status=status)


def _current_values(ev, ctx) -> dict:
    """The form's initial values: what was rated before, else the suggestion."""
    rhk = {}
    for row in ctx["hk"].rhk:
        p = row.penilaian
        rhk[str(row.rhk.pk)] = {"rating": p.rating if p else (row.saran.value if row.saran else ""),
                                "umpan_balik": p.umpan_balik if p else ""}
    perilaku = {b.kode: {"rating": b.penilaian.rating if b.penilaian else "",
                         "umpan_balik": b.penilaian.umpan_balik if b.penilaian else ""} for b in ctx["perilaku"]}
    saran = ctx["hk"].saran
    return {"rhk": rhk, "perilaku": perilaku,
            "rating_hasil_kerja": ev.rating_hasil_kerja or (saran.value if saran else ""),
            "rating_perilaku_kerja": ev.rating_perilaku_kerja,
            "umpan_balik_hasil_kerja": ev.umpan_balik_hasil_kerja,
            "umpan_balik_perilaku_kerja": ev.umpan_balik_perilaku_kerja,
            "catatan_rekomendasi": ev.catatan_rekomendasi}


def _form_page(request, ev, form, *, simpan, pesan: str, template: str, tambahan=None):
    """One evaluation form page: on a valid POST call the service (`simpan(cleaned_data)`); its refusal shows on
    the form with its status (the evaluation re-read, so nothing the refused call touched is shown), an invalid
    form answers 400, success redirects to the evaluation. `tambahan(ctx)` adds what a page needs besides."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            simpan(form.cleaned_data)
        except ApplicationError as exc:
            apply_errors(form, exc)
            status = status_for(exc)
            ev.refresh_from_db()
        else:
            messages.success(request, pesan)
            return redirect("penilaian:evaluasi_detail", pk=ev.pk)
    elif request.method == "POST":
        status = 400
    ctx = _detail_context(request, ev)
    ctx["form"] = form
    if tambahan is not None:
        tambahan(ctx)
    return render(request, template, ctx, status=status)


def evaluasi_tahunan(request, pk: int):
    """The annual predikat: the policy's derivation, or another with a written reason."""
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=pk)
    access.require_penilai(request.user, ev)
    form = TahunanForm(request.POST or None, initial={
        "predikat": ev.predikat if ev.alasan_override else "", "alasan_override": ev.alasan_override,
        "catatan_rekomendasi": ev.catatan_rekomendasi})
    return _form_page(request, ev, form, pesan="Predikat tahunan tersimpan.", template="penilaian/evaluasi_tahunan.html",
                      simpan=lambda data: services.evaluasi_tetapkan_tahunan(actor=request.user, evaluasi=ev, **data))


def penilaian_diri(request, pk: int):
    """The pegawai's self-assessment: reflection per RHK, evidence picked from approved reports, overall."""
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=pk)
    access.require_pegawai(request.user, ev)
    errors, status = [], 200
    if request.method == "POST":
        rhk = {}
        for key in request.POST:
            if key.startswith("rhk_") and key.endswith("_refleksi"):
                rid = key[4:-9]
                rhk[rid] = {"refleksi": request.POST.get(key), "bukti": request.POST.getlist(f"rhk_{rid}_bukti")}
        try:
            services.penilaian_diri_simpan(actor=request.user, evaluasi=ev, refleksi=request.POST.get("refleksi", ""),
                                           kendala=request.POST.get("kendala", ""), rhk=rhk,
                                           ajukan=request.POST.get("aksi") != "simpan")
        except ApplicationError as exc:
            errors, status = error_list(exc, {"refleksi": "Refleksi umum", "kendala": "Kendala"}), status_for(exc)
        else:
            messages.success(request, "Penilaian diri tersimpan." if request.POST.get("aksi") == "simpan"
                             else "Penilaian diri diajukan ke pejabat penilai.")
            return redirect("penilaian:evaluasi_detail", pk=ev.pk)
    ctx = _detail_context(request, ev)
    ef = {e["field"]: e["message"] for e in errors}
    posted = request.method == "POST"
    ctx["rows"] = []
    for i, row in enumerate(ctx["hk"].rhk, start=1):
        key = f"rhk_{row.rhk.pk}"
        ctx["rows"].append({
            "row": row, "nomor": i, "key": key,
            "refleksi": request.POST.get(f"{key}_refleksi", "") if posted else (row.diri.refleksi if row.diri else ""),
            "checked": ({int_or_none(x) for x in request.POST.getlist(f"{key}_bukti")} if posted
                        else {b.pk for b in row.bukti_dipilih}),
            "error": ef.get(f"{key}_bukti")})
    ctx.update({"errors": errors, "error_fields": ef,
                "refleksi": request.POST.get("refleksi", "") if posted else (ctx["diri"].refleksi if ctx["diri"] else ""),
                "kendala": request.POST.get("kendala", "") if posted else (ctx["diri"].kendala if ctx["diri"] else "")})
    return render(request, "penilaian/penilaian_diri.html", ctx, status=status)


def realisasi(request, pk: int):
    """Manual realisasi per indicator (added to what approved daily reports give)."""
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=pk)
    peran = access.require_lihat(request.user, ev)
    if not {"pegawai", "penilai"} & peran:
        raise Forbidden(services.MSG_REALISASI_OLEH)
    errors, status = [], 200
    if request.method == "POST":
        try:
            for key in request.POST:
                if key.startswith("realisasi_"):
                    iid = int_or_none(key[len("realisasi_"):])
                    if iid is None:
                        continue
                    services.realisasi_manual_simpan(actor=request.user, evaluasi=ev, indikator_id=iid,
                                                     nilai=request.POST.get(key),
                                                     keterangan=request.POST.get(f"keterangan_{iid}", ""))
        except ApplicationError as exc:
            errors, status = error_list(exc, {}), status_for(exc)
        else:
            messages.success(request, "Realisasi tersimpan.")
            return redirect("penilaian:evaluasi_detail", pk=ev.pk)
    ctx = _detail_context(request, ev)
    ctx.update({"errors": errors, "error_fields": {e["field"]: e["message"] for e in errors}, "post": request.POST})
    return render(request, "penilaian/realisasi.html", ctx, status=status)


def finalisasi(request, pk: int):
    """Finalise: shows the curve check of the group first; a violation needs a written justification."""
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=pk)
    access.require_penilai(request.user, ev)

    def kelompok(ctx):
        ctx.setdefault("kelompok", selectors.kelompok_untuk(ev) if ev.status == StatusEvaluasi.DINILAI else None)

    return _form_page(request, ev, FinalisasiForm(request.POST or None), pesan="Evaluasi difinalisasi dan terkunci.",
                      template="penilaian/finalisasi.html", tambahan=kelompok,
                      simpan=lambda data: services.evaluasi_finalisasi(actor=request.user, evaluasi=ev, **data))


def keberatan(request, pk: int):
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=pk)
    access.require_pegawai(request.user, ev)
    return _form_page(request, ev, KeberatanForm(request.POST or None),
                      pesan="Keberatan diajukan ke atasan pejabat penilai.", template="penilaian/keberatan.html",
                      simpan=lambda data: services.keberatan_ajukan(actor=request.user, evaluasi=ev,
                                                                    alasan=data["alasan"]))


def keberatan_putuskan(request, pk: int):
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=pk)
    access.require_atasan_penilai(request.user, ev)
    return _form_page(request, ev, PutuskanForm(request.POST or None, tahunan=ev.is_tahunan),
                      pesan="Keberatan sudah diputuskan.", template="penilaian/keberatan_putuskan.html",
                      simpan=lambda data: services.keberatan_putuskan(actor=request.user, evaluasi=ev, **data))


def dokumen(request, pk: int):
    """Dokumen Evaluasi Kinerja Pegawai (REFERENCE.md §1.11), periodic or annual, as PDF."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=pk)
    if not ev.predikat:
        raise ApplicationError("Dokumen evaluasi tersedia setelah pegawai dinilai.")
    ctx = _detail_context(request, ev)
    org = ev.predikat_organisasi
    if not org:
        k = selectors.kelompok_untuk(ev)
        org = k.predikat_organisasi.predikat if k.predikat_organisasi else ""
    ctx["predikat_org_label"] = rules.PREDIKAT_ORGANISASI_LABEL.get(org, "") if org else ""
    if ev.jenjang in rules.KOEFISIEN_AK:  # functional positions: the angka kredit conversion (§1.12)
        bulan = selectors.bulan_jendela(ev.jadwal)
        ctx["angka_kredit"] = {"bulan": bulan, "persen": int(rules.PERSEN_ANGKA_KREDIT[rules.Predikat(ev.predikat)] * 100),
                               "koefisien": rules.KOEFISIEN_AK[ev.jenjang],
                               "nilai": rules.angka_kredit(ev.predikat, ev.jenjang, bulan)}
    data = render_pdf("penilaian/pdf/dokumen_evaluasi.html", ctx, request=request)
    return pdf_response(data, f"evaluasi-kinerja-{ev.pegawai.nip}-{ev.jadwal.nomor}-{ev.periode.tahun}.pdf")
