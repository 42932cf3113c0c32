"""The demo's supervision data. Pengawasan's demo runs last: it plants integrity problems in the daily reports for
the system to find, then runs the real jobs — the aggregate fill, the warning rules, the anomaly detectors, the
profiles, the top performers and the verification sample — and publishes two best-practice notes.

Planted (inserted through laporan's models; the seed writes no audit entries):
- near-duplicate texts: one long report text copied by two colleagues of UPT Puskesmas Tanjung Batu and repeated
  by its author on another day;
- one photo attached to reports of two pegawai (the same content hash);
- implausible days: three days of 14 reported hours for one pegawai;
- a backfill burst: ten reports for early-September dates sent on 28 September, two days before Triwulan III ends;
- a rubber-stamping supervisor: the head of UPT Puskesmas Padang Luas approving 30 July reports three seconds apart,
  none returned for revision;
- a report geotagged 120 km from where its author usually reports.
Skips quietly while the other apps' demo data is missing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import uuid
import zoneinfo
from decimal import Decimal

from auditlog.context import disable_auditlog
from django.core.files.base import ContentFile
from django.utils import timezone

from kinerja.core import kalender
from kinerja.laporan.models import BuktiDukung, LaporanHarian, StatusLaporan
from kinerja.organisasi.models import Pegawai, StatusPegawai
from kinerja.organisasi.selectors import atasan_map
from kinerja.pengawasan import services
from kinerja.pengawasan.models import Teladan
from kinerja.perencanaan.models import SasaranKinerjaPegawai, StatusSkp

TEKS_SALINAN = ("Melaksanakan kunjungan rumah ke {n} keluarga berisiko stunting di Dusun Karang Tengah bersama kader "
                "posyandu, mengukur tinggi dan berat badan balita, serta memberikan edukasi gizi seimbang dan "
                "pemberian makanan tambahan kepada ibu balita")
BASE_LAT, BASE_LON = Decimal("-1.601500"), Decimal("103.613100")


def seed(ctx) -> None:
    instansi = ctx.instansi
    periode = ctx.shared.get("periode")
    if instansi is None or periode is None:
        return
    with disable_auditlog():
        with contextlib.suppress(_Lewati):  # the other apps' demo data is missing: run the jobs on what exists
            _Tanam(ctx, periode).semua()
        now = timezone.now()
        services.agregat_refresh(instansi=instansi, now=now, penuh=True, bulan=5)  # the demo's reports: July on
        services.teladan_refresh(instansi=instansi, today=ctx.today)
        services.profil_refresh(instansi=instansi, today=ctx.today)
        services.peringatan_generate(instansi=instansi, now=now,
                                     beri_tahu={u.pk for u in ctx.accounts.values()})
        services.anomali_deteksi(instansi=instansi, now=now, penuh=True)
        services.sampel_buat(instansi=instansi, today=ctx.today)
        _praktik(ctx)


class _Lewati(Exception):
    pass


class _Tanam:
    def __init__(self, ctx, periode):
        self.ctx, self.periode, self.instansi = ctx, periode, ctx.instansi
        self.rng = ctx.rng
        self.tz = zoneinfo.ZoneInfo("Asia/Jakarta")
        self.skp = {s.pegawai_id: s for s in SasaranKinerjaPegawai.objects.filter(
            periode=periode, status=StatusSkp.DISETUJUI, aktif=True).prefetch_related("rhk__indikator")}
        self.dipakai: set[int] = set()
        self.penilai: dict[int, Pegawai] = {}

    # --- helpers -----------------------------------------------------------------------------------------------
    def pilih(self, unit_nama: str, n: int, *, satu_unit: bool = False) -> tuple[list[Pegawai], Pegawai]:
        """n staff with an approved SKP, not used by another plant: of the named unit when it has enough; else (a
        small demo) of one unit of Dinas Kesehatan, or — unless `satu_unit` — of Dinas Kesehatan as a whole, or of
        the regency. Returns them and the pejabat penilai of the first (each one's own is used for their reports)."""
        from django.db.models import Q

        def kandidat(unit_q):
            return [p for p in Pegawai.objects.filter(unit_q, instansi=self.instansi, status=StatusPegawai.AKTIF,
                                                      jabatan__is_kepala_unit=False)
                    .select_related("jabatan", "unit_kerja", "user").order_by("nip")
                    if p.pk in self.skp and p.pk not in self.dipakai]

        people = kandidat(Q(unit_kerja__nama=unit_nama))
        for luas in (Q(opd__kode="DINKES"), Q()):
            if len(people) >= n:
                break
            semua = kandidat(luas)
            per_unit: dict[int, list[Pegawai]] = {}
            for p in semua:
                per_unit.setdefault(p.unit_kerja_id, []).append(p)
            people = max(per_unit.values(), key=len, default=[])
            if len(people) < n and not satu_unit:
                people = semua
        people = people[:n]
        if len(people) < n:
            raise _Lewati
        atasan = atasan_map(people, self.ctx.today)
        if any(atasan.get(p.pk) is None or not atasan[p.pk].user_id for p in people):
            raise _Lewati
        self.penilai.update(atasan)
        self.dipakai |= {p.pk for p in people}
        return people, atasan[people[0].pk]

    def aware(self, day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=self.tz)

    def hari_kosong(self, pegawai: Pegawai, mulai: dt.date, n: int, lewati: int = 0) -> list[dt.date]:
        """n working days from `mulai` (after skipping `lewati`), preferring days on which the pegawai has no
        report yet; days with reports fill in when there are not enough empty ones."""
        ada = set(LaporanHarian.objects.filter(pegawai=pegawai, tanggal__gte=mulai).values_list("tanggal", flat=True))
        hari = kalender.hari_kerja_in_range(mulai, self.ctx.today - dt.timedelta(days=1), self.instansi.pk)
        kosong = [d for d in hari if d not in ada]
        pilih = (kosong + [d for d in hari if d in ada])[lewati:lewati + n]
        if len(pilih) < n:
            raise _Lewati
        return sorted(pilih)

    def laporan(self, pegawai: Pegawai, tanggal: dt.date, mulai: tuple[int, int], selesai: tuple[int, int],
                uraian: str, *, diajukan: dt.datetime, ditinjau: dt.datetime | None, penilai: Pegawai,
                lat=None, lon=None) -> LaporanHarian:
        skp = self.skp[pegawai.pk]
        penilai = self.penilai.get(pegawai.pk, penilai)
        rhk = skp.rhk.all()[0]
        ind = next((i for i in rhk.indikator.all() if i.aspek == "kuantitas"), None)
        menit = (selesai[0] * 60 + selesai[1]) - (mulai[0] * 60 + mulai[1])
        return LaporanHarian(
            instansi=self.instansi, pegawai=pegawai, tanggal=tanggal, jam_mulai=dt.time(*mulai),
            jam_selesai=dt.time(*selesai), durasi_menit=menit, skp=skp, rhk=rhk, indikator=ind, uraian=uraian,
            output_jumlah=Decimal(self.rng.choice([1, 2, 3])), output_satuan=(ind.satuan if ind else "kegiatan")[:60],
            program_id=rhk.program_id, latitude=lat, longitude=lon,
            status=StatusLaporan.DISETUJUI if ditinjau else StatusLaporan.DIAJUKAN,
            idempotency_key=uuid.UUID(int=self.rng.getrandbits(128), version=4),
            jabatan_nama=pegawai.jabatan.nama, unit_kerja=pegawai.unit_kerja, unit_kerja_nama=pegawai.unit_kerja.nama,
            zona_waktu="Asia/Jakarta", penilai=penilai, diajukan_pada=diajukan, dibuka_penilai_pada=ditinjau,
            ditinjau_pada=ditinjau, ditinjau_oleh_id=penilai.user_id if ditinjau else None)

    def simpan(self, rows: list[LaporanHarian]) -> list[LaporanHarian]:
        LaporanHarian.objects.bulk_create(rows)
        return rows

    # --- the plants ---------------------------------------------------------------------------------------------
    def semua(self) -> None:
        if not self.skp:
            raise _Lewati
        for tanam in (self.duplikat, self.bukti, self.jam, self.mundur, self.kilat, self.lokasi):
            with contextlib.suppress(_Lewati):  # a small demo may lack the people for one plant
                tanam()

    def duplikat(self) -> None:
        (a, b, c), kep = self.pilih("UPT Puskesmas Tanjung Batu", 3)
        awal = self.ctx.today - dt.timedelta(days=40)
        rows = []
        for who, n_kel, lewati in ((a, 12, 0), (b, 12, 2), (c, 15, 4), (a, 12, 7)):
            (day,) = self.hari_kosong(who, awal, 1, lewati)
            rows.append(self.laporan(who, day, (8, 0), (11, 0), TEKS_SALINAN.format(n=n_kel),
                                     diajukan=self.aware(day, 15), ditinjau=self.aware(day, 17), penilai=kep))
        self.simpan(rows)

    def bukti(self) -> None:
        (a, b), kep = self.pilih("UPT Puskesmas Air Jernih", 2)
        awal = self.ctx.today - dt.timedelta(days=25)
        rows = []
        for who in (a, b):
            (day,) = self.hari_kosong(who, awal, 1)
            rows.append(self.laporan(who, day, (9, 0), (11, 0), "Pelayanan imunisasi dasar di posyandu Desa Mekarsari",
                                     diajukan=self.aware(day, 14), ditinjau=self.aware(day, 16), penilai=kep))
        self.simpan(rows)
        data = _foto()
        sha = hashlib.sha256(data).hexdigest()
        for lap in rows:
            obj = BuktiDukung(instansi=self.instansi, laporan=lap, jenis="jpeg", mime="image/jpeg", ukuran=len(data),
                              sha256=sha, nama_asli=f"foto-posyandu-{lap.pegawai_id}.jpg",
                              diunggah_oleh_id=lap.pegawai.user_id)
            obj.berkas.save(f"{uuid.uuid4().hex}.jpg", ContentFile(data), save=False)
            obj.save()

    def jam(self) -> None:
        (a,), kep = self.pilih("UPT Puskesmas Sungai Rawa", 1)
        lalu = (self.ctx.today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        days = [lalu + dt.timedelta(days=i) for i in range(28) if (lalu + dt.timedelta(days=i)).weekday() == 5][:3]
        rows = []
        for day in days:
            rows.append(self.laporan(a, day, (6, 0), (13, 0), "Pelayanan pasien rawat jalan dan tindakan di poli umum",
                                     diajukan=self.aware(day, 20, 30), ditinjau=self.aware(day + dt.timedelta(days=1), 8),
                                     penilai=kep))
            rows.append(self.laporan(a, day, (13, 0), (20, 0), "Jaga IGD dan rujukan pasien ke RSUD",
                                     diajukan=self.aware(day, 20, 35), ditinjau=self.aware(day + dt.timedelta(days=1), 8),
                                     penilai=kep))
        self.simpan(rows)

    def mundur(self) -> None:
        (a,), kep = self.pilih("UPT Puskesmas Mekarsari", 1)
        year = self.ctx.today.year
        kirim = dt.date(year, 9, 28)
        if kirim >= self.ctx.today:
            raise _Lewati
        ada = set(LaporanHarian.objects.filter(pegawai=a, tanggal__year=year, tanggal__month=9)
                  .values_list("tanggal", flat=True))
        hari = kalender.hari_kerja_in_range(dt.date(year, 9, 1), dt.date(year, 9, 19), self.instansi.pk)
        days = sorted(([d for d in hari if d not in ada] + [d for d in hari if d in ada])[:10])
        rows = [self.laporan(a, day, (8, 0), (12, 0), "Pencatatan dan pelaporan kunjungan pasien",
                             diajukan=self.aware(kirim, 9, 5 + 2 * i), ditinjau=self.aware(kirim + dt.timedelta(3), 9),
                             penilai=kep) for i, day in enumerate(days)]
        self.simpan(rows)

    def kilat(self) -> None:
        staff, kep = self.pilih("UPT Puskesmas Padang Luas", 2, satu_unit=True)
        year = self.ctx.today.year
        days = kalender.hari_kerja_in_range(dt.date(year, 7, 1), dt.date(year, 7, 31), self.instansi.pk)[:15]
        rows, i = [], 0
        for day in days:
            for who in staff:
                rows.append(self.laporan(who, day, (8, 0), (12, 0), "Pelayanan kesehatan ibu dan anak di puskesmas",
                                         diajukan=self.aware(day, 15),
                                         ditinjau=self.aware(dt.date(year, 7, 20), 7, 30) + dt.timedelta(seconds=3 * i),
                                         penilai=kep))
                i += 1
        self.simpan(rows)

    def lokasi(self) -> None:
        (a,), kep = self.pilih("UPT Puskesmas Suka Damai", 1)
        days = self.hari_kosong(a, self.ctx.today - dt.timedelta(days=30), 10)
        rows = []
        for i, day in enumerate(days):
            jauh = i in (6, 8)
            lat = BASE_LAT + (Decimal("1.05") if jauh else Decimal(self.rng.randint(-80, 80)) / 10000)
            lon = BASE_LON + (Decimal("0.30") if jauh else Decimal(self.rng.randint(-80, 80)) / 10000)
            rows.append(self.laporan(a, day, (8, 0), (11, 0), "Kunjungan rumah pasien TB dan pemantauan minum obat",
                                     diajukan=self.aware(day, 15), ditinjau=self.aware(day, 17), penilai=kep,
                                     lat=lat.quantize(Decimal("0.000001")), lon=lon.quantize(Decimal("0.000001"))))
        self.simpan(rows)


def _foto() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (320, 240), (230, 240, 230))
    ImageDraw.Draw(img).rectangle([40, 120, 280, 220], fill=(90, 140, 110))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _praktik(ctx) -> None:
    """Two top performers (or their supervisor) publish a practice note with their approved reports as evidence."""
    ditulis = 0
    for t in (Teladan.objects.filter(instansi=ctx.instansi, peringkat=1, jenis="indikator")
              .select_related("pegawai__user", "pegawai__jabatan", "periode").order_by("-jumlah_kelompok", "pk")):
        pegawai = t.pegawai
        penulis = pegawai.user
        if penulis is None:
            continue
        if ditulis == 1:  # the second note is written by the supervisor
            atasan = atasan_map([pegawai], ctx.today).get(pegawai.pk)
            if atasan is not None and atasan.user_id:
                penulis = atasan.user
        bukti = list(LaporanHarian.objects.filter(pegawai=pegawai, status=StatusLaporan.DISETUJUI)
                     .order_by("-tanggal").values_list("pk", flat=True)[:3])
        if not bukti:
            continue
        services.praktik_baik_create(
            actor=penulis, teladan=t, judul=f"Cara mencapai target: {t.judul[:120]}",
            yang_dilakukan=("Menyusun jadwal kunjungan mingguan bersama kader desa, memakai daftar sasaran dari "
                            "register posyandu, dan mencatat hasil setiap hari di laporan harian."),
            hasil=f"Capaian {t.nilai:.0f}% dari target menurut jadwal, di atas median kelompok {t.median_kelompok:.0f}%.",
            bukti_ids=bukti)
        ditulis += 1
        if ditulis == 2:
            break
