"""The demo's performance plans: this year's period (berjalan, triwulanan, four quarterly windows plus a separate
annual one), last year's closed period, regency and OPD targets, a program registry, and an SKP for every demo
pegawai with RHK cascaded from their atasan and realistic indicators. Bulk writes only (20,000 pegawai in seconds).

`bangun_skp(...)` is reused by tests and the bench to build large cascades quickly.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from auditlog.context import disable_auditlog
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

from kinerja.core.models import Instansi
from kinerja.organisasi import demo_data as OD
from kinerja.organisasi.models import JenisJabatan, Pegawai, StatusPegawai, UnitKerja
from kinerja.organisasi.selectors import atasan_map
from kinerja.perencanaan import demo_data as D
from kinerja.perencanaan import rules
from kinerja.perencanaan.models import (
    AsalRhk,
    EkspektasiPerilaku,
    IndikatorKinerja,
    JenisSkp,
    PeriodeKinerja,
    ProgramKegiatan,
    RencanaHasilKerja,
    RiwayatSkp,
    SasaranKinerjaPegawai,
    SasaranOrganisasi,
    StatusPeriode,
    StatusSkp,
    SumberSasaran,
)
from kinerja.perencanaan.services import _jadwal_for, snapshot_pegawai

BATCH = 2000
OPD_DOMAIN = {kode: domain for kode, _n, _s, _j, _h, _b, _w, domain in OD.OPD}


def seed(ctx) -> None:
    instansi: Instansi = ctx.instansi
    rng = ctx.rng
    year = ctx.today.year
    with disable_auditlog():
        periode = buat_periode(instansi, year, StatusPeriode.BERJALAN)
        lalu = buat_periode(instansi, year - 1, StatusPeriode.DITUTUP)
        opd = list(UnitKerja.objects.filter(instansi=instansi, induk__isnull=True))
        sasaran = buat_sasaran(instansi, periode, opd)
        sasaran_lalu = buat_sasaran(instansi, lalu, opd)
        program = buat_program(instansi, year, opd)
        program_lalu = buat_program(instansi, year - 1, opd)
        people = list(Pegawai.objects.filter(instansi=instansi, status=StatusPegawai.AKTIF)
                      .select_related("jabatan", "unit_kerja", "opd"))
        atasan = atasan_map(people, ctx.today)
        demo_ids = _demo_people(ctx)
        bangun_skp(periode=periode, people=people, atasan=atasan, sasaran=sasaran, program=program, rng=rng,
                   status_fn=_status_fn(rng, atasan, demo_ids), now=_now(ctx.today))
        # Last year, for Dinas Kesehatan only: approved SKP to copy from ("Salin dari SKP lalu").
        dinkes = [p for p in people if p.opd and p.opd.kode == "DINKES"]
        bangun_skp(periode=lalu, people=dinkes, atasan=atasan, sasaran=sasaran_lalu, program=program_lalu,
                   rng=random.Random(f"{ctx.seed}:perencanaan:lalu"), status_fn=lambda p: StatusSkp.DISETUJUI,
                   now=_aware(dt.date(year - 1, 1, 20), dt.time(9, 0)), ekspektasi_share=0.0)
    ctx.shared["periode"] = periode
    ctx.shared["periode_lalu"] = lalu


def insert_rows(model, rows: list[dict], batch: int = BATCH) -> None:
    """Insert plain rows (dicts keyed by field name; ids given explicitly where needed) with one executemany per
    batch — several times faster than bulk_create, which builds a model instance per row. created_at and
    updated_at are set to now; values are converted per field type."""
    if not rows:
        return
    now = timezone.now()
    names = list(rows[0])
    fields = [model._meta.get_field(n) for n in names]
    stamp = [f for f in model._meta.concrete_fields if f.name in ("created_at", "updated_at")]
    columns = [f.column for f in fields] + [f.column for f in stamp]
    ops = connection.ops
    stamp_value = ops.adapt_datetimefield_value(now)

    def converter(f):
        if isinstance(f, models.DateTimeField):
            return ops.adapt_datetimefield_value
        if isinstance(f, models.DateField):
            return ops.adapt_datefield_value
        if isinstance(f, models.DecimalField):
            return lambda v: ops.adapt_decimalfield_value(v, f.max_digits, f.decimal_places)
        if isinstance(f, models.JSONField):
            return lambda v: f.get_db_prep_save(v, connection)
        return None

    conv = [converter(f) for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608 - names from the model
    values = [[c(row[n]) if c and row[n] is not None else row[n] for n, c in zip(names, conv, strict=True)]
              + [stamp_value] * len(stamp) for row in rows]
    with connection.cursor() as cursor:
        for i in range(0, len(values), batch):
            cursor.executemany(sql, values[i:i + batch])


def _aware(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


def _now(today: dt.date) -> dt.datetime:
    return _aware(today, dt.time(8, 0))


def _demo_people(ctx) -> dict[str, int]:
    ids = {}
    for role in ("pegawai", "atasan", "pimpinan_opd"):
        user = ctx.accounts.get(role)
        if user is not None:
            pid = Pegawai.objects.filter(user=user).values_list("pk", flat=True).first()
            if pid:
                ids[role] = pid
    return ids


def _status_fn(rng: random.Random, atasan: dict, demo_ids: dict[str, int]):
    """Most SKP approved; some submitted, returned or still draft. The demo pegawai's SKP is approved; among the
    demo atasan's other staff two wait for review, one is returned and one is a draft."""
    leaders = {a.pk for a in atasan.values() if a is not None}
    forced: dict[int, str] = dict.fromkeys(demo_ids.values(), StatusSkp.DISETUJUI)
    boss = demo_ids.get("atasan")
    if boss:
        staff = sorted(pk for pk, a in atasan.items() if a is not None and a.pk == boss and pk not in forced)
        for pk, status in zip(staff, [StatusSkp.DIAJUKAN, StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN, StatusSkp.DRAFT],
                              strict=False):
            forced[pk] = status

    def status(p: Pegawai) -> str:
        if p.pk in forced:
            return forced[p.pk]
        x = rng.random()
        if p.pk in leaders:
            return StatusSkp.DISETUJUI if x < 0.93 else (StatusSkp.DIAJUKAN if x < 0.97 else StatusSkp.DRAFT)
        if x < 0.78:
            return StatusSkp.DISETUJUI
        if x < 0.86:
            return StatusSkp.DIAJUKAN
        return StatusSkp.DIKEMBALIKAN if x < 0.93 else StatusSkp.DRAFT

    return status


