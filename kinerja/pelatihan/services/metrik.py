"""Weekly adoption metrics per unit, OPD and instansi, written to `MetrikAdopsi` by a periodic job.

Dashboards read only that table. One computation is a handful of grouped queries whatever the size of the
instansi (active pegawai, weekly activity, submitted report days, review durations, approved SKP, trained pegawai),
then pure Python aggregation and one bulk insert. Derived data: not written to the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from kinerja.core import kalender
from kinerja.core.models import Instansi
from kinerja.organisasi.models import Pegawai, StatusPegawai, UnitKerja
from kinerja.pelatihan import rules, sumber
from kinerja.pelatihan.models import (
    AktivitasPengguna,
    MetrikAdopsi,
    PesertaSesi,
    RiwayatPengembangan,
    TingkatMetrik,
)


@dataclass
class _Acc:
    n: int = 0
    aktif: int = 0
    target: int = 0
    terisi: int = 0
    jam: list[float] = field(default_factory=list)
    skp: int = 0
    terlatih: int = 0

    def add(self, other: _Acc) -> None:
        self.n += other.n
        self.aktif += other.aktif
        self.target += other.target
        self.terisi += other.terisi
        self.jam.extend(other.jam)
        self.skp += other.skp
        self.terlatih += other.terlatih


def _aware(day: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=tz)


@transaction.atomic
def metrik_adopsi_hitung(*, instansi: Instansi, minggu: dt.date, today: dt.date | None = None,
                         ambang: rules.Ambang = rules.AMBANG_DEFAULT) -> int:
    """(Re)compute the figures of the week starting on the Monday of `minggu`; returns the number of rows.

    Working days are counted up to yesterday for the current week (today's reports are not due yet), on the
    instansi's working-day calendar (Perpres 21/2023 and its holidays)."""
    today = today or timezone.localdate()
    minggu = rules.awal_minggu(minggu)
    akhir = minggu + dt.timedelta(days=6)
    acuan = min(akhir, today)  # the reference day for "current period" and "last 12 months"
    batas_lapor = min(akhir, today - dt.timedelta(days=1))
    hari = kalender.hari_kerja_in_range(minggu, batas_lapor, instansi.pk) if batas_lapor >= minggu else []
    tz = instansi.tzinfo

    pegawai = list(Pegawai.objects.filter(instansi=instansi, status=StatusPegawai.AKTIF, unit_kerja__isnull=False)
                   .values_list("pk", "user_id", "unit_kerja_id"))
    unit_of = {pid: unit for pid, _u, unit in pegawai}
    aktif_users = set(AktivitasPengguna.objects.filter(instansi=instansi, minggu=minggu)
                      .values_list("user_id", flat=True))
    lapor = sumber.hari_lapor_per_pegawai(instansi.pk, hari)
    tinjau = sumber.jam_tinjauan(instansi.pk, _aware(minggu, tz), _aware(akhir + dt.timedelta(days=1), tz))
    periode = sumber.periode_berjalan(instansi.pk, acuan)
    skp_set = sumber.pegawai_skp_disetujui(periode) if periode is not None else set()
    skp_dinilai = periode is not None and periode.batas_skp <= acuan
    sejak = acuan - dt.timedelta(days=rules.JENDELA_PELATIHAN_HARI)
    terlatih = set(PesertaSesi.objects.filter(instansi=instansi, hadir_pada__gte=_aware(sejak, tz),
                                              hadir_pada__lt=_aware(acuan + dt.timedelta(days=1), tz))
                   .values_list("pegawai_id", flat=True))
    terlatih |= set(RiwayatPengembangan.objects.filter(instansi=instansi, tanggal_selesai__gt=sejak,
                                                       tanggal_selesai__lte=acuan)
                    .values_list("pegawai_id", flat=True))

    per_unit: dict[int, _Acc] = defaultdict(_Acc)
    for pid, user_id, unit_id in pegawai:
        acc = per_unit[unit_id]
        acc.n += 1
        acc.aktif += user_id in aktif_users
        acc.target += len(hari)
        acc.terisi += min(lapor.get(pid, 0), len(hari))
        acc.skp += pid in skp_set
        acc.terlatih += pid in terlatih
    for pid, jam in tinjau:
        unit_id = unit_of.get(pid)
        if unit_id is not None:
            per_unit[unit_id].jam.append(jam)

    units = {u["pk"]: u for u in UnitKerja.objects.filter(instansi=instansi).values("pk", "nama", "opd_id")}
    per_opd: dict[int, _Acc] = defaultdict(_Acc)
    total = _Acc()
    for unit_id, acc in per_unit.items():
        opd_id = units[unit_id]["opd_id"] or unit_id
        per_opd[opd_id].add(acc)
        total.add(acc)

    now = timezone.now()

    def row(tingkat: str, unit_id: int | None, opd_id: int | None, nama: str, acc: _Acc) -> MetrikAdopsi:
        jam = rules.median(acc.jam)
        alasan = rules.alasan_tertinggal(
            jumlah_pegawai=acc.n, aktif=acc.aktif, laporan_target=acc.target, laporan_terisi=acc.terisi,
            umpan_balik_jam=jam, skp_disetujui=acc.skp, terlatih=acc.terlatih, skp_berlaku=skp_dinilai,
            ambang=ambang)
        return MetrikAdopsi(
            instansi=instansi, minggu=minggu, tingkat=tingkat, unit_id=unit_id, opd_id=opd_id, nama=nama[:200],
            jumlah_pegawai=acc.n, aktif=acc.aktif, hari_kerja=len(hari), laporan_target=acc.target,
            laporan_terisi=acc.terisi, umpan_balik_jumlah=len(acc.jam), umpan_balik_jam=jam,
            skp_disetujui=acc.skp, skp_berlaku=periode is not None, terlatih=acc.terlatih,
            tertinggal=tingkat != TingkatMetrik.INSTANSI and rules.tertinggal(alasan), alasan=alasan, dihitung_pada=now)

    rows = [row(TingkatMetrik.INSTANSI, None, None, instansi.nama, total)]
    rows += [row(TingkatMetrik.OPD, opd_id, opd_id, units[opd_id]["nama"], acc) for opd_id, acc in per_opd.items()]
    rows += [row(TingkatMetrik.UNIT, unit_id, units[unit_id]["opd_id"] or unit_id, units[unit_id]["nama"], acc)
             for unit_id, acc in per_unit.items()]
    MetrikAdopsi.objects.filter(instansi=instansi, minggu=minggu).delete()
    MetrikAdopsi.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def metrik_adopsi_hitung_berkala(*, today: dt.date | None = None) -> int:
    """The nightly job: this week so far and the previous week (late reviews still move it) for every instansi."""
    today = today or timezone.localdate()
    n = 0
    for instansi in Instansi.objects.all():
        for minggu in (rules.awal_minggu(today) - dt.timedelta(days=7), rules.awal_minggu(today)):
            n += metrik_adopsi_hitung(instansi=instansi, minggu=minggu, today=today)
    return n


def metrik_adopsi_hitung_sekarang(*, actor, today: dt.date | None = None) -> int:
    """Admin's "hitung ulang sekarang": recompute this week's figures of the actor's instansi."""
    from kinerja.pelatihan.services._common import require_penyelenggara

    require_penyelenggara(actor)
    today = today or timezone.localdate()
    return metrik_adopsi_hitung(instansi=Instansi.objects.get(pk=actor.instansi_id), minggu=today, today=today)
