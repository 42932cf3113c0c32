"""The demo regency of Bukitintan: ~36 OPD with believable structures, Indonesian names, valid NIPs and a
complete position hierarchy. Deterministic: the same --seed and --pegawai give the same data.

Called by `kinerja seed_demo` (kinerja/demo); later apps add their own data after this one.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from kinerja.core.models import Instansi, Peran, PeranPengguna
from kinerja.organisasi import demo_data as D
from kinerja.organisasi import rules
from kinerja.organisasi.models import (
    Jabatan,
    JenisJabatan,
    JenisPenempatan,
    JenisPlt,
    Pegawai,
    Penempatan,
    PenugasanPlt,
    UnitKerja,
    path_segment,
)

User = get_user_model()
MIN_PEGAWAI = 400
ANCHOR_DATE = dt.date(2025, 1, 2)
VACANT = {"Kepala Bidang Cipta Karya"}  # left without a definitive holder to show a Plt  # start of the current postings; fixed so the data never drifts


@dataclass
class DemoContext:
    """What one app's demo step hands to the next."""

    seed: int
    n_pegawai: int
    today: dt.date
    rng: random.Random
    password_hash: str
    instansi: Instansi | None = None
    accounts: dict[str, object] = field(default_factory=dict)  # role key -> User
    shared: dict = field(default_factory=dict)


@dataclass
class _U:  # unit plan
    kode: str
    nama: str
    jenis: str
    induk: _U | None = None
    singkatan: str = ""
    domain: str = "umum"
    weight: float = 0.0
    obj: UnitKerja | None = None


@dataclass
class _J:  # position plan
    unit: _U
    nama: str
    jenis: str
    atasan: _J | None
    jenjang: str = ""
    eselon: str = ""
    kepala: bool = False
    holders: int = 1
    obj: Jabatan | None = None


