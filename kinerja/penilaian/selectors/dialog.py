"""Reads of performance dialogues: what the actor may see, the month calendar, the agenda proposed from the data
and the action items carried over from earlier meetings."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai
from kinerja.penilaian.models import (
    DialogKinerja,
    Evaluasi,
    PenilaianDiri,
    PenilaiRekan,
    PesertaDialog,
    StatusEvaluasi,
    TindakLanjut,
)
from kinerja.penilaian.selectors.evaluasi import (
    bulan_jendela,
    hitung_baris_indikator,
    jadwal_berjalan,
    realisasi_manual_map,
    realisasi_massal,
)
from kinerja.perencanaan.models import IndikatorKinerja, PeriodeKinerja, StatusPeriode

DIALOG_RELATED = ("penyelenggara__jabatan",)


def _visible_q(actor) -> Q:
    scope = scope_for(actor)
    q = scope.pegawai_q("penyelenggara__")
    if scope.pegawai_id:
        q |= Q(peserta__pegawai_id=scope.pegawai_id)
    return q & Q(instansi_id=scope.instansi_id)


def dialog_list(*, actor, dari: dt.datetime | None = None, sampai: dt.datetime | None = None
                ) -> QuerySet[DialogKinerja]:
    """Dialogues the actor organises or attends, and those of people in their scope (superiors, Inspektorat)."""
    qs = (DialogKinerja.objects.filter(_visible_q(actor)).distinct().select_related(*DIALOG_RELATED)
          .prefetch_related(Prefetch("peserta", queryset=PesertaDialog.objects.select_related("pegawai"))))
    if dari:
        qs = qs.filter(mulai__gte=dari)
    if sampai:
        qs = qs.filter(mulai__lt=sampai)
    return qs.order_by("mulai", "pk")


def dialog_get(*, actor, dialog_id: int) -> DialogKinerja:
    obj = (DialogKinerja.objects.filter(_visible_q(actor), pk=dialog_id).distinct()
           .select_related(*DIALOG_RELATED).first())
    if obj is None:
        raise NotFound(MSG_NOT_FOUND)
    return obj


def peserta_list(dialog: DialogKinerja) -> list[PesertaDialog]:
    return list(dialog.peserta.select_related("pegawai__jabatan").order_by("pegawai__nama"))


def tindak_lanjut_terbawa(dialog: DialogKinerja) -> list[TindakLanjut]:
    """Unfinished action items of earlier dialogues of the same organiser owned by someone in this meeting: they
    carry into this one until done."""
    orang = set(dialog.peserta.values_list("pegawai_id", flat=True)) | {dialog.penyelenggara_id}
    return list(TindakLanjut.objects.filter(selesai_pada__isnull=True, dialog__penyelenggara_id=dialog.penyelenggara_id,
                                            dialog__mulai__lt=dialog.mulai, pemilik_id__in=orang)
                .exclude(dialog=dialog).select_related("pemilik", "dialog").order_by("batas_waktu", "pk"))


def tindak_lanjut_milik(*, actor, terbuka_saja: bool = True) -> QuerySet[TindakLanjut]:
    scope = scope_for(actor)
    if scope.pegawai is None:
        return TindakLanjut.objects.none()
    qs = TindakLanjut.objects.filter(pemilik_id=scope.pegawai_id).select_related("dialog")
    if terbuka_saja:
        qs = qs.filter(selesai_pada__isnull=True)
    return qs.order_by("batas_waktu", "pk")


@dataclass
class ButirAgenda:
    jenis: str  # indikator | umpan_balik | penilaian_diri | tindak_lanjut
    teks: str


AMBANG_TERTINGGAL = 85.0  # % of the window's target (the default "Sesuai" threshold)


def agenda_usulan(*, penyelenggara: Pegawai, peserta: list[Pegawai], on: dt.date | None = None,
                  dialog: DialogKinerja | None = None, batas: int = 30) -> list[ButirAgenda]:
    """An agenda proposed from the data for a meeting with `peserta`: indicators behind target in the current
    window, pending feedback (peer-feedback invitations not yet answered, self-assessments not yet submitted) and
    unfinished action items from earlier meetings. A handful of queries whatever the team size."""
    on = on or timezone.localdate()
    items: list[ButirAgenda] = []
    ids = [p.pk for p in peserta]
    periode = (PeriodeKinerja.objects.filter(instansi_id=penyelenggara.instansi_id, tanggal_mulai__lte=on,
                                             tanggal_selesai__gte=on).exclude(status=StatusPeriode.DITUTUP).first())
    nama = {p.pk: p.nama_lengkap for p in peserta}
    if periode is not None:
        jadwal = jadwal_berjalan(periode, on)
        if jadwal is not None:
            inds = list(IndikatorKinerja.objects.filter(rhk__skp__pegawai_id__in=ids, rhk__skp__periode=periode,
                                                        rhk__skp__aktif=True, aspek="kuantitas")
                        .select_related("rhk__skp").order_by("rhk__skp__pegawai_id", "rhk_id", "urutan"))
            ind_ids = [i.pk for i in inds]
            sampai = min(on, jadwal.tanggal_selesai)
            real = realisasi_massal(indikator_ids=ind_ids, dari=jadwal.tanggal_mulai, sampai=sampai)
            manual = realisasi_manual_map(jadwal.pk, ind_ids)
            # compare with the target pro rata to the days elapsed in the window
            total_days = (jadwal.tanggal_selesai - jadwal.tanggal_mulai).days + 1
            elapsed = max(1, min(total_days, (sampai - jadwal.tanggal_mulai).days + 1))
            for ind in inds:
                baris = hitung_baris_indikator(ind, bulan=bulan_jendela(jadwal), dari_laporan=real.get(ind.pk, Decimal("0")),
                                               manual=manual.get(ind.pk), rumus="persen")
                expected = baris.target * elapsed / total_days
                if expected > 0 and float(baris.realisasi) / expected * 100 < AMBANG_TERTINGGAL:
                    items.append(ButirAgenda("indikator", (
                        f"{nama[ind.rhk.skp.pegawai_id]}: {ind.teks} — realisasi {baris.realisasi:g} "
                        f"dari target {jadwal.nama} {baris.target:g} {ind.satuan} "
                        f"({float(baris.realisasi) / baris.target * 100:.0f}%).")))
            pending = (PenilaiRekan.objects.filter(penilai_id__in=ids, sudah_merespons=False,
                                                   evaluasi__status__in=[StatusEvaluasi.DRAF, StatusEvaluasi.DINILAI])
                       .values_list("penilai_id", flat=True))
            per: dict[int, int] = {}
            for pid in pending:
                per[pid] = per.get(pid, 0) + 1
            for pid, n in per.items():
                items.append(ButirAgenda("umpan_balik", f"{nama[pid]}: {n} undangan umpan balik rekan belum dijawab."))
            evs = Evaluasi.objects.filter(pegawai_id__in=ids, jadwal=jadwal, status=StatusEvaluasi.DRAF)
            sudah = set(PenilaianDiri.objects.filter(evaluasi__in=evs, diajukan_pada__isnull=False)
                        .values_list("evaluasi__pegawai_id", flat=True))
            for pid in ids:
                if pid not in sudah:
                    items.append(ButirAgenda("penilaian_diri",
                                             f"{nama[pid]}: penilaian diri {jadwal.nama} belum diajukan."))
    if dialog is not None:
        for t in tindak_lanjut_terbawa(dialog):
            items.append(ButirAgenda("tindak_lanjut", f"Tindak lanjut belum selesai: {t.uraian} "
                                                      f"({t.pemilik.nama_lengkap}, batas {t.batas_waktu:%d-%m-%Y})."))
    return items[:batas]


@dataclass
class HariKalender:
    tanggal: dt.date
    bulan_ini: bool
    hari_ini: bool
    dialog: list


def kalender(*, actor, tahun: int, bulan: int) -> tuple[list[list[HariKalender]], list[DialogKinerja]]:
    """A month grid (weeks × 7 days, Monday first) of the actor's dialogues, plus the flat list (for phones and
    screen readers)."""
    tz = timezone.get_current_timezone()
    first = dt.date(tahun, bulan, 1)
    last = dt.date(tahun, bulan, calendar.monthrange(tahun, bulan)[1])
    start = first - dt.timedelta(days=first.weekday())
    end = last + dt.timedelta(days=6 - last.weekday())
    items = list(dialog_list(actor=actor, dari=dt.datetime.combine(start, dt.time.min, tz),
                             sampai=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz)))
    per_day: dict[dt.date, list] = {}
    for d in items:
        per_day.setdefault(timezone.localtime(d.mulai, tz).date(), []).append(d)
    today = timezone.localdate()
    weeks, day = [], start
    while day <= end:
        week = []
        for _ in range(7):
            week.append(HariKalender(day, day.month == bulan, day == today, per_day.get(day, [])))
            day += dt.timedelta(days=1)
        weeks.append(week)
    return weeks, [d for d in items if first <= timezone.localtime(d.mulai, tz).date() <= last]