# --- Periods, targets, programs ----------------------------------------------------------------------------------------


def buat_periode(instansi: Instansi, tahun: int, status: str) -> PeriodeKinerja:
    periode = PeriodeKinerja.objects.create(
        instansi=instansi, tahun=tahun, nama=f"Periode Kinerja {tahun}", kadensi="triwulanan",
        tanggal_mulai=dt.date(tahun, 1, 1), tanggal_selesai=dt.date(tahun, 12, 31), batas_skp=dt.date(tahun, 1, 31),
        batas_evaluasi_tahunan=dt.date(tahun + 1, 1, 31), status=status)
    from kinerja.perencanaan.models import JadwalEvaluasi

    JadwalEvaluasi.objects.bulk_create(_jadwal_for(periode))
    return periode


def domain_of(p: Pegawai) -> str:
    unit = p.unit_kerja
    if unit is not None and unit.jenis in ("puskesmas", "sekolah"):
        return unit.jenis
    opd = p.opd or unit
    if opd is None:
        return "umum"
    if opd.kode.startswith("KEC"):
        return "kecamatan"
    return OPD_DOMAIN.get(opd.kode, "umum")


def buat_sasaran(instansi: Instansi, periode: PeriodeKinerja, opd: list[UnitKerja]) -> dict:
    """Regency targets and two targets per OPD. Returns {None: [regency], opd_id: [(sasaran, rhk spec)]}."""
    daerah = SasaranOrganisasi.objects.bulk_create([
        SasaranOrganisasi(instansi=instansi, periode=periode, kode=k, teks=t, indikator=i, target=tg,
                          sumber=SumberSasaran.RPJMD) for k, t, i, tg in D.SASARAN_DAERAH])
    by_kode = {s.kode: s for s in daerah}
    rows, specs = [], []
    for u in opd:
        if u.kode == "SETDA" or u.kode.startswith("KEC"):
            continue  # the Sekda hangs on the regency targets; a camat's RHK hang on the Sekda's
        domain = OPD_DOMAIN.get(u.kode, "umum")
        induk = by_kode.get(D.DOMAIN_SASARAN_DAERAH.get(domain, "SD-3"))
        for k, teks, ind, target, rhk, iki in D.SASARAN_OPD.get(domain, D.GENERIC_OPD):
            fmt = {"k": u.kode, "nama": u.nama, "singkatan": u.singkatan or u.nama}
            rows.append(SasaranOrganisasi(instansi=instansi, periode=periode, unit_kerja=u, induk=induk,
                                          kode=k.format(**fmt), teks=teks.format(**fmt), indikator=ind.format(**fmt),
                                          target=target, sumber=SumberSasaran.PK))
            specs.append((u.pk, rhk.format(**fmt), [(a, t.format(**fmt), v, s, ps) for a, t, v, s, ps in iki]))
    SasaranOrganisasi.objects.bulk_create(rows, batch_size=BATCH)
    out: dict = {None: [(s, (s.teks, [("kuantitas", s.indikator, 100, "%", "penerima_layanan")])) for s in daerah]}
    for s, (opd_id, rhk, iki) in zip(rows, specs, strict=True):
        out.setdefault(opd_id, []).append((s, (rhk, iki)))
    return out


