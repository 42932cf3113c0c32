"""Calibration (distribution vs the curve), predikat organisasi, the per-unit Excel rekap and the policy."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.core.excel import workbook_bytes, xlsx_response
from kinerja.core.exceptions import ApplicationError, Forbidden
from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.penilaian import selectors, services
from kinerja.penilaian.forms import FinalisasiForm, KebijakanForm, PredikatOrgForm
from kinerja.penilaian.views._common import apply_errors, int_or_none, status_for
from kinerja.penilaian.views.evaluasi import _periode_jadwal


def kalibrasi(request):
    """For pimpinan OPD: the current distribution of predikat per curve group against what the curve allows."""
    opds = selectors.kalibrasi_opd_pilihan(actor=request.user)
    if not opds:
        raise Forbidden("Halaman kalibrasi untuk pimpinan OPD, admin BKPSDM dan Inspektorat.")
    periode, jadwal_list, jadwal = _periode_jadwal(request)
    if request.GET.get("jadwal") is None and jadwal_list:
        jadwal = jadwal_list[-1] if jadwal_list[-1].is_final else jadwal
    opd_id = int_or_none(request.GET.get("opd")) or opds[0].pk
    opd = next((o for o in opds if o.pk == opd_id), opds[0])
    return _render_kalibrasi(request, opd, opds, periode, jadwal_list, jadwal)


def _render_kalibrasi(request, opd, opds, periode, jadwal_list, jadwal, form=None, form_unit=None, status=200):
    groups = selectors.kalibrasi(actor=request.user, opd_id=opd.pk, jadwal=jadwal) if jadwal else []
    kebijakan = selectors.kebijakan_for(opd.instansi_id)
    return render(request, "penilaian/kalibrasi.html", {
        "opds": opds, "opd": opd, "periode": periode, "jadwal_list": jadwal_list, "jadwal": jadwal,
        "groups": groups, "boleh": selectors.boleh_kalibrasi(request.user, opd),
        "berlaku": jadwal is not None and selectors.kurva_berlaku(jadwal, kebijakan),
        "form": form or FinalisasiForm(), "form_unit": form_unit,
    }, status=status)


@require_POST
def kalibrasi_finalisasi(request):
    opds = selectors.kalibrasi_opd_pilihan(actor=request.user)
    opd = next((o for o in opds if o.pk == int_or_none(request.POST.get("opd"))), None)
    if opd is None:
        raise Forbidden("Halaman kalibrasi untuk pimpinan OPD.")
    jadwal = selectors.jadwal_get(actor=request.user, jadwal_id=int_or_none(request.POST.get("jadwal")) or 0)
    unit_id = int_or_none(request.POST.get("unit")) or 0
    form = FinalisasiForm(request.POST)
    form.is_valid()
    try:
        n = services.kalibrasi_finalisasi(actor=request.user, opd_id=opd.pk, unit_id=unit_id, jadwal=jadwal,
                                          justifikasi=form.cleaned_data.get("justifikasi", ""))
    except ApplicationError as exc:
        apply_errors(form, exc)
        jadwal_list = selectors.jadwal_list(actor=request.user, periode=jadwal.periode)
        return _render_kalibrasi(request, opd, opds, jadwal.periode, jadwal_list, jadwal, form=form,
                                 form_unit=unit_id, status=status_for(exc))
    messages.success(request, f"{n} evaluasi difinalisasi.")
    return redirect(f"{request.path.rsplit('finalisasi/', 1)[0]}?opd={opd.pk}&jadwal={jadwal.pk}")


def predikat_organisasi(request):
    periode, _jadwal_list, _j = _periode_jadwal(request)
    if periode is None:
        raise Forbidden("Belum ada periode kinerja.")
    rows = selectors.predikat_org_pilihan(actor=request.user, periode=periode)
    if not rows:
        raise Forbidden("Predikat organisasi ditetapkan oleh pimpinan satu tingkat di atas unit.")
    form, status, form_unit = None, 200, None
    if request.method == "POST":
        form_unit = int_or_none(request.POST.get("unit"))
        form = PredikatOrgForm(request.POST, auto_id=f"id_u{form_unit}_%s")
        unit = next((r["unit"] for r in rows if r["unit"].pk == form_unit), None)
        if form.is_valid() and unit is not None:
            try:
                services.predikat_organisasi_tetapkan(actor=request.user, periode=periode, unit=unit,
                                                      predikat=form.cleaned_data["predikat"],
                                                      catatan=form.cleaned_data["catatan"])
            except ApplicationError as exc:
                apply_errors(form, exc)
                status = status_for(exc)
            else:
                messages.success(request, f"Predikat organisasi {unit.nama} tersimpan.")
                return redirect(f"{request.path}?periode={periode.pk}")
        else:
            status = 400
            if unit is None:
                form.add_error(None, "Unit ini tidak dapat Anda tetapkan predikatnya.")
    for r in rows:
        bound = form if form is not None and r["unit"].pk == form_unit else None
        r["form"] = bound or PredikatOrgForm(initial={"unit": r["unit"].pk, "predikat": r["predikat"].predikat
                                                      if r["predikat"] else "",
                                                      "catatan": r["predikat"].catatan if r["predikat"] else ""},
                                             auto_id=f"id_u{r['unit'].pk}_%s")
    return render(request, "penilaian/predikat_organisasi.html", {"periode": periode, "rows": rows},
                  status=status)


def rekap(request, unit_id: int, jadwal_id: int):
    """Rekap per unit in Excel, with the angka kredit conversion for functional positions."""
    jadwal = selectors.jadwal_get(actor=request.user, jadwal_id=jadwal_id)
    unit, rows = selectors.rekap_unit(actor=request.user, unit_id=unit_id, jadwal=jadwal)
    data = workbook_bytes([(f"Rekap {jadwal.nama}", selectors.HEADER_REKAP, rows)])
    name = f"rekap-penilaian-{unit.kode}-{jadwal.periode.tahun}-{jadwal.nomor}.xlsx".replace("/", "-")
    return xlsx_response(data, name)


def kebijakan(request):
    if not has_role(request.user, Peran.ADMIN_BKPSDM):
        raise Forbidden("Hanya admin BKPSDM yang dapat mengubah kebijakan penilaian.")
    from kinerja.penilaian.models import KebijakanPenilaian

    current = (KebijakanPenilaian.objects.filter(instansi_id=request.user.instansi_id).first()
               or KebijakanPenilaian(instansi_id=request.user.instansi_id))  # not the cached row: forms mutate it
    form = KebijakanForm(request.POST or None, instance=current)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.kebijakan_penilaian_simpan(actor=request.user, **{
                    k: form.cleaned_data[k] for k in form.Meta.fields})
            except ApplicationError as exc:
                apply_errors(form, exc)
                status = status_for(exc)
            else:
                messages.success(request, "Kebijakan penilaian tersimpan.")
                return redirect("penilaian:kebijakan")
        else:
            status = 400
    from kinerja.penilaian.rules import curve_to_data

    return render(request, "penilaian/kebijakan.html", {"form": form, "default_kurva": curve_to_data()},
                  status=status)
