"""The weekly verification sample for Inspektorat (rules.sampel: half risk-based, half stratified random)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from kinerja.core.models import Instansi
from kinerja.laporan.models import LaporanHarian, StatusLaporan
from kinerja.pengawasan import rules
from kinerja.pengawasan.models import AlasanSampel, Anomali, SampelVerifikasi
from kinerja.pengawasan.services.jejak import hapus
from kinerja.pengawasan.services.kebijakan import ambang_for

JENDELA_RISIKO = 60  # days


@transaction.atomic
def sampel_buat(*, instansi: Instansi, today: dt.date | None = None, ulang: bool = False) -> int:
    """Draw this week's sample once (deterministic for instansi and week): from reports tied to anomalies seen
    in the last 60 days, and from last week's approved reports of every OPD in turn."""
    today = today or timezone.localdate()
    minggu = rules.awal_minggu(today)
    ada = SampelVerifikasi.objects.filter(instansi=instansi, minggu=minggu)
    if ada.exists() and not ulang:
        return 0
    hapus(ada)
    n = ambang_for(instansi.pk).sampel_per_minggu
    anomali_of: dict[int, int] = {}
    for a in (Anomali.objects.filter(instansi=instansi,
                                     terakhir_terdeteksi__date__gte=today - dt.timedelta(days=JENDELA_RISIKO))
              .order_by("-skor", "pk").values("pk", "laporan_ids")):
        for lid in a["laporan_ids"]:
            anomali_of.setdefault(lid, a["pk"])
    lalu = minggu - dt.timedelta(days=7)
    per_opd: dict[int, list[int]] = defaultdict(list)
    for lid, opd in (LaporanHarian.objects.filter(instansi=instansi, tanggal__gte=lalu, tanggal__lt=minggu,
                                                  status=StatusLaporan.DISETUJUI)
                     .values_list("pk", "pegawai__opd_id").order_by("pk")):
        per_opd[opd or 0].append(lid)
    ada_laporan = set(LaporanHarian.objects.filter(pk__in=list(anomali_of)).values_list("pk", flat=True))
    risiko = sorted(lid for lid in anomali_of if lid in ada_laporan)
    pilih = rules.sampel(risiko, per_opd, n, f"{instansi.pk}:{minggu.isoformat()}")
    SampelVerifikasi.objects.bulk_create([
        SampelVerifikasi(instansi=instansi, minggu=minggu, laporan_id=lid, urutan=i,
                         alasan=AlasanSampel.RISIKO if alasan == "risiko" else AlasanSampel.ACAK,
                         anomali_id=anomali_of.get(lid) if alasan == "risiko" else None)
        for i, (lid, alasan) in enumerate(pilih, start=1)])
    return len(pilih)