def buat_program(instansi: Instansi, tahun: int, opd: list[UnitKerja]) -> dict[str, object]:
    """The registry. Returns {key: ProgramKegiatan} plus "jalan": [road projects] and "umum:<opd id>"."""
    by_kode = {u.kode: u for u in opd}
    made: dict[str, ProgramKegiatan] = {}
    mulai, selesai = dt.date(tahun, 2, 1), dt.date(tahun, 11, 30)
    for key, jenis, kode, nama, opd_kode, parent, lokasi, coord, anggaran, desk in D.PROGRAM:
        unit = by_kode.get(opd_kode)
        if unit is None:
            continue
        lat, lon = (Decimal(str(round(D.BASE_LAT + coord[0], 6))), Decimal(str(round(D.BASE_LON + coord[1], 6)))) \
            if coord else (None, None)
        obj = ProgramKegiatan(instansi=instansi, jenis=jenis, kode=kode, nama=nama, unit_kerja=unit,
                              induk=made.get(parent), tahun=tahun, deskripsi=desk, lokasi=lokasi, latitude=lat,
                              longitude=lon, anggaran=Decimal(anggaran),
                              tanggal_mulai=mulai if jenis == "proyek" else None,
                              tanggal_selesai=selesai if jenis == "proyek" else None)
        obj.save()
        made[key] = obj
    out: dict[str, object] = dict(made)
    jalan = []
    if "k_rehab_jalan" in made:
        pupr = made["k_rehab_jalan"].unit_kerja
        for i, ((desa, kec), km) in enumerate(zip(D.DESA_KECAMATAN, D.JALAN_KM, strict=True), start=1):
            jalan.append(ProgramKegiatan(
                instansi=instansi, jenis="proyek", kode=f"1.03.10.2.01.{i:04d}", nama=f"Rehabilitasi Jalan Desa {desa}",
                unit_kerja=pupr, induk=made["k_rehab_jalan"], tahun=tahun, lokasi=f"Desa {desa}, Kecamatan {kec}",
                latitude=Decimal(str(round(D.BASE_LAT + 0.021 * i - 0.07, 6))),
                longitude=Decimal(str(round(D.BASE_LON + 0.017 * ((i * 7) % 11) - 0.09, 6))),
                anggaran=Decimal(int(km * 310_000_000)), tanggal_mulai=mulai, tanggal_selesai=selesai,
                deskripsi=f"Rehabilitasi jalan desa sepanjang {km} km: perkerasan lapen dan drainase."))
        ProgramKegiatan.objects.bulk_create(jalan)
    out["jalan"] = jalan
    umum = []
    for u in opd:
        if u.kode in ("DINKES", "PUPR", "DISDUKCAPIL", "DISDIKBUD"):
            continue
        if u.kode.startswith("KEC"):
            nama = "Pelayanan Administrasi Terpadu Kecamatan (PATEN)"
        else:
            nama = f"Administrasi Umum dan Layanan {u.singkatan or u.nama}"
        umum.append(ProgramKegiatan(instansi=instansi, jenis="kegiatan", kode=f"{u.kode}.2.01", nama=nama,
                                    unit_kerja=u, tahun=tahun, anggaran=Decimal(450_000_000)))
    ProgramKegiatan.objects.bulk_create(umum)
    for obj in umum:
        out[f"umum:{obj.unit_kerja_id}"] = obj
    return out


# --- SKP in bulk --------------------------------------------------------------------------------------------------------


def _target(spec, rng: random.Random) -> Decimal:
    if isinstance(spec, tuple):
        lo, hi = spec
        if isinstance(lo, int) and hi - lo > 20:
            step = 10 if hi < 5000 else 100
            return Decimal(rng.randrange(lo, hi + 1, step) if hi - lo >= step else lo)
        if isinstance(lo, int):
            return Decimal(rng.randint(lo, hi))
        return Decimal(str(round(rng.uniform(lo, hi), 1)))
    return Decimal(str(spec))


