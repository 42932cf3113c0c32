"""Organisation pages: my profile, my team, pegawai (scoped), the unit tree, import."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.exceptions import ApplicationError, Forbidden, NotFound
from kinerja.core.views import form_status
from kinerja.organisasi import impor, selectors, services
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.forms import CariPegawaiForm, ImporForm, KontakForm
from kinerja.organisasi.models import StatusImpor
from kinerja.organisasi.tasks import impor_apply_task, impor_check_task


def profil(request):
    scope = scope_for(request.user)
    if scope.pegawai is None:
        raise Forbidden("Akun ini tidak terhubung dengan data pegawai.")
    pegawai = scope.pegawai
    form = KontakForm(request.POST or None, initial={"email": pegawai.email, "telepon": pegawai.telepon})
    if request.method == "POST" and form.is_valid():
        try:
            services.pegawai_update(actor=request.user, pegawai=pegawai, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Kontak tersimpan.")
            return redirect("organisasi:profil")
    atasan, atasan_atasan = selectors.pejabat_penilai(pegawai)
    riwayat = selectors.penempatan_history(actor=request.user, pegawai=pegawai)
    return render(request, "organisasi/profil.html", {
        "pegawai": pegawai, "atasan": atasan, "atasan_atasan": atasan_atasan, "riwayat": riwayat, "form": form,
    }, status=form_status(form))


def tim(request):
    scope = scope_for(request.user)
    if scope.pegawai is None:
        raise Forbidden("Akun ini tidak terhubung dengan data pegawai.")
    bawahan = selectors.bawahan_langsung(scope.pegawai)
    semua = selectors.pegawai_list(actor=request.user).exclude(pk=scope.pegawai.pk)
    return render(request, "organisasi/tim.html", {"bawahan": bawahan, "jumlah_semua": semua.count()})


def pegawai_list(request):
    form = CariPegawaiForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    unit_id = request.GET.get("unit")
    qs = selectors.pegawai_list(actor=request.user, q=q, unit_id=int(unit_id) if unit_id and unit_id.isdigit() else None)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    template = "organisasi/_pegawai_rows.html" if request.htmx else "organisasi/pegawai_list.html"
    return render(request, template, {"form": form, "page": page, "q": q})


def pegawai_detail(request, pk: int):
    pegawai = selectors.pegawai_get(actor=request.user, pegawai_id=pk)
    atasan, atasan_atasan = selectors.pejabat_penilai(pegawai)
    return render(request, "organisasi/pegawai_detail.html", {
        "pegawai": pegawai, "atasan": atasan, "atasan_atasan": atasan_atasan,
        "riwayat": selectors.penempatan_history(actor=request.user, pegawai=pegawai),
        "bawahan": selectors.bawahan_langsung(pegawai),
    })


def unit_tree(request):
    return render(request, "organisasi/unit_tree.html", {"tree": selectors.unit_kerja_tree(actor=request.user)})


def unit_detail(request, pk: int):
    unit = selectors.unit_kerja_get(actor=request.user, unit_id=pk)
    jabatan = selectors.jabatan_list(actor=request.user, unit=unit)
    anak = selectors.unit_kerja_list(actor=request.user, induk_id=unit.pk)
    return render(request, "organisasi/unit_detail.html", {"unit": unit, "jabatan": jabatan, "anak": anak})


def impor_list(request):
    if not scope_for(request.user).master_write:
        raise Forbidden("Hanya admin BKPSDM yang dapat mengimpor data.")
    form = ImporForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = impor.impor_data_create(actor=request.user, jenis=form.cleaned_data["jenis"],
                                          berkas=form.cleaned_data["berkas"])
        except ApplicationError as exc:
            form.add_error("berkas", exc.message)
            return render(request, "organisasi/impor_list.html",
                          {"form": form, "items": selectors.impor_list(actor=request.user)[:20]}, status=exc.status)
        impor_check_task(obj.pk, request.user.pk)
        return redirect("organisasi:impor_detail", pk=obj.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "organisasi/impor_list.html",
                  {"form": form, "items": selectors.impor_list(actor=request.user)[:20]}, status=status)


def impor_detail(request, pk: int):
    obj = selectors.impor_get(actor=request.user, impor_id=pk)
    running = obj.status in (StatusImpor.DIUNGGAH, StatusImpor.DIPERIKSA, StatusImpor.MENERAPKAN)
    template = "organisasi/_impor_status.html" if request.htmx else "organisasi/impor_detail.html"
    return render(request, template, {"impor": obj, "running": running})


@require_POST
def impor_apply(request, pk: int):
    obj = selectors.impor_get(actor=request.user, impor_id=pk)
    if obj.status != StatusImpor.SIAP:
        messages.error(request, "Berkas ini belum siap diterapkan.")
        return redirect("organisasi:impor_detail", pk=pk)
    impor_apply_task(obj.pk, request.user.pk)
    return redirect("organisasi:impor_detail", pk=pk)


def impor_template(request, jenis: str):
    import openpyxl

    if jenis not in impor.TEMPLATE_HEADERS:
        raise NotFound("Templat tidak dikenal.")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(impor.TEMPLATE_HEADERS[jenis])
    for cell in ws["A"]:
        cell.number_format = "@"  # NIP as text: numbers lose the last digits
    buf = io.BytesIO()
    wb.save(buf)
    return HttpResponse(
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="templat-impor-{jenis}.xlsx"'},
    )
