"""The demo's adoption programme: "Sosialisasi Kinerja" with past sessions across OPD (attendance, quiz results,
feedback, certificates and development history), a session running today at Dinas Kesehatan (so a QR check-in can
be tried), upcoming sessions (one targeted at lagging units) and a draft; six weeks of weekly activity; adoption
metrics computed for those weeks with lagging units flagged; a closed pulse-survey round with answers, an open
round, and a few "Anda berkata, kami lakukan" items.

Bulk writes only, no audit entries (the seed is not a user action). Volume stays small at any size: session
audiences are a handful of units, activity is one row per account per week.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from auditlog.context import disable_auditlog
from django.core.files.base import ContentFile
from django.utils import timezone

from kinerja.core.models import Peran, PeranPengguna
from kinerja.organisasi.models import Pegawai, StatusPegawai, UnitKerja
from kinerja.pelatihan import rules, services
from kinerja.pelatihan.models import (
    AktivitasPengguna,
    CaraDaftar,
    CaraHadir,
    FokusSesi,
    JenisKegiatan,
    JenisPengembangan,
    MateriSesi,
    ModeKegiatan,
    PartisipasiSurvei,
    PesertaSesi,
    ProgramPelatihan,
    PutaranSurvei,
    ResponsSurvei,
    RiwayatPengembangan,
    SasaranSesi,
    SesiPelatihan,
    SoalKuis,
    StatusSesi,
    StatusTindakLanjut,
    SumberRiwayat,
    TindakLanjutSurvei,
    UmpanBalikSesi,
)

MINGGU_AKTIVITAS = 4  # weeks of activity and metrics (the dashboard's trend)
SURVEI_MAKS = (2500, 800)  # answers in the closed and the open round at most (a sample at large sizes)
BATCH = 2000
KUIS = [
    ("Laporan harian dapat diisi bila …", ["SKP sudah disetujui atasan", "Atasan sedang cuti", "Sudah akhir bulan"], 0),
    ("Siapa yang meninjau laporan harian Anda?", ["Rekan satu unit", "Pejabat penilai (atasan langsung)",
                                                  "Admin BKPSDM"], 1),
    ("Bukti dukung yang baik adalah …", ["Foto kegiatan atau dokumen hasil kerja", "Tangkapan layar beranda",
                                         "Tidak perlu bukti"], 0),
]
SARAN = ["Waktunya kurang, perlu sesi lanjutan.", "Contoh dari puskesmas sangat membantu.",
         "Mohon materi dibagikan sebelum sesi.", "Praktik langsung di ponsel paling bermanfaat.",
         "Sinyal di aula lemah; sediakan wifi.", ""]
KOMENTAR = ["Tombol simpan draf laporan perlu lebih jelas.", "Sinyal di desa lemah, mode luring sangat membantu.",
            "Atasan saya jarang meninjau laporan.", "Tolong sediakan pelatihan untuk guru senior.",
            "Mohon notifikasi lewat WhatsApp.", "Formulir SKP terlalu panjang di ponsel.",
            "Sudah lebih mudah dibanding aplikasi lama.", "Penilaian terasa lebih adil dengan bukti dukung.", "", "", ""]
MATERI_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
              b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>"
              b"endobj\n4 0 obj<</Length 58>>stream\nBT /F1 18 Tf 72 760 Td (Materi Sosialisasi Kinerja) Tj ET\n"
              b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
              b"xref\n0 6\n0000000000 65535 f \ntrailer<</Size 6/Root 1 0 R>>\nstartxref\n0\n%%EOF\n")


def _insert_many(model, fields: list[str], rows: list[tuple]) -> None:
    """Plain multi-row INSERT for the largest demo table (no model objects: 20,000 pegawai × weeks of activity
    would spend most of the seed in the ORM). Columns and value conversion are the model's own; nothing is
    audited."""
    from django.db import DEFAULT_DB_ALIAS, connections

    connection = connections[DEFAULT_DB_ALIAS]
    model_fields = [model._meta.get_field(f) for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(f.column) for f in model_fields)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608 - names from the model
    cache: dict[tuple[int, object], object] = {}  # values repeat (ids, dates): convert each once

    def prep(i: int, value):
        key = (i, value)
        if key not in cache:
            cache[key] = model_fields[i].get_db_prep_save(value, connection)
        return cache[key]

    prepared = [tuple(prep(i, v) for i, v in enumerate(row)) for row in rows]
    with connection.cursor() as cursor:
        for i in range(0, len(prepared), 5000):
            cursor.executemany(sql, prepared[i:i + 5000])


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _kode(rng: random.Random) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(rng.choice(alphabet) for _ in range(10))


def seed(ctx) -> None:
    if ctx.instansi is None:
        return
    with disable_auditlog():
        _Seeder(ctx).run()


class _Seeder:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng: random.Random = ctx.rng
        self.instansi = ctx.instansi
        self.today: dt.date = ctx.today
        self.admin = ctx.accounts.get("admin_bkpsdm")
        self.people = list(Pegawai.objects.filter(instansi=self.instansi, status=StatusPegawai.AKTIF,
                                                  unit_kerja__isnull=False)
                           .values_list("pk", "user_id", "unit_kerja_id", "opd_id", "unit_kerja__path"))
        self.units = {u.pk: u for u in UnitKerja.objects.filter(instansi=self.instansi)}
        self.by_kode = {u.kode: u for u in self.units.values()}
        demo = ctx.accounts.get("pegawai")
        self.demo_pegawai = Pegawai.objects.filter(user=demo).select_related("unit_kerja").first() if demo else None
        self.used_codes: set[str] = set()

    # --- helpers ---------------------------------------------------------------------------------------------
    def audience(self, units: list[UnitKerja], peran: list[str] = ()) -> list[tuple]:
        paths = [u.path for u in units]
        rows = [p for p in self.people if any(p[4].startswith(path) for path in paths)]
        if Peran.PIMPINAN_OPD in peran:
            heads = set(Pegawai.objects.filter(instansi=self.instansi, jabatan__is_kepala_unit=True,
                                               jabatan__unit_kerja__induk__isnull=True).values_list("pk", flat=True))
            seen = {r[0] for r in rows}
            rows += [p for p in self.people if p[0] in heads and p[0] not in seen]
        if Peran.ADMIN_BKPSDM in peran:
            users = set(PeranPengguna.objects.filter(instansi=self.instansi, peran=Peran.ADMIN_BKPSDM)
                        .values_list("user_id", flat=True))
            seen = {r[0] for r in rows}
            rows += [p for p in self.people if p[1] in users and p[0] not in seen]
        return rows

    def units_of(self, kode_prefix: str, jenis: str | None = None, n: int = 3) -> list[UnitKerja]:
        found = sorted((u for u in self.units.values() if u.kode.startswith(kode_prefix)
                        and (jenis is None or u.jenis == jenis)), key=lambda u: u.kode)
        return found[:n]

    def sesi(self, *, program, judul, jenis, mulai, jam, tempat, units, peran=(), fokus=(), status=StatusSesi.TERBIT,
             mode=ModeKegiatan.TATAP_MUKA, tautan="", narasumber="Tim Kinerja BKPSDM", jp=2, kuota=None,
             deskripsi="") -> SesiPelatihan:
        sesi = SesiPelatihan.objects.create(
            instansi=self.instansi, program=program, judul=judul, jenis=jenis, deskripsi=deskripsi,
            narasumber=narasumber, mode=mode, tempat=tempat, tautan_daring=tautan, mulai=mulai,
            selesai=mulai + dt.timedelta(hours=jam), kuota=kuota, jam_pelajaran=jp, status=status,
            penyelenggara=self.admin, diterbitkan_pada=mulai - dt.timedelta(days=7) if status == StatusSesi.TERBIT
            else None, rahasia_presensi=secrets.token_hex(32))
        SasaranSesi.objects.bulk_create([SasaranSesi(instansi=self.instansi, sesi=sesi, unit=u) for u in units]
                                        + [SasaranSesi(instansi=self.instansi, sesi=sesi, peran=p) for p in peran])
        FokusSesi.objects.bulk_create([FokusSesi(instansi=self.instansi, sesi=sesi, kode=k) for k in fokus])
        return sesi

    def invite(self, sesi: SesiPelatihan, rows: list[tuple], *, simpan: bool = True) -> list[PesertaSesi]:
        peserta = [PesertaSesi(instansi=self.instansi, sesi=sesi, pegawai_id=pk, opd_id=opd, unit_kerja_id=unit,
                               cara_daftar=CaraDaftar.UNDANGAN) for pk, _u, unit, opd, _p in rows]
        if simpan:
            PesertaSesi.objects.bulk_create(peserta, batch_size=BATCH)
        return peserta

    def kuis(self, sesi: SesiPelatihan) -> list[SoalKuis]:
        return SoalKuis.objects.bulk_create([
            SoalKuis(instansi=self.instansi, sesi=sesi, urutan=i, pertanyaan=q, pilihan=p, kunci=k)
            for i, (q, p, k) in enumerate(KUIS, start=1)])

    def materi(self, sesi: SesiPelatihan, judul: str) -> None:
        m = MateriSesi(instansi=self.instansi, sesi=sesi, judul=judul, jenis="pdf", mime="application/pdf",
                       ukuran=len(MATERI_PDF), sha256="demo", nama_asli=f"{judul}.pdf", diunggah_oleh=self.admin)
        m.berkas.save(f"demo-{sesi.pk}-{secrets.token_hex(6)}.pdf", ContentFile(MATERI_PDF), save=False)
        m.save()

    def kode_unik(self) -> str:
        while True:
            kode = _kode(self.rng)
            if kode not in self.used_codes:
                self.used_codes.add(kode)
                return kode

    def past(self, sesi: SesiPelatihan, peserta: list[PesertaSesi], hadir_rate: float, ada_kuis: bool) -> None:
        """Attendance, quiz, feedback, certificates and development history of a session that took place; sets the
        fields on the unsaved participants, then writes everything with bulk inserts."""
        rng = self.rng
        demo_pk = self.demo_pegawai.pk if self.demo_pegawai else None
        fokus = list(sesi.fokus.values_list("kode", flat=True))
        riwayat, urut, beri_umpan_balik = [], 0, []
        for p in peserta:
            if p.pegawai_id != demo_pk and rng.random() > hadir_rate:
                continue
            p.hadir_pada = sesi.mulai + dt.timedelta(minutes=rng.randint(-20, 25))
            p.cara_hadir = CaraHadir.QR if rng.random() < 0.85 else rng.choice([CaraHadir.KODE, CaraHadir.MANUAL])
            lulus = True
            if ada_kuis:
                p.percobaan_kuis = 1 if rng.random() < 0.8 else 2
                p.nilai_kuis = rng.choice([67, 100, 100, 67, 100, 33]) if p.pegawai_id != demo_pk else 100
                lulus = p.nilai_kuis >= sesi.nilai_lulus
                p.lulus_kuis = lulus
                p.kuis_pada = sesi.selesai + dt.timedelta(minutes=rng.randint(5, 600))
            if lulus and sesi.sertifikat:
                urut += 1
                p.sertifikat_nomor = rules.nomor_sertifikat(timezone.localtime(sesi.mulai).year, sesi.pk, urut)
                p.sertifikat_kode = self.kode_unik()
                p.sertifikat_terbit_pada = sesi.selesai + dt.timedelta(hours=14)
            if lulus:
                riwayat.append(RiwayatPengembangan(
                    instansi=self.instansi, pegawai_id=p.pegawai_id, judul=sesi.judul, jenis=sesi.jenis,
                    penyelenggara=f"BKPSDM {self.instansi.nama_daerah}",
                    tanggal_mulai=timezone.localtime(sesi.mulai).date(),
                    tanggal_selesai=timezone.localtime(sesi.selesai).date(), jam_pelajaran=sesi.jam_pelajaran,
                    fokus=fokus, sesi=sesi, sertifikat_nomor=p.sertifikat_nomor, sumber=SumberRiwayat.SESI,
                    dicatat_oleh=self.admin))
            if rng.random() < 0.6:
                beri_umpan_balik.append(p)
        PesertaSesi.objects.bulk_create(peserta, batch_size=BATCH)
        UmpanBalikSesi.objects.bulk_create([
            UmpanBalikSesi(instansi=self.instansi, peserta=p, nilai_materi=rng.choice([3, 4, 4, 5]),
                           nilai_narasumber=rng.choice([3, 4, 5, 5]), nilai_manfaat=rng.choice([2, 4, 4, 5, 5]),
                           saran=rng.choice(SARAN)) for p in beri_umpan_balik], batch_size=BATCH)
        RiwayatPengembangan.objects.bulk_create(riwayat, batch_size=BATCH)

    # --- the programme ---------------------------------------------------------------------------------------
    def run(self) -> None:
        if self.admin is None or not self.people:
            return
        today, year = self.today, self.today.year
        program = ProgramPelatihan.objects.create(
            instansi=self.instansi, nama=f"Sosialisasi Kinerja {year}", tahun=year,
            deskripsi="Sosialisasi dan pelatihan bertahap di setiap OPD agar ASN memahami manfaat Kinerja dan "
                      "terlibat sejak awal: bukan sekadar seminggu.")
        pusk = self.units_of("DINKES.P", "puskesmas", n=6)
        sukamaju = self.demo_pegawai.unit_kerja if self.demo_pegawai else pusk[0]
        if sukamaju not in pusk:
            pusk = [sukamaju] + pusk[:5]
        kec = [u for u in self.units.values() if u.jenis == "kecamatan"]
        kec = sorted(kec, key=lambda u: u.kode)[:3]
        sekolah = self.units_of("DISDIKBUD.S", "sekolah", n=5)
        bkpsdm = self.by_kode.get("BKPSDM")
        dinkes = self.by_kode.get("DINKES")
        sekretariat_dinkes = next((u for u in self.units.values() if u.induk_id == getattr(dinkes, "pk", None)
                                   and u.jenis == "sekretariat"), None)

        tatap = ModeKegiatan.TATAP_MUKA
        past = [
            # (judul, jenis, days from today, hours, place, units, roles, fokus, attendance, quiz, mode, link)
            ("Pengenalan Kinerja bagi pimpinan OPD", JenisKegiatan.SOSIALISASI, -52, 3,
             "Ruang Rapat Bupati, Kantor Bupati Bukitintan", [bkpsdm], [Peran.PIMPINAN_OPD],
             ["literasi_digital", "dialog_kinerja"], 0.9, False, tatap, ""),
            ("Menyusun SKP dan RHK yang terukur", JenisKegiatan.BIMTEK, -38, 4, "Aula Dinas Kesehatan", pusk[:3], [],
             ["skp"], 0.82, True, tatap, ""),
            ("Mengisi laporan harian dari ponsel", JenisKegiatan.PELATIHAN, -24, 3, "Aula Kantor Camat", kec, [],
             ["laporan_harian", "literasi_digital"], 0.7, True, tatap, ""),
            ("Umpan balik berkelanjutan bagi atasan", JenisKegiatan.LOKAKARYA, -17, 3, "Aula BKPSDM", pusk[3:],
             [Peran.PIMPINAN_OPD], ["umpan_balik", "dialog_kinerja"], 0.75, False, tatap, ""),
            ("BerAKHLAK: Berorientasi Pelayanan di puskesmas", JenisKegiatan.PELATIHAN, -10, 2,
             "UPT Puskesmas Sukamaju", pusk[:2], [], ["berorientasi_pelayanan", "pelayanan_publik"], 0.8, True, tatap,
             ""),
            ("Kinerja untuk guru: SKP dan laporan harian", JenisKegiatan.SOSIALISASI, -6, 2, "", sekolah, [],
             ["skp", "laporan_harian"], 0.65, True, ModeKegiatan.DARING, "https://vicon.bukitintan.go.id/kinerja-guru"),
        ]
        for judul, jenis, hari, jam, tempat, units, peran, fokus, rate, ada_kuis, mode, tautan in past:
            day = today + dt.timedelta(days=hari)
            while day.weekday() >= 5:
                day -= dt.timedelta(days=1)
            units = [u for u in units if u]
            sesi = self.sesi(program=program, judul=judul, jenis=jenis, mulai=_aware(day, 9), jam=jam, tempat=tempat,
                             units=units, peran=peran, fokus=fokus, mode=mode, tautan=tautan, jp=jam)
            peserta = self.invite(sesi, self.audience(units, peran), simpan=False)
            if ada_kuis:
                self.kuis(sesi)
            self.materi(sesi, f"Materi {sesi.judul}")
            self.past(sesi, peserta, rate, ada_kuis)

        # Today: a clinic at Dinas Kesehatan, open all working day, so the QR check-in can be tried in the demo.
        hari_ini_units = [u for u in (sukamaju, sekretariat_dinkes) if u]
        sesi_hari_ini = self.sesi(
            program=program, judul="Klinik Kinerja: tanya jawab laporan harian", jenis=JenisKegiatan.SOSIALISASI,
            mulai=_aware(today, 7, 30), jam=9, tempat="Aula Dinas Kesehatan, Jl. Merdeka No. 12",
            units=hari_ini_units, fokus=["laporan_harian", "literasi_digital"],
            deskripsi="Bawa ponsel Anda. Kami bantu mengisi laporan harian pertama dan menjawab pertanyaan.")
        self.invite(sesi_hari_ini, self.audience(hari_ini_units))
        self.kuis(sesi_hari_ini)
        self.materi(sesi_hari_ini, "Panduan singkat laporan harian")

        # Coming up and a draft.
        depan = today + dt.timedelta(days=9)
        while depan.weekday() >= 5:
            depan += dt.timedelta(days=1)
        sesi_depan = self.sesi(program=program, judul="BerAKHLAK: Kolaboratif dalam tim lintas bidang",
                               jenis=JenisKegiatan.PELATIHAN, mulai=_aware(depan, 13), jam=2, tempat="Aula BKPSDM",
                               units=[bkpsdm] if bkpsdm else [], fokus=["kolaboratif", "harmonis"])
        self.invite(sesi_depan, self.audience([bkpsdm] if bkpsdm else []))
        self.sesi(program=program, judul="Evaluasi kinerja dan predikat: yang perlu diketahui pegawai",
                  jenis=JenisKegiatan.SOSIALISASI, mulai=_aware(depan + dt.timedelta(days=14), 9), jam=2,
                  tempat="Daring", mode=ModeKegiatan.DARING, tautan="https://vicon.bukitintan.go.id/evaluasi",
                  units=[dinkes] if dinkes else [], fokus=["evaluasi"], status=StatusSesi.DRAF)

        self.external_history()
        self.activity()
        self.metrics()
        self.targeted(program, depan)
        self.survey()
        self.ctx.shared["pelatihan_sesi_hari_ini"] = sesi_hari_ini.pk

    def external_history(self) -> None:
        """Trainings taken outside Kinerja (Latsar, e-learning …) for about 4 % of pegawai."""
        rng = self.rng
        judul = [("Pelatihan Dasar CPNS", JenisPengembangan.PELATIHAN, 60, "BPSDM Provinsi"),
                 ("E-learning Literasi Digital ASN", JenisPengembangan.KURSUS, 10, "LAN RI (ASN Unggul)"),
                 ("Webinar Pelayanan Publik Prima", JenisPengembangan.SEMINAR, 3, "KemenPANRB"),
                 ("Coaching kepemimpinan pengawas", JenisPengembangan.COACHING, 8, "BKPSDM")]
        rows = []
        for pk, *_rest in self.people:
            if rng.random() < 0.04:
                j, jenis, jp, penyelenggara = rng.choice(judul)
                selesai = self.today - dt.timedelta(days=rng.randint(20, 500))
                rows.append(RiwayatPengembangan(instansi=self.instansi, pegawai_id=pk, judul=j, jenis=jenis,
                                                penyelenggara=penyelenggara, jam_pelajaran=jp,
                                                tanggal_mulai=selesai - dt.timedelta(days=min(jp // 8, 20)),
                                                tanggal_selesai=selesai, sumber=SumberRiwayat.MANUAL,
                                                dicatat_oleh=self.admin))
        RiwayatPengembangan.objects.bulk_create(rows, batch_size=BATCH)

    def activity(self) -> None:
        """Weeks of use (`MINGGU_AKTIVITAS`). Each OPD has its own habit, so some units lag; the demo accounts are always active."""
        rng = self.rng
        demo_users = {u.pk for u in self.ctx.accounts.values()}
        opd_rate = {}
        for opd_id in sorted({p[3] for p in self.people if p[3]}):
            opd_rate[opd_id] = rng.choice([0.45, 0.55, 0.7, 0.8, 0.85, 0.9, 0.92, 0.95])
        rows: dict[tuple[int, dt.date], tuple] = {}
        awal = rules.awal_minggu(self.today)
        iid = self.instansi.pk
        for w in range(MINGGU_AKTIVITAS - 1, -1, -1):
            minggu = awal - dt.timedelta(days=7 * w)
            akhir = min(self.today, minggu + dt.timedelta(days=4))
            trend = 0.08 * (MINGGU_AKTIVITAS - 1 - w) / max(1, MINGGU_AKTIVITAS - 1)  # adoption grows
            for _pk, user_id, _unit, opd_id, _path in self.people:
                if not user_id:
                    continue
                if user_id not in demo_users and rng.random() > min(0.98, opd_rate.get(opd_id, 0.7) + trend):
                    continue
                hari = rng.randint(1, max(1, (akhir - minggu).days + 1))
                rows[(user_id, minggu)] = (iid, user_id, minggu, hari, minggu + dt.timedelta(days=hari - 1))
            for uid in demo_users:  # e.g. the bupati has no pegawai row but uses the system
                rows.setdefault((uid, minggu), (iid, uid, minggu, 1, min(self.today, minggu)))
        _insert_many(AktivitasPengguna, ["instansi", "user", "minggu", "hari_aktif", "terakhir"], list(rows.values()))

    def metrics(self) -> None:
        awal = rules.awal_minggu(self.today)
        for w in range(MINGGU_AKTIVITAS - 1, -1, -1):
            services.metrik_adopsi_hitung(instansi=self.instansi, minggu=awal - dt.timedelta(days=7 * w),
                                          today=self.today)

    def targeted(self, program, depan: dt.date) -> None:
        """A published session aimed at the three largest lagging units for report compliance."""
        lagging = [m for m in services.metrik.MetrikAdopsi.objects.filter(
            instansi=self.instansi, minggu=rules.awal_minggu(self.today), tingkat="unit", tertinggal=True)
            if "kepatuhan" in m.alasan or "aktif" in m.alasan]
        lagging = sorted(lagging, key=lambda m: (-m.jumlah_pegawai, m.nama))[:3]
        units = [self.units[m.unit_id] for m in lagging if m.unit_id in self.units]
        if not units:
            return
        day = depan + dt.timedelta(days=2)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        sesi = self.sesi(program=program, judul="Sosialisasi terarah: laporan harian untuk unit yang tertinggal",
                         jenis=JenisKegiatan.SOSIALISASI, mulai=_aware(day, 9), jam=2,
                         tempat="Aula BKPSDM", units=units, fokus=["laporan_harian", "literasi_digital"],
                         deskripsi="Direncanakan dari dasbor adopsi: unit dengan kepatuhan laporan rendah.")
        self.invite(sesi, self.audience(units))

    def survey(self) -> None:
        """A closed round with answers from about a third of pegawai, an open round with a few, and replies."""
        rng = self.rng
        lalu = PutaranSurvei.objects.create(
            instansi=self.instansi, judul="Survei denyut triwulan lalu", mulai=self.today - dt.timedelta(days=80),
            selesai=self.today - dt.timedelta(days=67), min_tampil=rules.MIN_TAMPIL_DEFAULT, dibuat_oleh=self.admin)
        kini = PutaranSurvei.objects.create(
            instansi=self.instansi, judul="Survei denyut triwulan ini", mulai=self.today - dt.timedelta(days=3),
            selesai=self.today + dt.timedelta(days=10), min_tampil=rules.MIN_TAMPIL_DEFAULT, dibuat_oleh=self.admin)
        demo_users = {u.pk for u in self.ctx.accounts.values()}
        opd_bias = {}
        for putaran, share, maks in ((lalu, 0.33, SURVEI_MAKS[0]), (kini, 0.12, SURVEI_MAKS[1])):
            partisipasi, respons = [], []
            share = min(share, maks / max(1, len(self.people)))
            for _pk, user_id, _unit, opd_id, _path in self.people:
                if not user_id or user_id in demo_users or rng.random() > share:
                    continue
                bias = opd_bias.setdefault(opd_id, rng.choice([-1, 0, 0, 1]))

                def skor(base: float, bias=bias) -> int:
                    return max(1, min(5, round(rng.gauss(base + 0.4 * bias, 0.9))))

                partisipasi.append(PartisipasiSurvei(putaran=putaran, user_id=user_id))
                respons.append(ResponsSurvei(putaran=putaran, opd_id=opd_id, kegunaan=skor(3.7 if putaran == kini else 3.4),
                                             keadilan=skor(3.2), kemudahan=skor(3.6 if putaran == kini else 3.1),
                                             komentar=rng.choice(KOMENTAR)))
            rng.shuffle(respons)  # no common order between who answered and what was answered
            PartisipasiSurvei.objects.bulk_create(partisipasi, batch_size=BATCH)
            ResponsSurvei.objects.bulk_create(respons, batch_size=BATCH)
        items = [
            ("Sinyal di desa lemah; laporan sering gagal terkirim.",
             "Laporan harian kini tersimpan di ponsel saat luring dan terkirim otomatis ketika sinyal kembali.",
             StatusTindakLanjut.SELESAI, 60),
            ("Atasan lambat meninjau laporan.",
             "Atasan menerima pengingat harian untuk laporan yang menunggu lebih dari 3 hari kerja, dan waktu "
             "tinjauan setiap unit tampil di dasbor adopsi.", StatusTindakLanjut.SELESAI, 45),
            ("Formulir SKP terlalu panjang di ponsel.",
             "Kami memecah formulir RHK menjadi langkah-langkah pendek; uji coba dengan 3 puskesmas bulan ini.",
             StatusTindakLanjut.DIKERJAKAN, 20),
            ("Perlu pelatihan khusus untuk guru senior.",
             "Sesi daring \"Kinerja untuk guru\" sudah berjalan; sesi tatap muka per kecamatan dijadwalkan.",
             StatusTindakLanjut.DIRENCANAKAN, 5),
        ]
        TindakLanjutSurvei.objects.bulk_create([
            TindakLanjutSurvei(instansi=self.instansi, putaran=lalu, anda_berkata=a, kami_lakukan=b, status=s,
                               tanggal=self.today - dt.timedelta(days=d), terbit=True, ditulis_oleh=self.admin)
            for a, b, s, d in items])

