"""Reminders, run by the periodic jobs in tasks.py (huey, not cron):

- pegawai with an approved SKP and no report yet, once the policy hour has passed on a working day (local time of
  their unit: WIB, WITA or WIT);
- reviewers with reports waiting longer than the policy's working days, each working-day morning.

Each round is recorded (`PengingatTerkirim`), so a job that runs every few minutes sends it once.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.db import IntegrityError, transaction
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from kinerja.core import kalender
from kinerja.core.models import Instansi
from kinerja.core.services import notifikasi_create
from kinerja.laporan import rules, selectors
from kinerja.laporan.models import JenisPengingat, LaporanHarian, PengingatTerkirim, StatusLaporan
from kinerja.organisasi.models import Pegawai, StatusPegawai, UnitKerja
from kinerja.perencanaan.models import SasaranKinerjaPegawai, StatusPeriode, StatusSkp

CHUNK = 500  # notifications per transaction: keeps SQLite write locks short during the 16:00 rush


def _tandai(instansi: Instansi, jenis: str, tanggal: dt.date, zona: str) -> PengingatTerkirim | None:
    """Claim a reminder round; None when it was already sent (or is being sent by another worker)."""
    try:
        with transaction.atomic():
            obj, created = PengingatTerkirim.objects.get_or_create(instansi=instansi, jenis=jenis, tanggal=tanggal,
                                                                   zona_waktu=zona)
    except IntegrityError:
        return None
    return obj if created else None


def _kirim_bertahap(items, kirim) -> int:
    n, batch = 0, []
    for item in items:
        batch.append(item)
        if len(batch) >= CHUNK:
            with transaction.atomic():
                for x in batch:
                    kirim(x)
            n += len(batch)
            batch = []
    if batch:
        with transaction.atomic():
            for x in batch:
                kirim(x)
        n += len(batch)
    return n


def pegawai_belum_melapor(instansi: Instansi, zona: str, hari: dt.date):
    """Active pegawai of units in `zona` with an approved SKP covering `hari` and no report on it."""
    unit_q = Q(unit_kerja__zona_waktu=zona)
    if zona == instansi.zona_waktu:
        unit_q |= Q(unit_kerja__isnull=True)
    punya_skp = (SasaranKinerjaPegawai.objects.filter(instansi=instansi, aktif=True, status=StatusSkp.DISETUJUI,
                                                      tanggal_mulai__lte=hari, tanggal_selesai__gte=hari)
                 .exclude(periode__status=StatusPeriode.DITUTUP).values("pegawai_id"))
    sudah = LaporanHarian.objects.filter(instansi=instansi, tanggal=hari).values("pegawai_id")
    return (Pegawai.objects.filter(unit_q, instansi=instansi, status=StatusPegawai.AKTIF, user__isnull=False,
                                   pk__in=punya_skp)
            .exclude(pk__in=sudah).select_related("user").order_by("pk"))


def pengingat_laporan_kirim(*, now: dt.datetime | None = None) -> int:
    """Remind pegawai who have not reported today. Returns how many were reminded."""
    now = now or timezone.now()
    total = 0
    url = reverse("laporan:beranda")
    for instansi in Instansi.objects.all():
        kebijakan = selectors.kebijakan_for(instansi.pk)
        zones = set(UnitKerja.objects.filter(instansi=instansi, aktif=True).values_list("zona_waktu", flat=True)
                    .distinct()) | {instansi.zona_waktu}
        for zona in sorted(zones):
            local = now.astimezone(zoneinfo.ZoneInfo(zona))
            hari = local.date()
            if local.time() < kebijakan.jam_pengingat or not kalender.is_hari_kerja(hari, instansi.pk):
                continue
            marker = _tandai(instansi, JenisPengingat.LAPORAN, hari, zona)
            if marker is None:
                continue
            pesan = (f"Sampai pukul {kebijakan.jam_pengingat:%H.%M} belum ada laporan harian Anda untuk "
                     f"{hari:%d-%m-%Y}. Isi sekarang; bila sinyal lemah, laporan tersimpan di ponsel dan terkirim "
                     "saat online.")

            def kirim(p, pesan=pesan, email=kebijakan.pengingat_email):
                notifikasi_create(user=p.user, judul="Anda belum mengisi laporan hari ini", pesan=pesan, url=url,
                                  jenis="pengingat", email=email)

            n = _kirim_bertahap(pegawai_belum_melapor(instansi, zona, hari).iterator(chunk_size=CHUNK), kirim)
            PengingatTerkirim.objects.filter(pk=marker.pk).update(jumlah=n)
            total += n
    return total


def batas_diajukan(hari: dt.date, batas_hari_kerja: int, instansi_id: int) -> dt.date:
    """Reports submitted before this date have waited more than `batas_hari_kerja` working days on `hari`
    (a working day): rules.batas_tinjauan_terlewati on the calendar."""
    return kalender.add_hari_kerja(hari, -batas_hari_kerja, instansi_id)


def pengingat_tinjauan_kirim(*, now: dt.datetime | None = None) -> int:
    """Remind each reviewer once per working day about reports waiting too long. Returns how many reviewers."""
    now = now or timezone.now()
    total = 0
    url = reverse("laporan:tinjauan")
    for instansi in Instansi.objects.all():
        tz = zoneinfo.ZoneInfo(instansi.zona_waktu)
        local = now.astimezone(tz)
        hari = local.date()
        if local.time() < rules.JAM_PENGINGAT_TINJAUAN or not kalender.is_hari_kerja(hari, instansi.pk):
            continue
        batas = selectors.kebijakan_for(instansi.pk).batas_hari_tinjauan
        marker = _tandai(instansi, JenisPengingat.TINJAUAN, hari, instansi.zona_waktu)
        if marker is None:
            continue
        cutoff = dt.datetime.combine(batas_diajukan(hari, batas, instansi.pk), dt.time.min, tzinfo=tz)
        groups = list(
            LaporanHarian.objects.filter(instansi=instansi, status=StatusLaporan.DIAJUKAN, diajukan_pada__lt=cutoff,
                                         penilai__isnull=False)
            .values("penilai_id").annotate(n=Count("pk"), tertua=Min("diajukan_pada")).order_by("penilai_id")
        )
        users = {p.pk: p.user for p in Pegawai.objects.filter(
            pk__in=[g["penilai_id"] for g in groups], user__isnull=False, status=StatusPegawai.AKTIF,
        ).select_related("user")}

        def kirim(g, batas=batas, users=users, tz=tz):
            notifikasi_create(
                user=users[g["penilai_id"]], judul=f"{g['n']} laporan menunggu tinjauan Anda",
                pesan=(f"{g['n']} laporan bawahan sudah menunggu lebih dari {batas} hari kerja (yang terlama diajukan "
                       f"{g['tertua'].astimezone(tz):%d-%m-%Y}). Tinjau sekarang agar umpan balik tetap cepat."),
                url=url, jenis="pengingat", email=True)

        n = _kirim_bertahap([g for g in groups if g["penilai_id"] in users], kirim)
        PengingatTerkirim.objects.filter(pk=marker.pk).update(jumlah=n)
        total += n
    return total
