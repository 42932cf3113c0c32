"""Aggregate reads from the apps below pelatihan (perencanaan, laporan) that the adoption metrics need.

Only the weekly metrics job calls these; each is one grouped query over an indexed range, returning plain
dicts keyed by pegawai id, so the job never loads report rows as objects. Kept in one module so the metrics follow
any change in those apps in one place.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from kinerja.laporan.models import LaporanHarian, StatusLaporan
from kinerja.perencanaan.models import PeriodeKinerja, SasaranKinerjaPegawai, StatusPeriode, StatusSkp
from kinerja.perencanaan.selectors import periode_untuk_tanggal

# Submitted reports count for compliance whatever their review outcome; drafts do not.
STATUS_TERKIRIM = (StatusLaporan.DIAJUKAN, StatusLaporan.DISETUJUI, StatusLaporan.PERLU_REVISI)


def hari_lapor_per_pegawai(instansi_id: int, hari: list[dt.date]) -> dict[int, int]:
    """For each pegawai, on how many of the given working days they submitted at least one daily report."""
    if not hari:
        return {}
    rows = (LaporanHarian.objects.filter(instansi_id=instansi_id, tanggal__in=hari, status__in=STATUS_TERKIRIM)
            .values("pegawai_id").annotate(n=Count("tanggal", distinct=True)).values_list("pegawai_id", "n")
            .order_by())
    return dict(rows)


TINJAUAN_JENDELA_HARI = 60


def jam_tinjauan(instansi_id: int, dari: dt.datetime, sampai: dt.datetime) -> list[tuple[int, float]]:
    """(pegawai id, hours from submission to the atasan's review) for every report reviewed in [dari, sampai).

    Only reports dated up to 60 days before `dari` are looked at, so the query uses the (instansi, tanggal) index
    instead of scanning every report; a review later than that is far outside any policy and is left out."""
    rows = (LaporanHarian.objects.filter(instansi_id=instansi_id,
                                         tanggal__gte=dari.date() - dt.timedelta(days=TINJAUAN_JENDELA_HARI),
                                         tanggal__lt=sampai.date() + dt.timedelta(days=1),
                                         ditinjau_pada__gte=dari, ditinjau_pada__lt=sampai,
                                         diajukan_pada__isnull=False)
            .values_list("pegawai_id", "diajukan_pada", "ditinjau_pada").order_by())
    return [(pid, max(0.0, (ditinjau - diajukan).total_seconds() / 3600)) for pid, diajukan, ditinjau in rows]


def periode_berjalan(instansi_id: int, on: dt.date) -> PeriodeKinerja | None:
    """The performance period covering `on`, unless it is closed."""
    periode = periode_untuk_tanggal(instansi_id, on)
    return periode if periode is not None and periode.status != StatusPeriode.DITUTUP else None


def pegawai_skp_disetujui(periode: PeriodeKinerja) -> set[int]:
    """Pegawai with an approved, active SKP in the period ("SKP completion")."""
    return set(SasaranKinerjaPegawai.objects.filter(periode=periode, aktif=True, status=StatusSkp.DISETUJUI)
               .values_list("pegawai_id", flat=True))


def punya_skp_disetujui(pegawai_id: int, instansi_id: int, on: dt.date) -> bool | None:
    """Whether one pegawai has an approved SKP in the period covering `on` (None: no open period)."""
    periode = periode_berjalan(instansi_id, on)
    if periode is None:
        return None
    return SasaranKinerjaPegawai.objects.filter(periode=periode, aktif=True, status=StatusSkp.DISETUJUI,
                                                pegawai_id=pegawai_id).exists()
