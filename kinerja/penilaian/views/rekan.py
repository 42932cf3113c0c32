"""Peer feedback (360) pages: choosing raters, a rater's invitations and answer form, moderation."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.exceptions import ApplicationError, Forbidden
from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.penilaian import access, selectors, services
from kinerja.penilaian.forms import ModerasiForm, Respon360Form
from kinerja.penilaian.views._common import apply_errors, error_list, status_for
from kinerja.perencanaan.rules import BERAKHLAK


def rekan(request, pk: int):
    """The pejabat penilai chooses 3–5 raters (or lets the system pick). Shows who was asked and how many
    answered — never who answered."""
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=pk)
    access.require_penilai(request.user, ev)
    errors, status = [], 200
    if request.method == "POST":
        try:
            if request.POST.get("aksi") == "otomatis":
                services.penilai_rekan_pilih_otomatis(actor=request.user, evaluasi=ev)
            else:
                services.penilai_rekan_tetapkan(actor=request.user, evaluasi=ev,
                                                penilai_ids=request.POST.getlist("penilai"))
        except ApplicationError as exc:
            errors, status = error_list(exc, {"penilai": "Penilai rekan"}), status_for(exc)
        else:
            messages.success(request, "Penilai rekan tersimpan; undangan dikirim.")
            return redirect("penilaian:evaluasi_detail", pk=ev.pk)
    invited = selectors.penilai_rekan_list(ev)
    invited_ids = {u.penilai_id for u in invited}
    chosen = ({int(i) for i in request.POST.getlist("penilai") if i.isdigit()} if request.method == "POST"
              else invited_ids)
    kandidat = selectors.rekan_kandidat(ev)
    known = {p.pk for p, _h in kandidat}
    for u in invited:  # someone invited from the wider OPD stays listed
        if u.penilai_id not in known:
            kandidat.append((u.penilai, u.hubungan))
    return render(request, "penilaian/rekan.html", {
        "ev": ev, "kandidat": kandidat, "chosen": chosen, "invited": invited,
        "merespons": sum(1 for u in invited if u.sudah_merespons), "errors": errors,
    }, status=status)


def undangan_list(request):
    return render(request, "penilaian/undangan_list.html", {
        "undangan": list(selectors.undangan_milik(actor=request.user, terbuka_saja=False)[:200])})


def respon_360(request, pk: int):
    """Answer one peer-feedback invitation: 7 BerAKHLAK ratings and an optional comment. Anonymous."""
    undangan = selectors.undangan_get(actor=request.user, undangan_id=pk)
    form = Respon360Form(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.respon_360_kirim(actor=request.user, undangan=undangan,
                                          ratings={k: data[k] for k, *_ in BERAKHLAK}, komentar=data["komentar"])
            except ApplicationError as exc:
                apply_errors(form, exc)
                status = status_for(exc)
            else:
                messages.success(request, "Terima kasih. Umpan balik Anda tersimpan tanpa nama.")
                return redirect("penilaian:undangan_list")
        else:
            status = 400
    panduan = {kode: p for kode, _n, _d, p in BERAKHLAK}
    return render(request, "penilaian/respon_360.html", {"undangan": undangan, "ev": undangan.evaluasi,
                                                         "form": form, "panduan": panduan}, status=status)


def moderasi(request):
    if not has_role(request.user, Peran.ADMIN_BKPSDM):
        raise Forbidden("Hanya admin BKPSDM yang memoderasi komentar umpan balik rekan.")
    return render(request, "penilaian/moderasi.html", {
        "items": list(selectors.antrian_moderasi(actor=request.user)[:100]), "form": ModerasiForm()})


@require_POST
def moderasi_putuskan(request, pk):
    respon = selectors.respon_get_moderasi(actor=request.user, respon_id=pk)
    form = ModerasiForm(request.POST)
    if form.is_valid():
        try:
            services.komentar_moderasi(actor=request.user, respon=respon,
                                       tampilkan=form.cleaned_data["tindakan"] == "tampilkan",
                                       alasan=form.cleaned_data["alasan"])
        except ApplicationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Keputusan moderasi tersimpan.")
            return redirect("penilaian:moderasi")
    return render(request, "penilaian/moderasi.html", {
        "items": list(selectors.antrian_moderasi(actor=request.user)[:100]), "form": ModerasiForm(),
        "error_form": form, "error_id": respon.pk}, status=400)
