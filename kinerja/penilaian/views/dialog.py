"""Dialog kinerja pages: the month calendar and list, scheduling, one meeting (agenda, attendance, notes,
action items)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.core.exceptions import ApplicationError, Forbidden
from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, StatusPegawai
from kinerja.organisasi.selectors import bawahan_langsung
from kinerja.penilaian import selectors, services
from kinerja.penilaian.forms import CatatForm, DialogForm, TindakLanjutForm
from kinerja.penilaian.models import StatusDialog, TindakLanjut
from kinerja.penilaian.views._common import apply_errors, status_for
from kinerja.perencanaan.rules import NAMA_BULAN

HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def _bulan(request) -> tuple[int, int]:
    raw = request.GET.get("bulan", "")
    try:
        y, m = (int(x) for x in raw.split("-"))
        if 2000 <= y <= 2100 and 1 <= m <= 12:
            return y, m
    except ValueError:
        pass
    today = timezone.localdate()
    return today.year, today.month


def dialog_list(request):
    """The calendar of the actor's dialogues (a month grid on wide screens, a list on phones)."""
    y, m = _bulan(request)
    weeks, items = selectors.kalender(actor=request.user, tahun=y, bulan=m)
    prev = dt.date(y, m, 1) - dt.timedelta(days=1)
    nxt = dt.date(y, m, 28) + dt.timedelta(days=5)
    scope = scope_for(request.user)
    return render(request, "penilaian/dialog_list.html", {
        "weeks": weeks, "items": items, "judul_bulan": f"{NAMA_BULAN[m - 1]} {y}", "hari": HARI,
        "prev": f"{prev.year}-{prev.month:02d}", "next": f"{nxt.year}-{nxt.month:02d}",
        "boleh_jadwalkan": scope.pegawai is not None and has_role(request.user, Peran.ATASAN),
        "tindak_lanjut": list(selectors.tindak_lanjut_milik(actor=request.user)[:20]),
    })


def _bawahan(request) -> list[Pegawai]:
    scope = scope_for(request.user)
    if scope.pegawai is None or not has_role(request.user, Peran.ATASAN):
        raise Forbidden(services.MSG_BUKAN_ATASAN)
    return list(Pegawai.objects.filter(scope.pegawai_q(), status=StatusPegawai.AKTIF).exclude(pk=scope.pegawai_id)
                .select_related("jabatan").order_by("jabatan__path", "nama")[:300])