def _plan_units(n: int, rng: random.Random) -> tuple[list[_U], list[_J], list[tuple[_J, str, float]]]:
    """Units, leader positions and staff anchors (leader position, domain, weight)."""
    units: list[_U] = []
    leaders: list[_J] = []
    anchors: list[tuple[_J, str, float]] = []

    def unit(kode, nama, jenis, induk=None, **kw) -> _U:
        u = _U(kode=kode, nama=nama, jenis=jenis, induk=induk, **kw)
        units.append(u)
        return u

    def leader(u, nama, jenis, atasan, **kw) -> _J:
        j = _J(unit=u, nama=nama, jenis=jenis, atasan=atasan, kepala=True, **kw)
        leaders.append(j)
        return j

    sekda = None
    heads: dict[str, _J] = {}
    bidang_heads: dict[tuple[str, str], _J] = {}
    for kode, nama, singkatan, jenis, head, bidang, weight, domain in D.OPD:
        opd = unit(kode, nama, jenis, singkatan=singkatan, domain=domain, weight=weight)
        if kode == "SETDA":
            sekda = leader(opd, "Sekretaris Daerah", JenisJabatan.JPT_PRATAMA, None, eselon="II.a")
            head_j = sekda
        else:
            if head.startswith("Kepala Pelaksana"):
                title = f"{head} {singkatan}"
            elif head.startswith("Kepala"):
                title = f"Kepala {nama}"
            else:
                title = "Direktur RSUD Bukitintan" if head == "Direktur" else head
            head_j = leader(opd, title, JenisJabatan.JPT_PRATAMA, sekda, eselon="II.b")
        heads[kode] = head_j
        n_leaf = 0
        for bi, (bnama, seksi) in enumerate(bidang, start=1):
            bjenis = "sekretariat" if bnama == "Sekretariat" else ("bagian" if bnama.startswith("Bagian") else "bidang")
            bu = unit(f"{kode}.{bi:02d}", bnama if kode != "SETDA" or bjenis != "sekretariat" else bnama, bjenis, opd,
                      domain=domain)
            if bnama == "Sekretariat":
                btitle = "Sekretaris" + (" Inspektorat" if kode == "INSP" else f" {singkatan}")
            elif bnama.startswith("Inspektur Pembantu"):
                btitle = bnama
            else:
                btitle = "Kepala " + bnama
            bj = leader(bu, btitle, JenisJabatan.ADMINISTRATOR, head_j, eselon="III.a")
            bidang_heads[(kode, bnama)] = bj
            if not seksi:
                anchors.append((bj, domain, 1.0))
                n_leaf += 1
            for si, snama in enumerate(seksi, start=1):
                su = unit(f"{kode}.{bi:02d}.{si:02d}", snama, "subbagian" if snama.startswith("Subbagian") else "seksi",
                          bu, domain=domain)
                sj = leader(su, "Kepala " + snama, JenisJabatan.PENGAWAS, bj, eselon="IV.a")
                anchors.append((sj, domain, 1.0))
                n_leaf += 1
        # spread the OPD's own staff weight over its anchors
        for i, (j, d, _w) in enumerate(anchors[-n_leaf:], start=len(anchors) - n_leaf):
            anchors[i] = (j, d, weight / max(n_leaf, 1))

    # Kecamatan with sekretariat, seksi and kelurahan
    for ki, kec in enumerate(D.KECAMATAN, start=1):
        ku = unit(f"KEC{ki:02d}", f"Kecamatan {kec}", "kecamatan", singkatan=f"Kec. {kec}", domain="kecamatan",
                  weight=1.0)
        camat = leader(ku, f"Camat {kec}", JenisJabatan.ADMINISTRATOR, sekda, eselon="III.a")
        heads[ku.kode] = camat
        sek = unit(f"KEC{ki:02d}.01", "Sekretariat Kecamatan", "sekretariat", ku, domain="kecamatan")
        sekcam = leader(sek, f"Sekretaris Kecamatan {kec}", JenisJabatan.ADMINISTRATOR, camat, eselon="III.b")
        anchors.append((sekcam, "kecamatan", 0.5))
        for si, snama in enumerate(["Seksi Pemerintahan", "Seksi Pelayanan Umum"], start=2):
            su = unit(f"KEC{ki:02d}.{si:02d}", snama, "seksi", ku, domain="kecamatan")
            anchors.append((leader(su, f"Kepala {snama}", JenisJabatan.PENGAWAS, camat, eselon="IV.a"), "kecamatan", 0.4))
        lurah_unit = unit(f"KEC{ki:02d}.09", f"Kelurahan {kec}", "kelurahan", ku, domain="kecamatan")
        anchors.append((leader(lurah_unit, f"Lurah {kec}", JenisJabatan.PENGAWAS, camat, eselon="IV.a"),
                        "kecamatan", 0.5))

    # Puskesmas (UPT of Dinas Kesehatan) and schools (UPT of Disdikbud) scale with the head-count
    dinkes = next(u for u in units if u.kode == "DINKES")
    pusk_names = ["Sukamaju", "Bukitintan Kota", "Lembah Hijau", "Sungai Rawa", "Tanjung Batu", "Air Jernih",
                  "Padang Luas", "Mekarsari", "Sidomulyo", "Karang Anyar", "Tanjung Harapan", "Suka Damai",
                  "Bukit Indah", "Sungai Baru", "Padang Jaya", "Lubuk Sari", "Teluk Rindu", "Air Putih", "Rawa Sari",
                  "Sukamakmur", "Muara Dua", "Pasir Putih", "Batu Gajah", "Simpang Tiga", "Ujung Tanjung",
                  "Kampung Baru", "Pulau Kecil", "Talang Jaya"]
    n_pusk = max(7, min(len(pusk_names), round(n * 0.13 / 22)))
    for pi, pn in enumerate(pusk_names[:n_pusk], start=1):
        pu = unit(f"DINKES.P{pi:02d}", f"UPT Puskesmas {pn}", "puskesmas", dinkes, domain="puskesmas")
        kp = leader(pu, f"Kepala UPT Puskesmas {pn}", JenisJabatan.PENGAWAS, heads["DINKES"], eselon="IV.a")
        anchors.append((kp, "puskesmas", 22.0))
    disdik = next(u for u in units if u.kode == "DISDIKBUD")
    kabid_sd = bidang_heads[("DISDIKBUD", "Bidang Pembinaan Sekolah Dasar")]
    kabid_smp = bidang_heads[("DISDIKBUD", "Bidang Pembinaan Sekolah Menengah Pertama")]
    n_sch = max(6, round(n * 0.42 / 11))
    n_smp = max(2, n_sch // 5)
    for si in range(1, n_sch + 1):
        is_smp = si <= n_smp
        kec = D.KECAMATAN[(si - 1) % len(D.KECAMATAN)]
        nomor = (si - 1) // len(D.KECAMATAN) + 1
        nama = f"SMP Negeri {si} Bukitintan" if is_smp else f"SD Negeri {nomor} {kec}"
        if not is_smp and si - n_smp <= len(D.KECAMATAN):
            nama = f"SD Negeri {nomor} {kec}"
        su = unit(f"DISDIKBUD.S{si:03d}", nama, "sekolah", disdik, domain="sekolah")
        ks = leader(su, f"Kepala {nama}", JenisJabatan.FUNGSIONAL, kabid_smp if is_smp else kabid_sd,
                    jenjang="ahli_madya")
        anchors.append((ks, "sekolah", 11.0))
    return units, leaders, anchors


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Largest-remainder apportionment, deterministic."""
    s = sum(weights) or 1.0
    raw = [total * w / s for w in weights]
    base = [int(x) for x in raw]
    rest = total - sum(base)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - base[i]), i))
    for i in order[:rest]:
        base[i] += 1
    return base


def _person(rng: random.Random, jenis_asn: str, senior: bool, used: set[str]) -> dict:
    sex = rng.choice("LP")
    first = rng.choice(D.NAMA_DEPAN_L if sex == "L" else D.NAMA_DEPAN_P)
    nama = f"{first} {rng.choice(D.NAMA_BELAKANG)}"
    if rng.random() < 0.25:
        nama = f"{first} {rng.choice(D.NAMA_DEPAN_L if sex == 'L' else D.NAMA_DEPAN_P)} {rng.choice(D.NAMA_BELAKANG)}"
    year = rng.randint(1966, 1980) if senior else rng.randint(1970, 2000)
    lahir = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    while True:
        if jenis_asn == rules.PPPK:
            tmt_tahun, tmt_bulan = rng.randint(2021, 2024), None
        else:
            tmt_tahun = min(2024, year + rng.randint(22, 30))
            tmt_bulan = rng.randint(1, 12)
        nip = rules.build_nip(lahir=lahir, tmt_tahun=tmt_tahun, tmt_bulan=tmt_bulan, jenis_kelamin=sex,
                              urut=rng.randint(1, 999))
        if nip not in used:
            used.add(nip)
            break
    return {"nip": nip, "nama": nama, "jenis_kelamin": sex, "tanggal_lahir": lahir, "jenis_asn": jenis_asn,
            "tmt_asn": dt.date(tmt_tahun, tmt_bulan, 1) if tmt_bulan else dt.date(tmt_tahun, 3, 1),
            "tempat_lahir": rng.choice(D.TEMPAT_LAHIR)}


def _golongan(rng: random.Random, jab: _J, jenis_asn: str) -> str:
    if jenis_asn == rules.PPPK:
        return rng.choice(["V", "VII", "IX", "X"]) if jab.jenis == "fungsional" else rng.choice(["IV", "V"])
    table = {
        JenisJabatan.JPT_PRATAMA: ["IV/c", "IV/c", "IV/d"], JenisJabatan.ADMINISTRATOR: ["IV/a", "IV/b"],
        JenisJabatan.PENGAWAS: ["III/c", "III/d", "IV/a"], JenisJabatan.PELAKSANA: ["II/b", "II/c", "II/d", "III/a", "III/b"],
    }
    if jab.jenis == JenisJabatan.FUNGSIONAL:
        table_f = {"terampil": ["II/c", "II/d", "III/a"], "mahir": ["III/a", "III/b"], "ahli_pertama": ["III/a", "III/b"],
                   "ahli_muda": ["III/c", "III/d"], "ahli_madya": ["IV/a", "IV/b", "IV/c"]}
        return rng.choice(table_f.get(jab.jenjang, ["III/a"]))
    return rng.choice(table[jab.jenis])


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    n = ctx.n_pegawai
    instansi, _ = Instansi.objects.get_or_create(
        kode="bukitintan",
        defaults={"nama": "Pemerintah Kabupaten Bukitintan", "nama_daerah": "Kabupaten Bukitintan",
                  "alamat": "Jl. Merdeka No. 1, Bukitintan"},
    )
    ctx.instansi = instansi
    units, leaders, anchors = _plan_units(n, rng)
    if n < len(leaders) + len(anchors):
        raise ValueError(f"--pegawai minimal {len(leaders) + len(anchors)} untuk struktur ini")

    with disable_auditlog():
        _insert_units(instansi, units)
        filled = sum(1 for j in leaders if j.nama not in VACANT)
        staff_plans = _plan_staff(rng, n - filled, anchors)
        _insert_jabatan(instansi, leaders + [s for s, _ in staff_plans])
        _insert_people(ctx, instansi, leaders, staff_plans)


def _insert_units(instansi: Instansi, units: list[_U]) -> None:
    by_level: dict[int, list[_U]] = {}
    for u in units:
        lvl, p = 0, u.induk
        while p:
            lvl, p = lvl + 1, p.induk
        by_level.setdefault(lvl, []).append(u)
    for lvl in sorted(by_level):
        objs = []
        for u in by_level[lvl]:
            u.obj = UnitKerja(instansi=instansi, kode=u.kode, nama=u.nama, jenis=u.jenis, singkatan=u.singkatan,
                              induk=u.induk.obj if u.induk else None, level=lvl,
                              alamat=f"{u.nama}, Kabupaten Bukitintan")
            objs.append(u.obj)
        UnitKerja.objects.bulk_create(objs, batch_size=500)
    for u in units:
        root = u
        while root.induk:
            root = root.induk
        u.obj.path = (u.induk.obj.path if u.induk else "") + path_segment(u.obj.pk)
        u.obj.opd = root.obj if root is not u else None
    UnitKerja.objects.bulk_update([u.obj for u in units], ["path", "opd"], batch_size=500)


# Share of all staff per kind of anchor: most ASN of a kabupaten are teachers and health workers.
STAFF_SHARE = {"sekolah": 0.42, "puskesmas": 0.13}


def _plan_staff(rng: random.Random, total: int, anchors) -> list[tuple[_J, int]]:
    group_sum: dict[str, float] = {}
    for _, domain, w in anchors:
        g = domain if domain in STAFF_SHARE else "opd"
        group_sum[g] = group_sum.get(g, 0.0) + w
    other = 1.0 - sum(STAFF_SHARE.values())
    weights = []
    for _, domain, w in anchors:
        g = domain if domain in STAFF_SHARE else "opd"
        weights.append(w / group_sum[g] * STAFF_SHARE.get(g, other))
    # every unit gets at least one staff member, the rest follows the weights
    counts = [1 + c for c in _apportion(total - len(anchors), weights)]
    plans: list[tuple[_J, int]] = []
    for (anchor, domain, _w), k in zip(anchors, counts, strict=True):
        if k <= 0:
            continue
        options = D.STAF.get(domain, D.STAF["umum"])
        picks = _apportion(k, [o[3] for o in options])
        for (nama, jenis, jenjang, _ow), m in zip(options, picks, strict=True):
            if m:
                plans.append((_J(unit=anchor.unit, nama=nama, jenis=jenis, jenjang=jenjang, atasan=anchor,
                                 holders=m), m))
    return plans


def _insert_jabatan(instansi: Instansi, plans: list[_J]) -> None:
    depth: dict[int, int] = {}

    def d(j: _J) -> int:
        key = id(j)
        if key not in depth:
            depth[key] = 0 if j.atasan is None else d(j.atasan) + 1
        return depth[key]

    by_depth: dict[int, list[_J]] = {}
    for j in plans:
        by_depth.setdefault(d(j), []).append(j)
    for lvl in sorted(by_depth):
        objs = []
        for j in by_depth[lvl]:
            j.obj = Jabatan(instansi=instansi, unit_kerja=j.unit.obj, nama=j.nama, jenis=j.jenis, jenjang=j.jenjang,
                            eselon=j.eselon, atasan=j.atasan.obj if j.atasan else None, is_kepala_unit=j.kepala)
            objs.append(j.obj)
        Jabatan.objects.bulk_create(objs, batch_size=1000)
        for j in by_depth[lvl]:
            j.obj.path = (j.atasan.obj.path if j.atasan else "") + path_segment(j.obj.pk)
        Jabatan.objects.bulk_update(objs, ["path"], batch_size=1000)


def _insert_people(ctx: DemoContext, instansi: Instansi, leaders: list[_J], staff: list[tuple[_J, int]]) -> None:
    rng = ctx.rng
    used: set[str] = set()
    rows: list[tuple[_J, dict]] = []
    for j in leaders:
        if j.nama in VACANT:
            continue
        rows.append((j, _person(rng, rules.PNS, senior=True, used=used)))
    for j, m in staff:
        for _ in range(m):
            pppk = rng.random() < (0.3 if j.nama.startswith(("Guru", "Perawat", "Bidan")) else 0.1)
            rows.append((j, _person(rng, rules.PPPK if pppk else rules.PNS, senior=False, used=used)))
    users, people, postings = [], [], []
    for j, p in rows:
        depan, belakang = D.GELAR.get(j.nama, ("", ""))
        if j.kepala and not belakang:
            belakang = rng.choice(D.GELAR_PIMPINAN)
        email = f"{p['nip']}@bukitintan.go.id"
        person = Pegawai(instansi=instansi, nip=p["nip"], jenis_asn=p["jenis_asn"], nama=p["nama"],
                         gelar_depan=depan, gelar_belakang=belakang, jenis_kelamin=p["jenis_kelamin"],
                         tanggal_lahir=p["tanggal_lahir"], tempat_lahir=p["tempat_lahir"], tmt_asn=p["tmt_asn"],
                         golongan=_golongan(rng, j, p["jenis_asn"]), email=email,
                         telepon=f"08{rng.randint(11, 99)}{rng.randint(10000000, 99999999)}",
                         jabatan=j.obj, unit_kerja=j.unit.obj, opd=j.unit.obj.opd or j.unit.obj)
        users.append(User(username=p["nip"], instansi=instansi, password=ctx.password_hash,
                          nama_lengkap=person.nama_lengkap, email=email))
        people.append(person)
    User.objects.bulk_create(users, batch_size=2000)
    ids = dict(User.objects.filter(instansi=instansi).values_list("username", "pk"))
    for person in people:
        person.user_id = ids[person.nip]
    Pegawai.objects.bulk_create(people, batch_size=2000)
    # Postings: the current one, and for about 8 % an earlier one elsewhere (mutasi history).
    all_jab = [j for j, _ in rows]
    for (j, _p), person in zip(rows, people, strict=True):
        start = ANCHOR_DATE - dt.timedelta(days=rng.randint(0, 900))
        if rng.random() < 0.08:
            prev = rng.choice(all_jab)
            prev_start = start - dt.timedelta(days=rng.randint(400, 1500))
            postings.append(Penempatan(instansi=instansi, pegawai=person, jabatan=prev.obj, unit_kerja=prev.unit.obj,
                                       jenis=JenisPenempatan.PENGANGKATAN, tanggal_mulai=prev_start,
                                       tanggal_selesai=start - dt.timedelta(days=1)))
            jenis = JenisPenempatan.PROMOSI if j.kepala else JenisPenempatan.MUTASI
        else:
            jenis = JenisPenempatan.PENGANGKATAN
        postings.append(Penempatan(instansi=instansi, pegawai=person, jabatan=j.obj, unit_kerja=j.unit.obj,
                                   jenis=jenis, tanggal_mulai=start, nomor_sk=f"821/{rng.randint(100, 999)}/BKPSDM"))
    Penempatan.objects.bulk_create(postings, batch_size=2000)

    by_jab: dict[int, list[Pegawai]] = {}
    for person in people:
        by_jab.setdefault(person.jabatan_id, []).append(person)

    def holder(nama: str) -> Pegawai:
        j = next(j for j in leaders if j.nama == nama)
        return by_jab[j.obj.pk][0]

    # Plt: the Sekretaris of Dinas PUPR acts as Kepala Bidang Cipta Karya (vacant).
    cipta = next(j for j in leaders if j.nama == "Kepala Bidang Cipta Karya")
    PenugasanPlt.objects.create(instansi=instansi, jabatan=cipta.obj, pegawai=holder("Sekretaris Dinas PUPR"),
                                jenis=JenisPlt.PLT, tanggal_mulai=ANCHOR_DATE,
                                nomor_surat="800/45/BKPSDM/2025")

    def first_staff(opd_kode: str, jab_prefixes: tuple[str, ...]) -> Pegawai:
        staff_ = [p for p in people if p.opd.kode == opd_kode and not p.jabatan.is_kepala_unit]
        for prefix in jab_prefixes:
            found = next((p for p in staff_ if p.jabatan.nama.startswith(prefix)), None)
            if found:
                return found
        return staff_[0]

    pusk = [p for p in people if p.unit_kerja.nama == "UPT Puskesmas Sukamaju" and not p.jabatan.is_kepala_unit]
    pegawai = next((p for p in pusk if p.jabatan.nama.startswith("Perawat")), pusk[0])
    admin = first_staff("BKPSDM", ("Analis Sumber Daya", "Pranata Sumber Daya", "Pengolah"))
    auditor = first_staff("INSP", ("Auditor",))
    sekda = holder("Sekretaris Daerah")
    bupati = User.objects.create(username="bupati", instansi=instansi, password=ctx.password_hash,
                                 nama_lengkap="H. Arif Budiman, S.H., M.H. (Bupati Bukitintan)")
    grants = [(admin.user_id, Peran.ADMIN_BKPSDM), (auditor.user_id, Peran.INSPEKTORAT),
              (bupati.pk, Peran.PIMPINAN_DAERAH), (sekda.user_id, Peran.PIMPINAN_DAERAH)]
    inspektur = holder("Inspektur")
    grants.append((inspektur.user_id, Peran.INSPEKTORAT))
    PeranPengguna.objects.bulk_create([PeranPengguna(instansi=instansi, user_id=u, peran=r,
                                                     keterangan="Akun demo") for u, r in grants])
    User.objects.filter(pk=admin.user_id).update(is_staff=True)
    users_by_id = User.objects.in_bulk([pegawai.user_id, admin.user_id, auditor.user_id])
    ctx.accounts = {
        "pegawai": users_by_id[pegawai.user_id],
        "atasan": User.objects.get(pk=holder("Kepala UPT Puskesmas Sukamaju").user_id),
        "pimpinan_opd": User.objects.get(pk=holder("Kepala Dinas Kesehatan").user_id),
        "admin_bkpsdm": users_by_id[admin.user_id],
        "inspektorat": users_by_id[auditor.user_id],
        "pimpinan_daerah": bupati,
    }
    ctx.shared["pegawai_ids"] = [p.pk for p in people]


def hash_password(raw: str) -> str:
    return make_password(raw)
