"""The demo's daily reports: three months of realistic reports for pegawai with an approved SKP (from
perencanaan's demo, which runs first and leaves the period in `ctx.shared["periode"]`), with varying diligence, some
revisions and comments, a few evidence files, and a lively review queue for the demo atasan.

Volume: every pegawai with an approved SKP while there are at most `SAMPLE_MAX` of them; above that (e.g.
`--pegawai 20000`) a deterministic sample of `SAMPLE_MAX`, always including the demo accounts' units. Bulk writes
only, no audit entries (the seed is not a user action). Skips quietly while perencanaan's demo data is missing.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import uuid
import zoneinfo
from decimal import Decimal

from auditlog.context import disable_auditlog
from django.core.files.base import ContentFile
from django.utils import timezone

from kinerja.core import kalender
from kinerja.laporan import rules
from kinerja.laporan.models import BuktiDukung, JenisKomentar, KomentarLaporan, LaporanHarian, StatusLaporan
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.selectors import atasan_map
from kinerja.perencanaan.models import SasaranKinerjaPegawai, StatusSkp

SAMPLE_MAX = 1000
HARI = 92  # about three months back from today
BATCH = 2000

AKTIVITAS = {
    "puskesmas": [
        "Pelayanan pasien rawat jalan di poli umum", "Kunjungan rumah ibu hamil risiko tinggi di Desa {desa}",
        "Pelaksanaan posyandu balita di Dusun {desa}", "Imunisasi dasar bayi di posyandu Desa {desa}",
        "Input data kunjungan ke aplikasi puskesmas", "Penyuluhan PHBS di SD Negeri {desa}",
        "Pemeriksaan tekanan darah lansia di posbindu", "Pelacakan kontak kasus TB di Desa {desa}",
    ],
    "sekolah": [
        "Mengajar kelas {kelas} mata pelajaran {mapel} (2 JP)", "Menyusun modul ajar {mapel} kelas {kelas}",
        "Mengoreksi ulangan harian {mapel} kelas {kelas}", "Membimbing kegiatan literasi pagi",
        "Rapat KKG / MGMP {mapel}", "Mengisi rapor dan jurnal kelas {kelas}",
    ],
    "pupr": [
        "Pengawasan pekerjaan rehabilitasi jalan ruas {desa}", "Pengukuran volume pekerjaan drainase Desa {desa}",
        "Penyusunan laporan kemajuan fisik mingguan", "Survei kondisi jaringan irigasi D.I. {desa}",
        "Pemeriksaan mutu beton bersama konsultan pengawas",
    ],
    "kecamatan": [
        "Pelayanan administrasi kependudukan di kantor kecamatan", "Verifikasi data DTKS Desa {desa}",
        "Rapat koordinasi Musrenbang Desa {desa}", "Monitoring penyaluran bantuan sosial Desa {desa}",
        "Penyusunan rekap surat masuk dan keluar",
    ],
    "umum": [
        "Menyusun konsep surat dinas", "Merekap data kepegawaian unit", "Rapat koordinasi internal bidang",
        "Menyusun bahan paparan pimpinan", "Mengarsipkan dokumen keuangan", "Verifikasi SPJ kegiatan",
        "Memperbarui data pada aplikasi SIPD", "Menyusun notulen rapat",
    ],
}
DESA = ["Sukamaju", "Cibeureum", "Mekarsari", "Karangsari", "Sindangjaya", "Tanjungsari", "Sukadana", "Margamulya"]
MAPEL = ["Matematika", "IPA", "Bahasa Indonesia", "IPS", "PJOK", "Bahasa Inggris"]
KELAS = ["IV", "V", "VI", "VII A", "VIII B", "IX C"]
KOMENTAR_SETUJU = ["Bagus, lanjutkan.", "Terima kasih, dokumentasinya lengkap.",
                   "Baik. Lampirkan foto kegiatan berikutnya juga.", "Sudah sesuai RHK. Pertahankan."]
KOMENTAR_REVISI = ["Output belum sesuai indikator; sebutkan jumlah yang dilayani.",
                   "Lampirkan bukti dukung (foto atau daftar hadir).",
                   "Uraian terlalu umum. Jelaskan kegiatan yang dilakukan dan hasilnya.",
                   "Jam kegiatan tumpang tindih dengan rapat pagi; mohon dicek."]
BALASAN = ["Sudah saya perbaiki, terima kasih.", "Baik, bukti dukung sudah saya lampirkan.",
           "Siap, uraian sudah saya lengkapi."]
DURASI = [60, 90, 120, 120, 150, 180, 240]
OUTPUT = [Decimal(n) for n in (1, 1, 1, 2, 2, 3, 4, 5, 8, 12)]


def _domain(p: Pegawai) -> str:
    try:
        from kinerja.perencanaan.demo import domain_of
    except ImportError:  # pragma: no cover - perencanaan's demo not there
        return "umum"
    d = domain_of(p)
    if d in AKTIVITAS:
        return d
    return "puskesmas" if d in ("kesehatan", "rsud") else ("sekolah" if d == "pendidikan" else "umum")


def _aware(day: dt.date, minutes: int, tz) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz) + dt.timedelta(minutes=minutes)


def seed(ctx) -> None:
    periode = ctx.shared.get("periode")
    if periode is None or ctx.instansi is None:
        return  # perencanaan's demo has not run (or does not exist yet): nothing to report on
    skps = list(SasaranKinerjaPegawai.objects.filter(periode=periode, status=StatusSkp.DISETUJUI, aktif=True,
                                                     pegawai__user__isnull=False)
                .select_related("pegawai__jabatan", "pegawai__unit_kerja", "pegawai__opd")
                .prefetch_related("rhk__indikator").order_by("pegawai_id"))
    if not skps:
        return
    rng: random.Random = ctx.rng
    demo_users = {u.pk for u in ctx.accounts.values()}
    demo_units = {s.pegawai.unit_kerja_id for s in skps if s.pegawai.user_id in demo_users}
    wajib = [s for s in skps if s.pegawai.unit_kerja_id in demo_units or s.pegawai.user_id in demo_users]
    lain = [s for s in skps if s not in wajib]
    if len(skps) > SAMPLE_MAX:
        lain = rng.sample(lain, max(0, SAMPLE_MAX - len(wajib)))
    terpilih = wajib + lain
    people = [s.pegawai for s in terpilih]
    penilai = atasan_map(people, ctx.today)
    days = kalender.hari_kerja_in_range(ctx.today - dt.timedelta(days=HARI), ctx.today, ctx.instansi.pk)
    days = [d for d in days if periode.tanggal_mulai <= d <= periode.tanggal_selesai]
    if not days:
        return
    age = {d: len(days) - 1 - i for i, d in enumerate(days)}  # working days before today (0 = today)
    boss_user = ctx.accounts.get("atasan")
    boss = Pegawai.objects.filter(user=boss_user).first() if boss_user else None
    pegawai_demo = ctx.accounts.get("pegawai")

    with disable_auditlog():
        rows, notes = _reports(ctx, rng, terpilih, penilai, days, age, boss, pegawai_demo,
                               first_id=_next_id(LaporanHarian))
        insert_cepat(LaporanHarian, rows)
        first = _next_id(KomentarLaporan)
        for i, note in enumerate(notes):
            note["id"] = first + i
        insert_cepat(KomentarLaporan, notes)
        _evidence(ctx, rows, pegawai_demo)
    ctx.shared["laporan_jumlah"] = len(rows)


def _next_id(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


def insert_cepat(model, rows: list[dict]) -> None:
    """Insert many rows (dicts of attname -> value, ids included) with executemany, adapting each distinct value
    once: Django's bulk_create spends most of its time preparing values (100k reports took over a minute). Missing
    fields take their default; the id sequence is reset afterwards (PostgreSQL)."""
    if not rows:
        return
    from django.core.management.color import no_style
    from django.db import connection, models

    ops = connection.ops
    fields = list(model._meta.concrete_fields)

    def adapter(field):
        if isinstance(field, models.DateTimeField):
            return ops.adapt_datetimefield_value
        if isinstance(field, models.DateField):
            return ops.adapt_datefield_value
        if isinstance(field, models.TimeField):
            return ops.adapt_timefield_value
        if isinstance(field, models.DecimalField):
            return lambda v, f=field: ops.adapt_decimalfield_value(v, f.max_digits, f.decimal_places)
        if isinstance(field, (models.UUIDField, models.JSONField)):
            return lambda v, f=field: f.get_db_prep_value(v, connection)
        return None

    plan = []
    for f in fields:
        fn = adapter(f)
        per_row = isinstance(f, (models.DateTimeField, models.UUIDField))
        default = f.get_default() if f.has_default() or f.null else None
        if default is not None and fn is not None:
            default = fn(default)
        plan.append((f.attname, fn, per_row, {}, default))
    data = []
    for row in rows:
        values = []
        for attname, fn, per_row, cache, default in plan:
            if attname not in row:
                values.append(default)
                continue
            value = row[attname]
            if value is not None and fn is not None:
                if per_row:
                    value = fn(value)
                else:
                    hit = cache.get(value)
                    if hit is None:
                        hit = cache[value] = fn(value)
                    value = hit
            values.append(value)
        data.append(values)
    qn = ops.quote_name
    # table and column names come from the model's own metadata, never from input
    sql = (f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "  # noqa: S608
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        for i in range(0, len(data), BATCH):
            cursor.executemany(sql, data[i:i + BATCH])
        for stmt in ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(stmt)


def _indikator(skp: SasaranKinerjaPegawai):
    """(rhk, indicator) pairs to report on: countable kuantitas indicators first."""
    pairs = []
    for rhk in skp.rhk.all():
        inds = [i for i in rhk.indikator.all() if i.aspek == "kuantitas" and i.satuan.strip() not in ("%", "persen")]
        pairs += [(rhk, i) for i in inds] or [(rhk, None)]
    return pairs


def _reports(ctx, rng, terpilih, penilai, days, age, boss, pegawai_demo, first_id: int):
    """Rows as dicts (attname -> value) with their ids assigned: building 100k model instances is too slow."""
    rows: list[dict] = []
    notes: list[dict] = []
    sekarang = timezone.now()
    time_of = {m: dt.time(m // 60, m % 60) for m in range(0, 24 * 60)}
    iid = ctx.instansi.pk
    for skp in terpilih:
        p = skp.pegawai
        pairs = _indikator(skp)
        atasan = penilai.get(p.pk)
        if not pairs or atasan is None:
            continue  # no pejabat penilai (e.g. the Sekda): nobody would review these
        di_antrean_bos = boss is not None and atasan.pk == boss.pk
        is_demo = p.user_id == getattr(pegawai_demo, "pk", None)
        tz = zoneinfo.ZoneInfo(p.unit_kerja.zona_waktu) if p.unit_kerja is not None else \
            timezone.get_default_timezone()
        rajin = 0.97 if (is_demo or di_antrean_bos) else rng.choice([0.95, 0.9, 0.8, 0.75, 0.6, 0.4])
        aktivitas = AKTIVITAS[_domain(p)]
        base = {"instansi_id": iid, "pegawai_id": p.pk, "skp_id": skp.pk, "zona_waktu": tz.key,
                "jabatan_nama": p.jabatan.nama if p.jabatan_id else "", "unit_kerja_id": p.unit_kerja_id,
                "unit_kerja_nama": p.unit_kerja.nama if p.unit_kerja_id else "", "latitude": None,
                "longitude": None}
        for day in days:
            if rng.random() > rajin:
                continue
            k = age[day]
            start = 7 * 60 + 30 + rng.choice([0, 0, 15, 30])
            for _n in range(rng.choice([1, 1, 1, 2, 2, 3])):
                end = min(start + rng.choice(DURASI), 16 * 60 + (30 if day.weekday() == 4 else 0))
                if end - start < 30:
                    break
                rhk, ind = rng.choice(pairs)
                status, revisi = _status(rng, k, di_antrean_bos or is_demo)
                diajukan = min(_aware(day, end + rng.randint(5, 90), tz), sekarang) \
                    if status != StatusLaporan.DRAFT else None
                ditinjau = min(diajukan + dt.timedelta(hours=rng.randint(2, 40)), sekarang) if status in (
                    StatusLaporan.DISETUJUI, StatusLaporan.PERLU_REVISI) else None
                row = dict(base)
                row.update(
                    id=first_id + len(rows), tanggal=day, jam_mulai=time_of[start], jam_selesai=time_of[end],
                    durasi_menit=end - start, rhk_id=rhk.pk, indikator_id=ind.pk if ind else None,
                    uraian=rng.choice(aktivitas).format(desa=rng.choice(DESA), mapel=rng.choice(MAPEL),
                                                        kelas=rng.choice(KELAS)),
                    output_jumlah=rng.choice(OUTPUT), output_satuan=(ind.satuan if ind else "kegiatan")[:60],
                    program_id=rhk.program_id, status=status,
                    idempotency_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                    penilai_id=atasan.pk if status != StatusLaporan.DRAFT else None, diajukan_pada=diajukan,
                    dibuka_penilai_pada=ditinjau, ditinjau_pada=ditinjau,
                    ditinjau_oleh_id=atasan.user_id if ditinjau else None, jumlah_revisi=revisi,
                    created_at=diajukan or sekarang, updated_at=ditinjau or diajukan or sekarang,
                )
                rows.append(row)
                if atasan.user_id and ditinjau:
                    if revisi:
                        waktu = diajukan + dt.timedelta(hours=rng.randint(1, 20))
                        notes.append(_note(row, atasan.user_id, JenisKomentar.REVISI, rng.choice(KOMENTAR_REVISI),
                                           waktu))
                        if status == StatusLaporan.DISETUJUI:
                            notes.append(_note(row, p.user_id, JenisKomentar.KOMENTAR, rng.choice(BALASAN),
                                               waktu + dt.timedelta(hours=2)))
                    if status == StatusLaporan.DISETUJUI and rng.random() < 0.08:
                        notes.append(_note(row, atasan.user_id, JenisKomentar.PERSETUJUAN,
                                           rng.choice(KOMENTAR_SETUJU), ditinjau))
                start = end + rng.choice([0, 15, 30, 60])
    return rows, notes


def _note(row: dict, penulis_id: int, jenis: str, isi: str, waktu: dt.datetime) -> dict:
    return {"instansi_id": row["instansi_id"], "laporan_id": row["id"], "penulis_id": penulis_id, "jenis": jenis,
            "isi": isi, "created_at": waktu, "updated_at": waktu}


def _status(rng: random.Random, k: int, ramai: bool) -> tuple[str, int]:
    """Status by age in working days (0 = today): old reports are reviewed, recent ones wait; a few revisions.
    `ramai`: the demo atasan's team, whose recent reports wait in a lively queue."""
    x = rng.random()
    if k == 0:
        return (StatusLaporan.DIAJUKAN if x < (0.85 if ramai else 0.6) else StatusLaporan.DRAFT), 0
    if k <= 2:
        menunggu = 0.8 if ramai else 0.5
        if x < menunggu:
            return StatusLaporan.DIAJUKAN, 0
        return (StatusLaporan.PERLU_REVISI, 1) if x < menunggu + 0.05 else (StatusLaporan.DISETUJUI, 0)
    if x < 0.02:
        return StatusLaporan.PERLU_REVISI, 1
    if x < 0.08:
        return StatusLaporan.DISETUJUI, 1
    return StatusLaporan.DISETUJUI, 0