def dialog_baru(request):
    bawahan = _bawahan(request)
    direct = {p.pk for p in bawahan_langsung(scope_for(request.user).pegawai)}
    bawahan.sort(key=lambda p: (p.pk not in direct, p.nama))
    initial = {"tanggal": timezone.localdate() + dt.timedelta(days=1), "jam": dt.time(9, 0)}
    if request.GET.get("peserta"):
        initial["peserta"] = request.GET.getlist("peserta")
    form = DialogForm(request.POST or None, bawahan=bawahan, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            mulai = timezone.make_aware(dt.datetime.combine(d["tanggal"], d["jam"]))
            try:
                out = services.dialog_jadwalkan(
                    actor=request.user, jenis=d["jenis"], judul=d["judul"], mulai=mulai,
                    peserta_ids=[int(x) for x in d["peserta"]], durasi_menit=d["durasi_menit"], tempat=d["tempat"],
                    pengulangan=d["pengulangan"], jumlah_ulangan=d["jumlah_ulangan"] or 1,
                    agenda=d["agenda"].splitlines())
            except ApplicationError as exc:
                apply_errors(form, exc)
                status = status_for(exc)
            else:
                messages.success(request, f"{len(out)} dialog kinerja dijadwalkan; peserta diberi tahu.")
                return redirect("penilaian:dialog_detail", pk=out[0].pk)
        else:
            status = 400
    return render(request, "penilaian/dialog_form.html", {"form": form}, status=status)


def dialog_detail(request, pk: int):
    dialog = selectors.dialog_get(actor=request.user, dialog_id=pk)
    me = scope_for(request.user).pegawai_id
    is_owner = me == dialog.penyelenggara_id
    peserta = selectors.peserta_list(dialog)
    catat = tl_form = None
    status = 200
    if request.method == "POST":
        if not is_owner:
            raise Forbidden(services.MSG_PENYELENGGARA)
        if request.POST.get("aksi") == "tindak_lanjut":
            tl_form = TindakLanjutForm(request.POST, orang=[dialog.penyelenggara] + [p.pegawai for p in peserta])
            if tl_form.is_valid():
                try:
                    services.tindak_lanjut_tambah(actor=request.user, dialog=dialog,
                                                  uraian=tl_form.cleaned_data["uraian"],
                                                  pemilik_id=tl_form.cleaned_data["pemilik"],
                                                  batas_waktu=tl_form.cleaned_data["batas_waktu"])
                except ApplicationError as exc:
                    apply_errors(tl_form, exc)
                    status = status_for(exc)
                else:
                    messages.success(request, "Tindak lanjut ditambahkan.")
                    return redirect("penilaian:dialog_detail", pk=dialog.pk)
            else:
                status = 400
        else:
            catat = CatatForm(request.POST, peserta=peserta)
            if catat.is_valid():
                try:
                    services.dialog_catat(actor=request.user, dialog=dialog, hadir_ids=catat.cleaned_data["hadir"],
                                          catatan_capaian=catat.cleaned_data["catatan_capaian"],
                                          catatan_kendala=catat.cleaned_data["catatan_kendala"],
                                          selesai=catat.cleaned_data["selesai"])
                except ApplicationError as exc:
                    apply_errors(catat, exc)
                    status = status_for(exc)
                else:
                    messages.success(request, "Catatan dialog tersimpan.")
                    return redirect("penilaian:dialog_detail", pk=dialog.pk)
            else:
                status = 400
    catat = catat or CatatForm(peserta=peserta, initial={
        "hadir": [str(p.pegawai_id) for p in peserta if p.hadir], "catatan_capaian": dialog.catatan_capaian,
        "catatan_kendala": dialog.catatan_kendala})
    tl_form = tl_form or TindakLanjutForm(orang=[dialog.penyelenggara] + [p.pegawai for p in peserta],
                                          initial={"batas_waktu": timezone.localtime(dialog.mulai).date()
                                                   + dt.timedelta(days=14)})
    usulan = []
    if dialog.status == StatusDialog.DIJADWALKAN:
        usulan = selectors.agenda_usulan(penyelenggara=dialog.penyelenggara, peserta=[p.pegawai for p in peserta],
                                         on=timezone.localtime(dialog.mulai).date(), dialog=dialog)
    return render(request, "penilaian/dialog_detail.html", {
        "dialog": dialog, "peserta": peserta, "is_owner": is_owner, "usulan": usulan,
        "terbawa": selectors.tindak_lanjut_terbawa(dialog),
        "tindak_lanjut": list(dialog.tindak_lanjut.select_related("pemilik").order_by("batas_waktu", "pk")),
        "catat": catat, "tl_form": tl_form, "me": me,
    }, status=status)


@require_POST
def dialog_batal(request, pk: int):
    dialog = selectors.dialog_get(actor=request.user, dialog_id=pk)
    services.dialog_batalkan(actor=request.user, dialog=dialog)
    messages.success(request, "Dialog dibatalkan.")
    return redirect("penilaian:dialog_detail", pk=pk)


@require_POST
def tindak_lanjut_selesai(request, pk: int):
    item = TindakLanjut.objects.filter(pk=pk).select_related("dialog").first()
    if item is None:
        from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound

        raise NotFound(MSG_NOT_FOUND)
    services.tindak_lanjut_selesai(actor=request.user, item=item, catatan=request.POST.get("catatan", ""),
                                   selesai=request.POST.get("selesai", "1") == "1")
    messages.success(request, "Status tindak lanjut diperbarui.")
    nxt = request.POST.get("next", "")
    if nxt.startswith("/penilaian/"):
        return redirect(nxt)
    return redirect("penilaian:dialog_detail", pk=item.dialog_id)
