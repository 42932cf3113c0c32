"""The demo's citizen participation: IKM surveys for 20 service points (six quarters, so trends show), residents'
input on 5 PUPR projects, ratings of named ASN (including the demo nurse at UPT Puskesmas Sukamaju), 200
complaints in every state (some late and escalated, some about named ASN), public replies, moderated items and
planted brigading bursts held for review. Bulk writes only; the volume does not grow with --pegawai.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import secrets
from decimal import Decimal

from auditlog.context import disable_auditlog
from django.core.files.base import ContentFile
from django.utils import timezone

from kinerja.core import kalender
from kinerja.organisasi.models import Pegawai, StatusPegawai, UnitKerja
from kinerja.organisasi.selectors import atasan_map
from kinerja.partisipasi import rules
from kinerja.partisipasi.models import (
    BalasanPublik,
    CatatanModerasi,
    JenisTanggapan,
    JenisTitik,
    KebijakanPartisipasi,
    MasukanProyek,
    Pengaduan,
    PengelolaPengaduan,
    PenilaianPetugas,
    PetugasLayanan,
    ResponSurvei,
    StatusModerasi,
    StatusPengaduan,
    SumberKiriman,
    TanggapanPengaduan,
    TitikLayanan,
)
from kinerja.perencanaan.models import JenisProgram, ProgramKegiatan

BATCH = 2000
KUARTAL = 6

SARAN_BAIK = ["Pelayanan cepat dan ramah, pertahankan.", "Petugas sangat membantu, terima kasih banyak.",
              "Ruang tunggu bersih dan nyaman.", "Antrean tertib dengan nomor antrean, bagus.",
              "Persyaratan dijelaskan dengan sabar.", "Terima kasih, urusan saya selesai hari ini juga."]
SARAN_KURANG = ["Antrean terlalu lama, mohon tambah loket pada jam sibuk.", "Toilet kurang bersih dan air sering mati.",
                "Informasi persyaratan di papan pengumuman kurang jelas.",
                "Petugas datang terlambat, loket baru buka jam 9.", "Parkir sempit saat ramai.",
                "Mohon disediakan kursi tambahan untuk lansia dan ibu hamil.",
                "Nomor antrean online sering error, mohon diperbaiki."]
KOMENTAR_PETUGAS = ["Sangat ramah dan sabar menjelaskan.", "Cepat dan teliti, terima kasih.",
                    "Menjelaskan obat dengan jelas.", "Kurang senyum, tapi pekerjaannya cepat.",
                    "Terlalu lama menunggu petugas kembali dari istirahat.", "Tidak meminta uang tambahan, jujur."]
KOMENTAR_PROYEK = ["Aspal sudah rata, drainase juga dibuat.", "Pekerjaan berhenti dua minggu, material menumpuk.",
                   "Debu mengganggu warga, mohon disiram.", "Pengawas lapangan ramah dan mau mendengar warga.",
                   "Ketebalan aspal terlihat tipis di ujung jalan.", "Jembatan sudah bisa dilalui motor."]
PENGADUAN = [
    ("pelayanan", "Antrean KTP-el sangat lama", "Saya datang pukul 08.00 dan baru dilayani pukul 13.00. Tidak ada "
     "informasi kapan loket buka."),
    ("perilaku", "Petugas membentak warga", "Petugas di loket membentak ibu lansia yang salah membawa berkas."),
    ("pungutan", "Diminta uang untuk mempercepat berkas", "Saya diminta Rp100.000 agar berkas cepat selesai, "
     "padahal layanan ini gratis."),
    ("sarana", "Toilet rusak dan tidak ada air", "Toilet di ruang tunggu rusak sejak dua minggu lalu."),
    ("pelayanan", "Hasil laboratorium tidak kunjung keluar", "Sudah lima hari menunggu hasil laboratorium tanpa kabar."),
    ("proyek", "Jalan baru sudah retak", "Jalan yang baru diperbaiki bulan lalu sudah retak di beberapa titik."),
    ("proyek", "Material proyek menutup saluran air", "Tumpukan pasir proyek menutup saluran sehingga banjir saat hujan."),
    ("lainnya", "Jam layanan tidak sesuai papan", "Papan menyebut buka 07.30 tetapi kantor baru buka pukul 09.00."),
    ("sarana", "Lampu jalan padam", "Lampu penerangan di depan kantor padam sejak sebulan."),
    ("pelayanan", "Berkas hilang", "Berkas permohonan izin usaha saya dinyatakan hilang dan harus mengulang."),
]
TANGGAPAN = ["Kami sudah menambah satu loket pada jam sibuk mulai minggu ini.",
             "Petugas yang bersangkutan telah dibina oleh atasannya.",
             "Perbaikan sudah dijadwalkan dan dikerjakan oleh bagian umum.",
             "Kami sudah menghubungi pelapor dan masalah telah diselesaikan."]


def _hex(rng: random.Random) -> str:
    return f"{rng.getrandbits(64):016x}"


def _waktu(rng: random.Random, day: dt.date) -> dt.datetime:
    tz = timezone.get_current_timezone()
    return dt.datetime.combine(day, dt.time(rng.randint(7, 15), rng.randint(0, 59)), tzinfo=tz)


def _hari_kerja(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    for _ in range(20):
        day = start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))
        if day.weekday() < 5:
            return day
    return start


def _pegawai_di(unit: UnitKerja, n: int, *, exclude: set[int]) -> list[Pegawai]:
    qs = (Pegawai.objects.filter(unit_kerja__path__startswith=unit.path, status=StatusPegawai.AKTIF,
                                 jabatan__is_kepala_unit=False).exclude(pk__in=exclude)
          .select_related("jabatan", "unit_kerja").order_by("pk"))
    return list(qs[:n])


def _foto(rng: random.Random, label: str) -> tuple[ContentFile, ContentFile]:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (640, 480), (rng.randint(90, 160), rng.randint(90, 140), rng.randint(60, 110)))
    draw = ImageDraw.Draw(img)
    for _ in range(12):
        x, y = rng.randint(0, 600), rng.randint(200, 460)
        draw.rectangle([x, y, x + rng.randint(20, 120), y + rng.randint(5, 30)], fill=(70, 70, 70))
    draw.text((16, 16), label, fill=(255, 255, 255))
    out, small = io.BytesIO(), io.BytesIO()
    img.save(out, "JPEG", quality=70)
    img.thumbnail((320, 320))
    img.save(small, "JPEG", quality=70)
    token = secrets.token_hex(8)
    return ContentFile(out.getvalue(), name=f"{token}.jpg"), ContentFile(small.getvalue(), name=f"{token}-kecil.jpg")


def seed(ctx) -> None:
    instansi = ctx.instansi
    today = ctx.today
    with disable_auditlog():
        KebijakanPartisipasi.objects.get_or_create(instansi=instansi)
        units = {u.kode: u for u in UnitKerja.objects.filter(instansi=instansi)}
        titik = _titik_layanan(instansi, units)
        proyek = _proyek(ctx, units)
        petugas = _petugas(ctx, units, titik, proyek)
        _survei(ctx, titik)
        _penilaian(ctx, petugas)
        _masukan(ctx, proyek, petugas)
        _pengelola(ctx, units)
        _pengaduan(ctx, units, titik, petugas)
        _balasan(ctx)
    ctx.shared["partisipasi_titik"] = [t.pk for t in titik]
    ctx.shared["partisipasi_petugas_demo"] = petugas[0].kode if petugas else None
    # Late complaints escalate now, as the hourly job would (notifications to pimpinan OPD and Inspektorat).
    from kinerja.partisipasi.services import pengaduan_eskalasi

    with disable_auditlog():
        pengaduan_eskalasi(now=timezone.make_aware(dt.datetime.combine(today, dt.time(8, 0))))


# --- service points ----------------------------------------------------------------------------------------------

# (unit code, name, short code, yearly population, quality 1–4)
def _specs(units: dict) -> list[tuple]:
    pusk = sorted((u for u in units.values() if u.jenis == "puskesmas"), key=lambda u: u.kode)[:7]
    specs = []
    for i, u in enumerate(pusk):
        slug = u.nama.replace("UPT Puskesmas ", "").lower().replace(" ", "-")
        specs.append((u.kode, f"{u.nama} — Pelayanan Umum", f"pkm-{slug}"[:24], 9000 + 1500 * i,
                      3.25 if i == 0 else 2.7 + 0.12 * i))
    specs += [
        ("DISDUKCAPIL.02", "Loket KTP-el Disdukcapil", "ktp-el", 16000, 2.75),
        ("DISDUKCAPIL.03", "Loket Akta Kelahiran dan Kematian", "akta", 7000, 3.05),
        ("DPMPTSP", "Mal Pelayanan Publik — Perizinan Berusaha", "perizinan", 5000, 3.35),
        ("RSUD.02", "Instalasi Rawat Jalan RSUD Bukitintan", "rsud-rajal", 30000, 2.95),
        ("RSUD.02", "Instalasi Gawat Darurat RSUD Bukitintan", "rsud-igd", 12000, 3.1),
        ("DINSOS", "Layanan Bantuan Sosial Dinsos", "bansos", 4000, 2.55),
    ]
    kec = sorted((u for u in units.values() if u.jenis == "kecamatan"), key=lambda u: u.kode)
    for i, k in enumerate(kec[:7]):
        unit = units.get(f"{k.kode}.03", k)
        specs.append((unit.kode, f"Pelayanan Terpadu {k.nama}", f"kec-{k.nama[10:].lower().replace(' ', '-')}"[:24],
                      3000 + 400 * i, 2.9 + 0.07 * i))
    return specs[:20]


def _titik_layanan(instansi, units) -> list[TitikLayanan]:
    rows = []
    for kode_unit, nama, kode, populasi, mutu in _specs(units):
        unit = units.get(kode_unit) or units.get(kode_unit.split(".")[0])
        if unit is None:
            continue
        obj = TitikLayanan(instansi=instansi, unit_kerja=unit, jenis=JenisTitik.LAYANAN, nama=nama, kode=kode,
                           populasi_per_tahun=populasi, alamat=unit.alamat,
                           deskripsi="Beri tahu kami pengalaman Anda hari ini. Tanpa akun, tanpa nama.")
        obj._mutu = mutu
        rows.append(obj)
    TitikLayanan.objects.bulk_create(rows)
    return rows


def _proyek(ctx, units) -> list[TitikLayanan]:
    """Five PUPR projects: the ones perencanaan created, completed by plain writes when it created fewer."""
    instansi, today = ctx.instansi, ctx.today
    pupr = units.get("PUPR")
    if pupr is None:
        return []
    found = list(ProgramKegiatan.objects.filter(instansi=instansi, jenis=JenisProgram.PROYEK,
                                                unit_kerja__path__startswith=pupr.path).order_by("kode")[:5])
    names = [("Rehabilitasi Jalan Desa Sukamaju", "Desa Sukamaju"),
             ("Pembangunan Jembatan Gantung Sungai Rawa", "Kecamatan Sungai Rawa"),
             ("Peningkatan Jalan Lembah Hijau – Air Jernih", "Kecamatan Lembah Hijau"),
             ("Rehabilitasi Jaringan Irigasi Tanjung Batu", "Kecamatan Tanjung Batu"),
             ("Pembangunan Drainase Bukitintan Kota", "Kecamatan Bukitintan Kota")]
    bina_marga = units.get("PUPR.02", pupr)
    for i in range(len(found), 5):
        nama, lokasi = names[i]
        obj = ProgramKegiatan(instansi=instansi, jenis=JenisProgram.PROYEK, kode=f"PARTISIPASI.PROYEK.{i + 1:02d}",
                              nama=nama, unit_kerja=bina_marga, tahun=today.year, lokasi=lokasi,
                              anggaran=Decimal(1_250_000_000 + 350_000_000 * i),
                              tanggal_mulai=dt.date(today.year, 2, 1), tanggal_selesai=dt.date(today.year, 11, 30),
                              deskripsi="Pekerjaan fisik Dinas PUPR tahun berjalan.")
        obj.save()
        found.append(obj)
    rows = []
    for i, program in enumerate(found):
        place = (program.lokasi or program.nama).split(",")[0].lower().replace("desa ", "").replace("kecamatan ", "")
        slug = "-".join("".join(c if c.isalnum() else " " for c in place).split())
        rows.append(TitikLayanan(instansi=instansi, unit_kerja=program.unit_kerja, jenis=JenisTitik.PROYEK,
                                 nama=program.nama, kode=f"proyek{i + 1}-{slug}"[:24].rstrip("-"), program=program,
                                 alamat=program.lokasi, deskripsi="Pantau dan beri masukan untuk pekerjaan ini."))
    TitikLayanan.objects.bulk_create(rows)
    return rows


# --- named ASN -------------------------------------------------------------------------------------------------


def _petugas(ctx, units, titik, proyek) -> list[PetugasLayanan]:
    """Named ASN who opted in: the demo nurse first, then staff of the service points and project supervisors."""
    used: set[int] = set()
    rows: list[PetugasLayanan] = []
    demo_user = ctx.accounts.get("pegawai")
    demo = Pegawai.objects.filter(user=demo_user).select_related("jabatan", "unit_kerja").first() if demo_user \
        else None

    def add(p: Pegawai, t: TitikLayanan | None, sebutan: str):
        used.add(p.pk)
        rows.append(PetugasLayanan(instansi=ctx.instansi, pegawai=p, titik=t, sebutan=sebutan,
                                   kode=f"{p.nama.split()[0].lower()}-{p.pk}"[:24],
                                   bersedia_sejak=dt.datetime(ctx.today.year - 1, 6, 1, tzinfo=dt.UTC)))

    by_unit = {t.unit_kerja_id: t for t in titik}
    if demo is not None:
        add(demo, by_unit.get(demo.unit_kerja_id), demo.jabatan.nama)
    for t in titik:
        count = 3 if t.kode.startswith(("pkm-", "ktp", "rsud")) else 1
        for p in _pegawai_di(t.unit_kerja, count, exclude=used):
            add(p, t, p.jabatan.nama if not t.kode.startswith("ktp") else "Petugas loket KTP-el")
    for t in proyek:
        for p in _pegawai_di(t.unit_kerja, 1, exclude=used):
            add(p, t, "Pengawas lapangan")
    PetugasLayanan.objects.bulk_create(rows)
    return rows


# --- the IKM survey ----------------------------------------------------------------------------------------------


def _jawaban(rng: random.Random, mutu: float) -> list[int]:
    out = []
    for i in range(9):
        bias = (0.25, 0.1, -0.3, 0.35, 0.05, 0.1, 0.15, -0.25, -0.1)[i]
        value = round(rng.gauss(mutu + bias, 0.6))
        out.append(min(4, max(1, value)))
    return out


def _survei(ctx, titik: list[TitikLayanan]) -> None:
    rng, today = ctx.rng, ctx.today
    quarters = rules.triwulan_terakhir(today, KUARTAL)
    rows = []
    for t in titik:
        for qi, q in enumerate(quarters):
            end = min(q.selesai, today)
            n = rng.randint(35, 110)
            trend = 0.06 * qi if t.kode.startswith("pkm-") else 0.02 * qi
            for _ in range(n):
                values = _jawaban(rng, t._mutu + trend)
                saran = ""
                if rng.random() < 0.16:
                    saran = rng.choice(SARAN_BAIK if sum(values) >= 27 else SARAN_KURANG)
                profil = {}
                if rng.random() < 0.7:
                    profil = {"jenis_kelamin": rng.choice("LP"), "usia": rng.randint(17, 75),
                              "pendidikan": rng.choice([c for c, _ in rules.PENDIDIKAN]),
                              "pekerjaan": rng.choice([c for c, _ in rules.PEKERJAAN])}
                paper = rng.random() < 0.05
                if paper and rng.random() < 0.5:
                    values[rng.randrange(9)] = None  # a skipped question on a paper form
                rows.append(ResponSurvei(
                    instansi=ctx.instansi, titik=t, dikirim_pada=_waktu(rng, _hari_kerja(rng, q.mulai, end)),
                    sumber=SumberKiriman.KERTAS if paper else SumberKiriman.DEMO,
                    ip_hash="" if paper else _hex(rng), perangkat_hash="" if paper else _hex(rng),
                    saran=saran, **{f"u{i + 1}": v for i, v in enumerate(values)}, **profil))
    # moderated items: profanity held, spam hidden
    moderator = ctx.accounts.get("atasan")
    pkm = titik[0]
    for text, status, alasan, tanda in (
        ("Petugasnya goblok, lama sekali!", StatusModerasi.DITINJAU, "", "kata_kasar"),
        ("Slot gacor maxwin deposit 10rb klik www.gacor88.xyz", StatusModerasi.DISEMBUNYIKAN,
         "Promosi judi daring (spam).", "spam"),
        ("Dasar bangsat semua petugas di sini", StatusModerasi.DISEMBUNYIKAN, "Kata kasar, tanpa isi masukan.",
         "kata_kasar"),
    ):
        rows.append(ResponSurvei(instansi=ctx.instansi, titik=pkm, dikirim_pada=_waktu(rng, today - dt.timedelta(
            days=rng.randint(1, 20))), sumber=SumberKiriman.DEMO, ip_hash=_hex(rng), perangkat_hash=_hex(rng),
            saran=text, status=status, tanda=tanda, alasan_moderasi=alasan,
            dimoderasi_oleh=moderator if status == StatusModerasi.DISEMBUNYIKAN else None,
            dimoderasi_pada=timezone.now() if status == StatusModerasi.DISEMBUNYIKAN else None,
            **{f"u{i + 1}": v for i, v in enumerate(_jawaban(rng, 2.0))}))
    # a planted burst: 30 answers in one hour from one address at a kecamatan office, held for review
    burst_titik = titik[-1]
    ip = _hex(rng)
    start = _waktu(rng, today - dt.timedelta(days=3))
    for k in range(30):
        rows.append(ResponSurvei(instansi=ctx.instansi, titik=burst_titik, dikirim_pada=start + dt.timedelta(minutes=2 * k),
                                 sumber=SumberKiriman.DEMO, ip_hash=ip, perangkat_hash=_hex(rng),
                                 status=StatusModerasi.DITINJAU, tanda="lonjakan,tidak_independen",
                                 **{f"u{i + 1}": 1 for i in range(9)}))
    ResponSurvei.objects.bulk_create(rows, batch_size=BATCH)
    hidden = ResponSurvei.objects.filter(titik=pkm, status=StatusModerasi.DISEMBUNYIKAN)
    if moderator is not None:
        CatatanModerasi.objects.bulk_create([
            CatatanModerasi(instansi=ctx.instansi, jenis_objek="survei", objek_id=r.pk, aksi="sembunyikan",
                            alasan=r.alasan_moderasi, status_sebelum=StatusModerasi.DITINJAU,
                            status_sesudah=StatusModerasi.DISEMBUNYIKAN, oleh=moderator) for r in hidden])


# --- ratings of named ASN ------------------------------------------------------------------------------------------


def _penilaian(ctx, petugas: list[PetugasLayanan]) -> None:
    rng, today = ctx.rng, ctx.today
    rows = []
    for i, p in enumerate(petugas):
        n = 3 if i == len(petugas) - 1 else (26 if i == 0 else rng.randint(6, 30))
        level = 4.4 if i == 0 else rng.uniform(3.1, 4.6)
        for _ in range(n):
            day = _hari_kerja(rng, today - dt.timedelta(days=180), today)
            stars = [min(5, max(1, round(rng.gauss(level, 0.7)))) for _ in range(4)]
            rows.append(PenilaianPetugas(
                instansi=ctx.instansi, petugas=p, pegawai=p.pegawai, unit_kerja_id=p.pegawai.unit_kerja_id,
                titik=p.titik, dikirim_pada=_waktu(rng, day), sumber=SumberKiriman.DEMO, ip_hash=_hex(rng),
                perangkat_hash=_hex(rng), kesopanan=stars[0], kecepatan=stars[1], kejelasan=stars[2],
                integritas=stars[3], komentar=rng.choice(KOMENTAR_PETUGAS) if rng.random() < 0.35 else ""))
    # planted brigading: one-star burst against a KTP-el officer, five-star burst for a puskesmas nurse
    targets = [(next((p for p in petugas if p.titik and p.titik.kode == "ktp-el"), None), 1, 20, "Pelayanan buruk!"),
               (petugas[1] if len(petugas) > 1 else None, 5, 15, "Terbaik!!!")]
    for target, star, count, text in targets:
        if target is None:
            continue
        start = _waktu(rng, today - dt.timedelta(days=2))
        ips = [_hex(rng), _hex(rng)]
        for k in range(count):
            rows.append(PenilaianPetugas(
                instansi=ctx.instansi, petugas=target, pegawai=target.pegawai, unit_kerja_id=target.pegawai.unit_kerja_id,
                titik=target.titik, dikirim_pada=start + dt.timedelta(minutes=2 * k), sumber=SumberKiriman.DEMO,
                ip_hash=ips[k % 2], perangkat_hash=_hex(rng), kesopanan=star, kecepatan=star, kejelasan=star,
                integritas=star, komentar=text if k % 4 == 0 else "", status=StatusModerasi.DITINJAU,
                tanda="lonjakan,tidak_independen"))
    PenilaianPetugas.objects.bulk_create(rows, batch_size=BATCH)


# --- residents' input on projects ----------------------------------------------------------------------------------


def _masukan(ctx, proyek: list[TitikLayanan], petugas: list[PetugasLayanan]) -> None:
    rng, today = ctx.rng, ctx.today
    by_titik = {p.titik_id: p for p in petugas if p.titik_id}
    rows, photos = [], 0
    for t in proyek:
        pengawas = by_titik.get(t.pk)
        for _ in range(rng.randint(25, 40)):
            obj = MasukanProyek(
                instansi=ctx.instansi, titik=t, dikirim_pada=_waktu(rng, _hari_kerja(rng, today - dt.timedelta(days=150),
                                                                                       today)),
                sumber=SumberKiriman.DEMO, ip_hash=_hex(rng), perangkat_hash=_hex(rng),
                kemajuan=rng.choices(["sesuai", "lambat", "berhenti", "selesai"], [6, 3, 1, 1])[0],
                kualitas=rng.choice([None, 2, 3, 3, 4, 4, 5]), petugas=pengawas if rng.random() < 0.5 else None,
                komentar=rng.choice(KOMENTAR_PROYEK) if rng.random() < 0.4 else "")
            if obj.petugas is not None:
                obj.sikap_petugas = rng.randint(3, 5)
            if photos < 6 and obj.komentar:
                big, small = _foto(rng, t.nama[:30])
                obj.foto.save(big.name, big, save=False)
                obj.foto_kecil.save(small.name, small, save=False)
                obj.foto_sha256 = secrets.token_hex(32)
                photos += 1
            rows.append(obj)
    MasukanProyek.objects.bulk_create(rows, batch_size=BATCH)


# --- complaints --------------------------------------------------------------------------------------------------


def _pengelola(ctx, units) -> None:
    rows = []
    seen: set[tuple[int, int | None]] = set()
    for unit_kode in ("DINKES.01", "DISDUKCAPIL.01", "PUPR.01", "DISKOMINFO"):
        unit = units.get(unit_kode)
        if unit is None:
            continue
        target = units.get(unit_kode.split(".")[0])  # handler for the whole OPD
        for p in _pegawai_di(unit, 1, exclude=set()):
            key = (p.pk, None if unit_kode == "DISKOMINFO" else target.pk)
            if key in seen:
                continue
            seen.add(key)
            rows.append(PengelolaPengaduan(instansi=ctx.instansi, pegawai=p,
                                           unit_kerja=None if unit_kode == "DISKOMINFO" else target))
    PengelolaPengaduan.objects.bulk_create(rows)


def _tiket(rng: random.Random, used: set[str]) -> str:
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    while True:
        raw = "".join(rng.choice(alphabet) for _ in range(8))
        kode = f"ADU-{raw[:4]}-{raw[4:]}"
        if kode not in used:
            used.add(kode)
            return kode


def _pengaduan(ctx, units, titik: list[TitikLayanan], petugas: list[PetugasLayanan]) -> None:
    rng, today, iid = ctx.rng, ctx.today, ctx.instansi.pk
    plan = ([StatusPengaduan.SELESAI] * 90 + [StatusPengaduan.DITINDAKLANJUTI] * 25
            + [StatusPengaduan.DIDISPOSISIKAN] * 25 + [StatusPengaduan.DIVERIFIKASI] * 15
            + [StatusPengaduan.DITERIMA] * 25 + [StatusPengaduan.DITOLAK] * 20)
    rng.shuffle(plan)
    named = list(petugas)
    demo_petugas = petugas[0] if petugas else None
    atasan = atasan_map([p.pegawai for p in named]) if named else {}
    used: set[str] = set()
    rows = []
    handler = ctx.accounts.get("admin_bkpsdm")
    for i, status in enumerate(plan):
        # open complaints are recent (some past their SLA), closed ones spread over four months
        age = {StatusPengaduan.DITERIMA: rng.randint(0, 10), StatusPengaduan.DIVERIFIKASI: rng.randint(0, 10),
               StatusPengaduan.DIDISPOSISIKAN: rng.randint(2, 20)}.get(status, rng.randint(8, 120))
        day = _hari_kerja(rng, today - dt.timedelta(days=age), today - dt.timedelta(days=max(0, age - 2)))
        when = _waktu(rng, day)
        kategori, judul, uraian = PENGADUAN[i % len(PENGADUAN)]
        about = None
        if i < 2 and demo_petugas is not None:
            about = demo_petugas  # two complaints about the demo nurse: her atasan sees them, she does not
        elif i % 9 == 0 and named:
            about = rng.choice(named)
        t = about.titik if about is not None and about.titik else rng.choice(titik)
        unit = about.pegawai.unit_kerja if about is not None else t.unit_kerja
        anonim = rng.random() < 0.55 and i != 0
        obj = Pengaduan(
            instansi=ctx.instansi, tiket=_tiket(rng, used), titik=t, unit_kerja=unit, petugas=about,
            pegawai_dilaporkan=about.pegawai if about else None,
            atasan_dilaporkan=atasan.get(about.pegawai.pk) if about else None,
            kategori="perilaku" if about and i < 2 else kategori, judul=judul, uraian=f"{uraian} ({t.nama})",
            uraian_sidik=_hex(rng), lokasi=t.alamat[:200], anonim=anonim,
            nama_pelapor="" if anonim else rng.choice(["Sri Wahyuni", "Bambang Saputra", "Rina Lestari", "Yusuf"]),
            kontak_pelapor="" if anonim else f"08{rng.randint(11, 99)}{rng.randint(10000000, 99999999)}",
            status=status, dikirim_pada=when, sumber=SumberKiriman.DEMO, ip_hash=_hex(rng), perangkat_hash=_hex(rng),
            tenggat_verifikasi=kalender.add_hari_kerja(day, 3, iid),
            tanda="kata_kasar" if i % 37 == 5 else "")
        rows.append(obj)
    entries = []
    for obj in rows:
        entries.extend(_riwayat(ctx, obj, handler))  # sets the stage timestamps before the rows are written
    Pengaduan.objects.bulk_create(rows, batch_size=BATCH)
    TanggapanPengaduan.objects.bulk_create(entries, batch_size=BATCH)


def _riwayat(ctx, obj: Pengaduan, handler) -> list[TanggapanPengaduan]:
    """Timestamps and timeline of a complaint that reached `obj.status`; some stages late on purpose."""
    rng, iid, today = ctx.rng, ctx.instansi.pk, ctx.today
    local = timezone.localtime(obj.dikirim_pada)
    out = [TanggapanPengaduan(instansi_id=iid, pengaduan=obj, jenis=JenisTanggapan.SISTEM, status_sesudah="diterima",
                              isi=f"Pengaduan diterima. Akan diverifikasi paling lambat {obj.tenggat_verifikasi:%d-%m-%Y}.",
                              dikirim_pada=obj.dikirim_pada)]
    order = ["diterima", "diverifikasi", "didisposisikan", "ditindaklanjuti", "selesai"]
    if obj.status == StatusPengaduan.DITERIMA:
        return out
    lama = rng.choice([1, 2, 2, 3, 3, 4, 5])  # working days to verify; 4–5 are late
    verif_day = min(today, kalender.add_hari_kerja(local.date(), lama, iid))

    def at(day):
        return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 15), rng.randint(0, 59))))

    if obj.status == StatusPengaduan.DITOLAK:
        obj.alasan_tolak = rng.choice(["Bukan kewenangan Pemerintah Kabupaten.", "Isi pengaduan tidak jelas dan "
                                       "pelapor tidak dapat dihubungi.", "Duplikat pengaduan sebelumnya."])
        obj.ditutup_pada = at(verif_day)
        out.append(TanggapanPengaduan(instansi_id=iid, pengaduan=obj, jenis=JenisTanggapan.PETUGAS, penulis=handler,
                                      status_sebelum="diterima", status_sesudah="ditolak",
                                      isi=f"Pengaduan ditolak: {obj.alasan_tolak}", dikirim_pada=obj.ditutup_pada))
        return out
    obj.diverifikasi_pada = at(verif_day)
    out.append(TanggapanPengaduan(instansi_id=iid, pengaduan=obj, jenis=JenisTanggapan.PETUGAS, penulis=handler,
                                  status_sebelum="diterima", status_sesudah="diverifikasi",
                                  isi="Pengaduan sudah diverifikasi.", dikirim_pada=obj.diverifikasi_pada))
    if order.index(obj.status) < 2:
        return out
    dispo_day = max(verif_day, min(today, kalender.add_hari_kerja(verif_day, 1, iid)))
    obj.didisposisikan_pada = at(dispo_day)
    obj.tenggat_tindak_lanjut = kalender.add_hari_kerja(dispo_day, 5, iid)
    out.append(TanggapanPengaduan(instansi_id=iid, pengaduan=obj, jenis=JenisTanggapan.PETUGAS, penulis=handler,
                                  unit_kerja=obj.unit_kerja, status_sebelum="diverifikasi",
                                  status_sesudah="didisposisikan",
                                  isi=f"Diteruskan kepada {obj.unit_kerja.nama} untuk ditindaklanjuti paling lambat "
                                      f"{obj.tenggat_tindak_lanjut:%d-%m-%Y}.", dikirim_pada=obj.didisposisikan_pada))
    if order.index(obj.status) < 3:
        return out
    tl_day = min(today, kalender.add_hari_kerja(dispo_day, rng.choice([1, 2, 3, 4, 5, 6, 8]), iid))
    obj.ditindaklanjuti_pada = at(tl_day)
    out.append(TanggapanPengaduan(instansi_id=iid, pengaduan=obj, jenis=JenisTanggapan.PETUGAS,
                                  unit_kerja=obj.unit_kerja, status_sebelum="didisposisikan",
                                  status_sesudah="ditindaklanjuti", isi=rng.choice(TANGGAPAN),
                                  dikirim_pada=obj.ditindaklanjuti_pada))
    if rng.random() < 0.3:
        out.append(TanggapanPengaduan(instansi_id=iid, pengaduan=obj, jenis=JenisTanggapan.PELAPOR,
                                      isi="Terima kasih, sudah ada perbaikan.",
                                      dikirim_pada=obj.ditindaklanjuti_pada + dt.timedelta(hours=5)))
    if obj.status == StatusPengaduan.SELESAI:
        close_day = min(today, kalender.add_hari_kerja(tl_day, rng.choice([1, 2, 3]), iid))
        obj.ditutup_pada = at(close_day)
        if obj.ditutup_pada < obj.ditindaklanjuti_pada:
            obj.ditutup_pada = obj.ditindaklanjuti_pada + dt.timedelta(hours=6)
        out.append(TanggapanPengaduan(instansi_id=iid, pengaduan=obj, jenis=JenisTanggapan.PETUGAS,
                                      status_sebelum="ditindaklanjuti", status_sesudah="selesai",
                                      isi="Pengaduan dinyatakan selesai.", dikirim_pada=obj.ditutup_pada))
    return out


# --- public replies ------------------------------------------------------------------------------------------------


def _balasan(ctx) -> None:
    """Replies by unit heads to survey suggestions and by the demo nurse to comments about her."""
    rng = ctx.rng
    rows = []
    heads = {p.unit_kerja_id: p for p in Pegawai.objects.filter(instansi=ctx.instansi, jabatan__is_kepala_unit=True,
                                                                  status=StatusPegawai.AKTIF).select_related("user",
                                                                                                               "unit_kerja")}
    saran = list(ResponSurvei.objects.filter(instansi=ctx.instansi, status=StatusModerasi.TAMPIL)
                 .exclude(saran="").select_related("titik__unit_kerja").order_by("-dikirim_pada")[:200])
    rng.shuffle(saran)
    for r in saran[:20]:
        head = heads.get(r.titik.unit_kerja_id) or heads.get(r.titik.unit_kerja.induk_id)
        if head is None or head.user_id is None:
            continue
        rows.append(BalasanPublik(instansi=ctx.instansi, respon_survei=r, penulis_id=head.user_id, sebagai="unit",
                                  unit_kerja=r.titik.unit_kerja, nama_tampil=r.titik.unit_kerja.nama,
                                  isi="Terima kasih atas masukannya. " + rng.choice(
                                      ["Kami tindak lanjuti minggu ini.", "Sudah kami sampaikan kepada petugas.",
                                       "Perbaikan sedang kami jadwalkan."]),
                                  dikirim_pada=r.dikirim_pada + dt.timedelta(days=1)))
    demo_user = ctx.accounts.get("pegawai")
    if demo_user is not None:
        pegawai = Pegawai.objects.filter(user=demo_user).first()
        for r in (PenilaianPetugas.objects.filter(pegawai=pegawai, status=StatusModerasi.TAMPIL).exclude(komentar="")
                  .order_by("-dikirim_pada")[:2]):
            rows.append(BalasanPublik(instansi=ctx.instansi, penilaian_petugas=r, penulis=demo_user, sebagai="asn",
                                      unit_kerja_id=pegawai.unit_kerja_id,
                                      nama_tampil=f"{pegawai.nama_lengkap} (petugas yang dinilai)",
                                      isi="Terima kasih, Bapak/Ibu. Semoga lekas sehat.",
                                      dikirim_pada=r.dikirim_pada + dt.timedelta(hours=20)))
    BalasanPublik.objects.bulk_create(rows)