def _evidence(ctx, rows: list[dict], pegawai_demo) -> None:
    """A few small evidence files (a photo and a PDF) on the demo pegawai's recent reports."""
    if pegawai_demo is None:
        return
    pid = Pegawai.objects.filter(user=pegawai_demo).values_list("pk", flat=True).first()
    ids = [r["id"] for r in sorted((r for r in rows if r["pegawai_id"] == pid and r["status"] != StatusLaporan.DRAFT),
                                   key=lambda r: (r["tanggal"], r["jam_mulai"]), reverse=True)[:4]]
    mine = sorted(LaporanHarian.objects.filter(pk__in=ids), key=lambda r: (r.tanggal, r.jam_mulai), reverse=True)
    from kinerja.core.files import validate_upload

    for i, lap in enumerate(mine):
        data, name = (_foto(i), f"kegiatan-{lap.tanggal:%Y%m%d}.jpg") if i % 2 == 0 else (
            _pdf(lap), f"daftar-hadir-{lap.tanggal:%Y%m%d}.pdf")
        upload = ContentFile(data, name=name)
        clean = validate_upload(upload, max_bytes=rules.DEFAULT_MAKS_MB * 1024 * 1024)
        bukti = BuktiDukung(instansi=ctx.instansi, laporan=lap, jenis=clean.kind, mime=clean.mime, ukuran=clean.size,
                            sha256=clean.sha256, nama_asli=clean.original_name, diunggah_oleh=pegawai_demo)
        bukti.berkas.save(clean.content.name, clean.content, save=False)
        if clean.thumbnail is not None:
            bukti.thumbnail.save(clean.thumbnail.name, clean.thumbnail, save=False)
        bukti.save()


def _foto(i: int) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (800, 600), (220, 235, 225))
    draw = ImageDraw.Draw(img)
    draw.rectangle([60, 380, 740, 560], fill=(120, 160, 130))
    draw.ellipse([300 + 20 * i, 120, 500 + 20 * i, 320], fill=(240, 200, 150))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def _pdf(lap: LaporanHarian) -> bytes:
    text = f"Daftar hadir kegiatan {lap.tanggal:%d-%m-%Y}"
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for n, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer << /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