def _templates(p: Pegawai, domain: str) -> list[tuple[str, str | None, list]]:
    jab = p.jabatan.nama
    key = max((k for k in D.T if jab.startswith(k)), key=len, default=None)
    if key is not None:
        return D.T[key]
    if p.jabatan.jenis == JenisJabatan.ADMINISTRATOR:
        return [(t, None, i) for t, i in D.T_ADMINISTRATOR]
    if p.jabatan.jenis == JenisJabatan.PENGAWAS or p.jabatan.is_kepala_unit:
        return [(t, None, i) for t, i in D.T_PENGAWAS]
    return [(t, None, i) for t, i in D.T_STAF]


def _program_for(key: str | None, p: Pegawai, program: dict, n: int):
    if key == "jalan":
        jalan = program.get("jalan") or []
        return jalan[n % len(jalan)] if jalan else program.get("k_rehab_jalan")
    if key and key in program:
        return program[key]
    return program.get(f"umum:{p.opd_id}")


def _next_ids(model, n: int) -> list[int]:
    start = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    return list(range(start, start + n))


def _reset_sequences(*models_) -> None:
    """After inserting explicit ids, move PostgreSQL's sequences past them (SQLite follows by itself)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models_)):
            cursor.execute(sql)


def bangun_skp(*, periode: PeriodeKinerja, people: list[Pegawai], atasan: dict[int, Pegawai | None], sasaran: dict,
               program: dict, rng: random.Random, status_fn, now: dt.datetime, ekspektasi_share: float = 0.1) -> int:
    """Create, in bulk, an SKP for each pegawai with RHK hanging on their atasan's RHK (JPT: on the OPD's or the
    regency's targets), realistic indicators, a status, and version history for approved ones. Atasan must be in
    `people` for their staff to get RHK. Plain rows with explicit ids, no model instances: 20,000 pegawai in
    seconds. Returns the number of SKP created."""
    instansi_id = periode.instansi_id
    depth = {p.pk: p.jabatan.path.count("/") for p in people if p.jabatan_id}
    order = sorted((p for p in people if p.jabatan_id), key=lambda p: (depth[p.pk], p.jabatan.path, p.pk))
    skp_ids = dict(zip((p.pk for p in order), _next_ids(SasaranKinerjaPegawai, len(order)), strict=True))
    start = _aware(dt.date(periode.tahun, 1, 6), dt.time(8, 0))
    skps: dict[int, dict] = {}
    for p in order:
        a = atasan.get(p.pk)
        aa = atasan.get(a.pk) if a is not None else None
        status = status_fn(p)
        diajukan = None if status == StatusSkp.DRAFT else min(
            now - dt.timedelta(days=1), start + dt.timedelta(days=rng.randint(0, 20), minutes=rng.randint(0, 480)))
        disetujui = min(now, diajukan + dt.timedelta(days=rng.randint(1, 6))) if status == StatusSkp.DISETUJUI else None
        skps[p.pk] = {
            "id": skp_ids[p.pk], "instansi": instansi_id, "periode": periode.pk, "pegawai": p.pk,
            "jenis": JenisSkp.JPT if p.jabatan.jenis == JenisJabatan.JPT_PRATAMA else JenisSkp.JA_JF,
            "pendekatan": "kuantitatif", "status": status, "versi": 1, "aktif": True,
            "tanggal_mulai": periode.tanggal_mulai, "tanggal_selesai": periode.tanggal_selesai,
            "jabatan": p.jabatan_id, "jabatan_nama": p.jabatan.nama, "unit_kerja": p.unit_kerja_id,
            "unit_kerja_nama": p.unit_kerja.nama, "pangkat_golongan": p.pangkat_golongan,
            "pejabat_penilai": a.pk if a else None, "pejabat_penilai_snapshot": snapshot_pegawai(a),
            "atasan_pejabat_penilai": aa.pk if aa else None, "atasan_pejabat_penilai_snapshot": snapshot_pegawai(aa),
            "diajukan_pada": diajukan, "disetujui_pada": disetujui,
            "disetujui_oleh": a.user_id if (disetujui and a is not None) else None,
            "dikembalikan_pada": (diajukan + dt.timedelta(days=2)) if status == StatusSkp.DIKEMBALIKAN else None,
            "catatan": "Mohon perbaiki RHK yang diberi catatan, lalu ajukan kembali."
            if status == StatusSkp.DIKEMBALIKAN else "",
        }

    # RHK, level by level down the position tree, each hanging on one of the atasan's RHK
    rhk_rows: list[dict] = []
    rhk_of: dict[int, list[dict]] = {}
    ind_rows: list[dict] = []
    next_rhk = iter(_next_ids(RencanaHasilKerja, 10 * len(order) + 10))
    for p in order:
        skp = skps[p.pk]
        made: list[tuple[dict, list]] = []
        if skp["jenis"] == JenisSkp.JPT:
            for s, (teks, iki) in sasaran.get(p.opd_id or p.unit_kerja_id) or sasaran.get(None, []):
                made.append(({"jenis": "utama", "teks": teks[:500], "intervensi": None, "sasaran_organisasi": s.pk,
                              "program": None, "asal": AsalRhk.MANDIRI}, iki))
        else:
            a = atasan.get(p.pk)
            parents = [r for r in rhk_of.get(a.pk, []) if r["jenis"] == "utama"] if a is not None else []
            if parents:
                unit = p.unit_kerja.nama
                for n, (teks, pkey, iki) in enumerate(_templates(p, domain_of(p))):
                    parent = parents[(n + p.pk) % len(parents)] if n else parents[p.pk % len(parents)]
                    teks = teks.format(unit=unit)[:500]
                    prog = _program_for(pkey, p, program, p.pk + n)
                    made.append(({"jenis": "utama", "teks": teks, "intervensi": parent["id"], "sasaran_organisasi": None,
                                  "program": prog.pk if prog else None,
                                  "asal": AsalRhk.DISTRIBUSI if teks == parent["teks"] else AsalRhk.MANDIRI},
                                 [(x[0], x[1].format(unit=unit), x[2], x[3]) for x in iki]))
                if rng.random() < 0.2:
                    teks, iki = D.TAMBAHAN[p.pk % len(D.TAMBAHAN)]
                    made.append(({"jenis": "tambahan", "teks": teks, "intervensi": parents[0]["id"],
                                  "sasaran_organisasi": None, "program": None, "asal": AsalRhk.MANDIRI}, iki))
        mine = []
        for n, (row, iki) in enumerate(made, start=1):
            row.update(id=next(next_rhk), instansi=instansi_id, skp=skp["id"], urutan=n, disalin_dari=None,
                       catatan_pengembalian=D.CATATAN_PENGEMBALIAN[p.pk % len(D.CATATAN_PENGEMBALIAN)]
                       if n == 1 and skp["status"] == StatusSkp.DIKEMBALIKAN else "")
            row["_indikator"] = [{"instansi": instansi_id, "rhk": row["id"], "aspek": spec[0], "teks": spec[1][:500],
                                  "target": _target(spec[2], rng), "satuan": spec[3], "urutan": k,
                                  "perspektif": spec[4] if len(spec) > 4 and skp["jenis"] == JenisSkp.JPT else ""}
                                 for k, spec in enumerate(iki)]
            ind_rows.extend(row["_indikator"])
            mine.append(row)
        rhk_of[p.pk] = mine
        rhk_rows.extend(mine)
    insert_rows(SasaranKinerjaPegawai, list(skps.values()))
    insert_rows(RencanaHasilKerja, [{k: v for k, v in r.items() if k != "_indikator"} for r in rhk_rows])
    insert_rows(IndikatorKinerja, ind_rows)

    # The leader's specific expectations for some SKP (the rest follow the panduan wording).
    eksp = []
    for skp in skps.values():
        if rng.random() < ekspektasi_share:
            for kode in rng.sample(rules.NILAI_KODE, 3):
                eksp.append({"instansi": instansi_id, "skp": skp["id"], "nilai": kode,
                             "ekspektasi": D.EKSPEKTASI_CONTOH[kode]})
    insert_rows(EkspektasiPerilaku, eksp)

    # Version history: the approved version of every approved SKP, and the return note of returned ones.
    history = []
    for pk, skp in skps.items():
        if skp["status"] not in (StatusSkp.DISETUJUI, StatusSkp.DIKEMBALIKAN):
            continue
        isi = {"status": skp["status"], "versi": 1, "jenis": skp["jenis"], "jabatan": skp["jabatan_nama"],
               "rhk": [{"jenis": r["jenis"], "teks": r["teks"],
                        "indikator": [{"aspek": i["aspek"], "teks": i["teks"], "target": str(i["target"]),
                                       "satuan": i["satuan"]} for i in r["_indikator"]]} for r in rhk_of.get(pk, [])]}
        a = atasan.get(pk)
        history.append({"instansi": instansi_id, "skp": skp["id"], "versi": 1, "isi": isi,
                        "peristiwa": "disetujui" if skp["status"] == StatusSkp.DISETUJUI else "dikembalikan",
                        "oleh": a.user_id if a is not None else None, "alasan": skp["catatan"]})
    insert_rows(RiwayatSkp, history)
    _reset_sequences(SasaranKinerjaPegawai, RencanaHasilKerja)
    return len(skps)
