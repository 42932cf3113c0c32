"""Reads of the partisipasi app.

Public reads (no actor) return only what a citizen may see: active pages, items shown after moderation, and a
complaint's status and public timeline by its ticket code — never anyone's identity. Staff reads are scoped with
`access.scope_partisipasi` (objects outside the scope answer 404).

For the Penilaian and Pengawasan apps: `ringkasan_pegawai` and `ringkasan_unit` summarise the evidence (IKM,
ratings, complaints and how long they took). They describe; they are never turned into a predikat.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from kinerja.core import kalender
from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.partisipasi import rules
from kinerja.partisipasi.access import scope_partisipasi
from kinerja.partisipasi.models import (
    STATUS_DITUTUP,
    STATUS_TERBUKA,
    BalasanPublik,
    JenisTitik,
    MasukanProyek,
    Pengaduan,
    PengelolaPengaduan,
    PenilaianPetugas,
    PetugasLayanan,
    ResponSurvei,
    StatusModerasi,
    StatusPengaduan,
    TanggapanPengaduan,
    TitikLayanan,
)
from kinerja.partisipasi.services._umum import kebijakan, normalisasi_tiket

MSG_KODE_TIDAK_DIKENAL = ("Kode QR atau alamat ini tidak dikenal. Periksa kembali tulisan di poster, atau tanyakan "
                          "kepada petugas.")
MSG_TIKET_TIDAK_DIKENAL = "Kode tiket tidak ditemukan. Periksa kembali penulisannya (contoh: ADU-7K3M-9QXP)."
UNSUR_FIELDS = [u.kode for u in rules.UNSUR]


# --- IKM ---------------------------------------------------------------------------------------------------------


@dataclass
class HasilIkm:
    """IKM of a set of responses: n, NRR per unsur, the index, its grade, and the Krejcie–Morgan target."""

    periode: rules.Periode | None
    jumlah: int
    nrr: list[Fraction | None]
    bobot: str
    populasi: int = 0
    ikm: Decimal | None = None
    mutu: rules.Mutu | None = None
    target_sampel: int = 0
    progres: int = 0
    nrr_tampil: list = field(default_factory=list)

    def __post_init__(self):
        self.ikm = rules.ikm(self.nrr, self.bobot) if self.jumlah else None
        self.mutu = rules.mutu(self.ikm)
        self.target_sampel = rules.sampel_krejcie_morgan(self.populasi)
        self.progres = rules.progres_sampel(self.jumlah, self.target_sampel)
        self.nrr_tampil = [rules.nrr_tampil(v) for v in self.nrr]

    @property
    def unsur(self) -> list[tuple[rules.Unsur, Decimal | None]]:
        return list(zip(rules.UNSUR, self.nrr_tampil, strict=True))

    @property
    def sampel_cukup(self) -> bool:
        return self.target_sampel > 0 and self.jumlah >= self.target_sampel


def _agregat_survei(qs: QuerySet[ResponSurvei]) -> tuple[int, list[Fraction | None]]:
    """n and NRR per unsur in one query: Σ and count of the filled answers (blanks excluded, REFERENCE §3.3)."""
    agg = qs.aggregate(n=Count("pk"), **{f"s{i}": Sum(f"u{i}") for i in range(1, 10)},
                       **{f"c{i}": Count(f"u{i}") for i in range(1, 10)})
    nrr = rules.nrr_dari_jumlah([agg[f"s{i}"] for i in range(1, 10)], [agg[f"c{i}"] for i in range(1, 10)])
    return agg["n"], nrr


def _rentang(periode: rules.Periode) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(periode.mulai, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(periode.selesai + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def _survei_dihitung(**filters) -> QuerySet[ResponSurvei]:
    """Responses that count: shown after moderation (held bursts and hidden spam stay out)."""
    return ResponSurvei.objects.filter(status=StatusModerasi.TAMPIL, **filters)


def ikm_titik(titik: TitikLayanan, periode: rules.Periode) -> HasilIkm:
    start, end = _rentang(periode)
    n, nrr = _agregat_survei(_survei_dihitung(titik=titik, dikirim_pada__gte=start, dikirim_pada__lt=end))
    return HasilIkm(periode, n, nrr, kebijakan(titik.instansi_id).bobot_ikm,
                    populasi=rules.populasi_periode(titik.populasi_per_tahun, periode))


def ikm_unit(unit: UnitKerja, periode: rules.Periode) -> HasilIkm:
    """IKM of a unit and its sub-units: the responses of all their service points, pooled."""
    start, end = _rentang(periode)
    titik = TitikLayanan.objects.filter(unit_kerja__path__startswith=unit.path, jenis=JenisTitik.LAYANAN)
    n, nrr = _agregat_survei(_survei_dihitung(titik__in=titik, dikirim_pada__gte=start, dikirim_pada__lt=end))
    populasi = sum(titik.values_list("populasi_per_tahun", flat=True))
    return HasilIkm(periode, n, nrr, kebijakan(unit.instansi_id).bobot_ikm,
                    populasi=rules.populasi_periode(populasi, periode))


def tren_ikm(*, unit: UnitKerja | None = None, titik: TitikLayanan | None = None, sampai: dt.date | None = None,
             n: int = 6) -> list[HasilIkm]:
    """IKM per quarter, oldest first, for a trend chart and its table."""
    sampai = sampai or timezone.localdate()
    out = []
    for periode in rules.triwulan_terakhir(sampai, n):
        out.append(ikm_titik(titik, periode) if titik is not None else ikm_unit(unit, periode))
    return out


def tren_chart(tren: list[HasilIkm], *, width: int = 320, height: int = 140) -> dict:
    """Coordinates for a small server-drawn SVG bar chart of the trend (no JavaScript needed)."""
    pad_top, pad_bottom = 18, 22
    inner = height - pad_top - pad_bottom
    slot = width / max(len(tren), 1)
    bars = []
    for i, hasil in enumerate(tren):
        value = float(hasil.ikm) if hasil.ikm is not None else None
        h = 0 if value is None else max(2, inner * (value - 25) / 75)
        bars.append({"x": round(i * slot + slot * 0.18, 1), "w": round(slot * 0.64, 1),
                     "y": round(pad_top + inner - h, 1), "h": round(h, 1), "nilai": hasil.ikm,
                     "huruf": hasil.mutu.huruf if hasil.mutu else "", "label": f"{hasil.periode.kode[5:]}/{hasil.periode.kode[2:4]}",
                     "tx": round(i * slot + slot / 2, 1), "ty": round(pad_top + inner - h - 3, 1),
                     "teks": "" if value is None else f"{value:.1f}".replace(".", ",")})
    ambang = round(pad_top + inner - inner * (88.31 - 25) / 75, 1)
    return {"width": width, "height": height, "bars": bars, "base": height - pad_bottom, "ambang_a": ambang,
            "ambang_ty": round(ambang - 3, 1), "label_y": height - 6}


# --- public reads ------------------------------------------------------------------------------------------------


def titik_publik_get(kode: str) -> TitikLayanan:
    titik = (TitikLayanan.objects.select_related("unit_kerja", "unit_kerja__opd", "program", "instansi")
             .filter(kode=(kode or "").lower()[:24], aktif=True).first())
    if titik is None:
        raise NotFound(MSG_KODE_TIDAK_DIKENAL)
    return titik


def petugas_publik_get(kode: str) -> PetugasLayanan:
    petugas = (PetugasLayanan.objects.select_related("pegawai__unit_kerja", "pegawai__jabatan", "titik")
               .filter(kode=(kode or "").lower()[:24], aktif=True).first())
    if petugas is None:
        raise NotFound(MSG_KODE_TIDAK_DIKENAL)
    return petugas


def petugas_di_titik(titik: TitikLayanan) -> list[PetugasLayanan]:
    return list(titik.petugas.filter(aktif=True).select_related("pegawai").order_by("pegawai__nama"))


def _balasan_prefetch() -> Prefetch:
    return Prefetch("balasan", queryset=BalasanPublik.objects.order_by("dikirim_pada"))


def umpan_balik_publik(titik: TitikLayanan, limit: int = 10) -> list:
    """Recent comments citizens may read on the page (shown items with text), newest first, with replies."""
    if titik.jenis == JenisTitik.PROYEK:
        qs = MasukanProyek.objects.filter(titik=titik, status=StatusModerasi.TAMPIL)
    else:
        qs = ResponSurvei.objects.filter(titik=titik, status=StatusModerasi.TAMPIL).exclude(saran="")
    return list(qs.prefetch_related(_balasan_prefetch()).order_by("-dikirim_pada")[:limit])


def komentar_petugas_publik(petugas: PetugasLayanan, limit: int = 10) -> list[PenilaianPetugas]:
    return list(PenilaianPetugas.objects.filter(petugas=petugas, status=StatusModerasi.TAMPIL).exclude(komentar="")
                .prefetch_related(_balasan_prefetch()).order_by("-dikirim_pada")[:limit])


def pengaduan_publik_get(tiket: str) -> Pengaduan:
    """A complaint by its ticket code, for the status page. Callers show only status and the public timeline."""
    kode = normalisasi_tiket(tiket)
    pengaduan = (Pengaduan.objects.select_related("unit_kerja", "titik")
                 .prefetch_related(Prefetch("tanggapan", queryset=TanggapanPengaduan.objects.filter(publik=True)
                                            .select_related("unit_kerja")))
                 .filter(tiket=kode).first()) if kode else None
    if pengaduan is None:
        raise NotFound(MSG_TIKET_TIDAK_DIKENAL)
    return pengaduan


def unit_hasil_publik(instansi_id: int | None = None) -> list[UnitKerja]:
    """Units with at least one active service point, for the public results index."""
    qs = UnitKerja.objects.filter(titik_layanan__aktif=True, titik_layanan__jenis=JenisTitik.LAYANAN).distinct()
    if instansi_id:
        qs = qs.filter(instansi_id=instansi_id)
    return list(qs.select_related("instansi").order_by("instansi__nama", "path"))


def unit_publik_get(unit_id: int) -> UnitKerja:
    unit = UnitKerja.objects.filter(pk=unit_id, aktif=True).select_related("instansi").first()
    if unit is None or not TitikLayanan.objects.filter(unit_kerja__path__startswith=unit.path, aktif=True).exists():
        raise NotFound("Hasil survei untuk unit ini belum tersedia.")
    return unit


# --- ratings of named ASN ----------------------------------------------------------------------------------------


@dataclass
class SkorPetugas:
    jumlah: int  # shown ratings
    independen: int  # distinct devices/addresses among them
    ditinjau: int  # held for review (out of the score)
    rata_aspek: dict[str, float | None]
    rata: float | None  # plain mean of the shown ratings
    rata_unit: float | None
    skor: float | None  # Bayesian-smoothed toward the unit mean
    minimum: int
    tampil: bool  # past the minimum of independent ratings


def _independen(rows) -> int:
    keys = set()
    blank = 0
    for perangkat, ip in rows:
        key = perangkat or ip
        if key:
            keys.add(key)
        else:
            blank += 1  # hashes erased after retention: each counted when it passed the checks
    return len(keys) + blank


def _rata_unit(unit_id: int | None, start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    if unit_id is None:
        return None
    qs = PenilaianPetugas.objects.filter(unit_kerja_id=unit_id, status=StatusModerasi.TAMPIL)
    if start:
        qs = qs.filter(dikirim_pada__gte=start, dikirim_pada__lt=end)
    agg = qs.aggregate(n=Count("pk"), a=Sum("kesopanan"), b=Sum("kecepatan"), c=Sum("kejelasan"), d=Sum("integritas"))
    if not agg["n"]:
        return None
    return (agg["a"] + agg["b"] + agg["c"] + agg["d"]) / (4 * agg["n"])


def skor_petugas(pegawai: Pegawai, dari: dt.date | None = None, sampai: dt.date | None = None) -> SkorPetugas:
    """Brigading-robust score of one ASN: only shown ratings count; the score is smoothed toward the mean of
    their unit, and published only past the minimum of independent ratings."""
    policy = kebijakan(pegawai.instansi_id)
    start = end = None
    qs = PenilaianPetugas.objects.filter(pegawai=pegawai)
    if dari and sampai:
        start, end = _rentang(rules.Periode("", "", dari, sampai, Fraction(1)))
        qs = qs.filter(dikirim_pada__gte=start, dikirim_pada__lt=end)
    shown = qs.filter(status=StatusModerasi.TAMPIL)
    agg = shown.aggregate(n=Count("pk"), **{a: Sum(a) for a, _ in rules.ASPEK_PETUGAS})
    n = agg["n"]
    rata_aspek = {a: (agg[a] / n if n else None) for a, _ in rules.ASPEK_PETUGAS}
    total = sum(agg[a] or 0 for a, _ in rules.ASPEK_PETUGAS) / 4
    independen = _independen(shown.values_list("perangkat_hash", "ip_hash"))
    unit_mean = _rata_unit(pegawai.unit_kerja_id, start, end)
    skor = rules.skor_bayes(total, n, unit_mean, policy.bobot_prior) if n else None
    return SkorPetugas(jumlah=n, independen=independen, ditinjau=qs.filter(status=StatusModerasi.DITINJAU).count(),
                       rata_aspek=rata_aspek, rata=(total / n if n else None), rata_unit=unit_mean, skor=skor,
                       minimum=policy.min_penilaian_independen,
                       tampil=rules.skor_tampil(independen, policy.min_penilaian_independen))


# --- staff reads -------------------------------------------------------------------------------------------------


def titik_list(*, actor) -> QuerySet[TitikLayanan]:
    scope = scope_partisipasi(actor)
    q = scope.unit_baca_q()
    if scope.base.aggregates:
        q |= Q(instansi_id=scope.instansi_id)
    return TitikLayanan.objects.filter(q).select_related("unit_kerja", "program").order_by("unit_kerja__path", "nama")


def titik_get(*, actor, pk: int) -> TitikLayanan:
    titik = titik_list(actor=actor).filter(pk=pk).first()
    if titik is None:
        raise NotFound(MSG_NOT_FOUND)
    return titik


def respon_list(*, actor, titik: TitikLayanan) -> QuerySet[ResponSurvei]:
    scope = scope_partisipasi(actor)
    if not scope.membaca_unit(titik.unit_kerja):
        return ResponSurvei.objects.none()
    return titik.respon_survei.all().prefetch_related(_balasan_prefetch()).order_by("-dikirim_pada")


def masukan_list(*, actor, titik: TitikLayanan) -> QuerySet[MasukanProyek]:
    scope = scope_partisipasi(actor)
    if not scope.membaca_unit(titik.unit_kerja):
        return MasukanProyek.objects.none()
    return (titik.masukan_proyek.all().select_related("petugas__pegawai").prefetch_related(_balasan_prefetch())
            .order_by("-dikirim_pada"))


def penilaian_list(*, actor, pegawai: Pegawai | None = None) -> QuerySet[PenilaianPetugas]:
    scope = scope_partisipasi(actor)
    qs = PenilaianPetugas.objects.filter(scope.penilaian_q()).select_related("pegawai", "unit_kerja")
    if pegawai is not None:
        qs = qs.filter(pegawai=pegawai)
    return qs.prefetch_related(_balasan_prefetch()).order_by("-dikirim_pada")


def petugas_saya(*, actor) -> PetugasLayanan | None:
    pegawai = scope_for(actor).pegawai
    if pegawai is None:
        return None
    return PetugasLayanan.objects.filter(pegawai=pegawai).select_related("titik").first()


def petugas_list(*, actor) -> QuerySet[PetugasLayanan]:
    scope = scope_partisipasi(actor)
    q = scope.unit_baca_q("pegawai__unit_kerja__") | scope.base.pegawai_q("pegawai__")
    return PetugasLayanan.objects.filter(q, instansi_id=scope.instansi_id).select_related(
        "pegawai__unit_kerja", "titik").order_by("pegawai__nama")


def objek_moderasi_get(*, actor, jenis: str, pk: int):
    """One feedback item the actor may moderate or answer (404 otherwise)."""
    from kinerja.partisipasi.services.umpan_balik import JENIS_MODERASI

    model = JENIS_MODERASI.get(jenis)
    if model is None:
        raise NotFound(MSG_NOT_FOUND)
    scope = scope_partisipasi(actor)
    related = "unit_kerja" if model is PenilaianPetugas else "titik__unit_kerja"
    obj = model.objects.select_related(related).filter(pk=pk, instansi_id=scope.instansi_id).first()
    if obj is None:
        raise NotFound(MSG_NOT_FOUND)
    from kinerja.partisipasi.services.umpan_balik import unit_objek

    pegawai_id = getattr(obj, "pegawai_id", None) or (obj.petugas.pegawai_id if getattr(obj, "petugas_id", None)
                                                      else None)
    if not (scope.membaca_unit(unit_objek(obj)) or (pegawai_id and pegawai_id == scope.pegawai_id)):
        raise NotFound(MSG_NOT_FOUND)
    return obj


def antrean_moderasi(*, actor, status: str = StatusModerasi.DITINJAU) -> list:
    """Items waiting for review (or hidden), within the units the actor manages, oldest first."""
    scope = scope_partisipasi(actor)
    items = []
    for jenis, qs in (
        ("survei", ResponSurvei.objects.filter(scope.unit_kelola_q("titik__unit_kerja__")).select_related("titik")),
        ("penilaian", PenilaianPetugas.objects.filter(scope.unit_kelola_q()).select_related("pegawai", "unit_kerja")),
        ("masukan", MasukanProyek.objects.filter(scope.unit_kelola_q("titik__unit_kerja__")).select_related("titik")),
    ):
        for obj in qs.filter(status=status).order_by("dikirim_pada")[:200]:
            obj.jenis_objek = jenis
            items.append(obj)
    items.sort(key=lambda o: o.dikirim_pada, reverse=status != StatusModerasi.DITINJAU)
    return items


def pengaduan_list(*, actor, status: str = "", terlambat: bool = False, q: str = "") -> QuerySet[Pengaduan]:
    scope = scope_partisipasi(actor)
    qs = Pengaduan.objects.filter(scope.pengaduan_q()).select_related("unit_kerja", "titik", "pegawai_dilaporkan")
    if status:
        qs = qs.filter(status=status)
    if terlambat:
        from kinerja.partisipasi.services.pengaduan import terlambat_q

        qs = qs.filter(terlambat_q(timezone.localdate()))
    if q:
        qs = qs.filter(Q(tiket__icontains=q.strip()) | Q(judul__icontains=q.strip()))
    return qs.order_by("-dikirim_pada")


def pengaduan_get(*, actor, pk: int) -> Pengaduan:
    pengaduan = (pengaduan_list(actor=actor).filter(pk=pk)
                 .prefetch_related(Prefetch("tanggapan", queryset=TanggapanPengaduan.objects
                                            .select_related("penulis", "unit_kerja"))).first())
    if pengaduan is None:
        raise NotFound(MSG_NOT_FOUND)
    return pengaduan


def identitas_terlihat(*, actor, pengaduan: Pengaduan) -> bool:
    """The complainant's name and contact are shown only to those who handle the complaint and to Inspektorat —
    never to the reported ASN (also not to their supervisor, who only reads the case)."""
    scope = scope_partisipasi(actor)
    if pengaduan.anonim or (scope.pegawai_id and pengaduan.pegawai_dilaporkan_id == scope.pegawai_id):
        return False
    return scope.menangani_pengaduan(pengaduan) or scope.baca_semua


def pengelola_list(*, actor) -> QuerySet[PengelolaPengaduan]:
    scope = scope_partisipasi(actor)
    q = scope.unit_kelola_q() if not scope.koordinator else Q(instansi_id=scope.instansi_id)
    if scope.baca_semua:
        q = Q(instansi_id=scope.instansi_id)
    return (PengelolaPengaduan.objects.filter(q, aktif=True).select_related("pegawai", "unit_kerja")
            .order_by("unit_kerja__path", "pegawai__nama"))


# --- evidence for Penilaian and Pengawasan -------------------------------------------------------------------------


def _hari_kerja_selesai(rows, instansi_id: int) -> list[int]:
    return [kalender.hari_kerja_between(timezone.localtime(a).date(), timezone.localtime(b).date(), instansi_id)
            for a, b in rows if a and b]


def _ringkasan_pengaduan(qs: QuerySet[Pengaduan], instansi_id: int) -> dict:
    rows = list(qs.values_list("status", "dikirim_pada", "ditutup_pada", "diverifikasi_pada", "tenggat_verifikasi",
                               "ditindaklanjuti_pada", "tenggat_tindak_lanjut", "eskalasi_verifikasi_pada",
                               "eskalasi_tindak_lanjut_pada"))
    per_status = Counter(r[0] for r in rows)
    selesai = [(r[1], r[2]) for r in rows if r[0] == StatusPengaduan.SELESAI]
    durasi = _hari_kerja_selesai(selesai, instansi_id)
    verified = [r for r in rows if r[3] is not None]
    tepat = sum(1 for r in verified if timezone.localtime(r[3]).date() <= r[4])
    return {
        "jumlah": len(rows),
        "per_status": {s.value: per_status.get(s.value, 0) for s in StatusPengaduan},
        "terbuka": sum(per_status.get(s, 0) for s in STATUS_TERBUKA),
        "ditutup": sum(per_status.get(s, 0) for s in STATUS_DITUTUP),
        "selesai": len(selesai),
        "rata_hari_kerja_selesai": round(sum(durasi) / len(durasi), 1) if durasi else None,
        "verifikasi_tepat_waktu_persen": round(100 * tepat / len(verified)) if verified else None,
        "pernah_terlambat": sum(1 for r in rows if r[7] or r[8]),
    }


def _cek_akses(actor, pegawai: Pegawai | None = None, unit: UnitKerja | None = None) -> None:
    if actor is None:
        return
    if pegawai is not None and not scope_for(actor).covers(pegawai):
        raise NotFound(MSG_NOT_FOUND)
    if unit is not None:
        scope = scope_partisipasi(actor)
        if not (scope.membaca_unit(unit) or scope.base.aggregates) or unit.instansi_id != scope.instansi_id:
            raise NotFound(MSG_NOT_FOUND)


def ringkasan_pegawai(pegawai: Pegawai, dari: dt.date, sampai: dt.date, *, actor=None) -> dict:
    """Citizen evidence about one pegawai in [dari, sampai]: ratings (brigading-robust), complaints about them
    and how long they took, residents' project input. Counts only — no complainant identity, no texts.
    With `actor`, the pegawai must be in the actor's scope (404 otherwise). Evidence for the supervisor: it is
    never applied to a predikat automatically."""
    _cek_akses(actor, pegawai=pegawai)
    start, end = _rentang(rules.Periode("", "", dari, sampai, Fraction(1)))
    skor = skor_petugas(pegawai, dari, sampai)
    pengaduan = Pengaduan.objects.filter(pegawai_dilaporkan=pegawai, dikirim_pada__gte=start, dikirim_pada__lt=end)
    masukan = MasukanProyek.objects.filter(petugas__pegawai=pegawai, status=StatusModerasi.TAMPIL,
                                           dikirim_pada__gte=start, dikirim_pada__lt=end)
    m_agg = masukan.aggregate(n=Count("pk"), n_sikap=Count("sikap_petugas"), s=Sum("sikap_petugas"))
    return {
        "pegawai_id": pegawai.pk,
        "dari": dari,
        "sampai": sampai,
        "penilaian": {
            "jumlah": skor.jumlah, "independen": skor.independen, "ditinjau": skor.ditinjau,
            "minimum": skor.minimum, "tampil": skor.tampil,
            "rata_aspek": {k: (round(v, 2) if v is not None else None) for k, v in skor.rata_aspek.items()},
            "rata": round(skor.rata, 2) if skor.rata is not None else None,
            "rata_unit": round(skor.rata_unit, 2) if skor.rata_unit is not None else None,
            "skor": round(skor.skor, 2) if skor.skor is not None and skor.tampil else None,
        },
        "pengaduan": _ringkasan_pengaduan(pengaduan, pegawai.instansi_id),
        "masukan_proyek": {"jumlah": m_agg["n"],
                           "rata_sikap": round(m_agg["s"] / m_agg["n_sikap"], 2) if m_agg["n_sikap"] else None},
        "catatan": "Bukti pendukung dari warga untuk pejabat penilai; tidak menentukan predikat secara otomatis.",
    }


def ringkasan_unit(unit: UnitKerja, dari: dt.date, sampai: dt.date, *, actor=None) -> dict:
    """Citizen evidence about a unit and its sub-units in [dari, sampai]: IKM (pooled), ratings of its ASN,
    complaints and resolution times, project input. For Pengawasan dashboards and the Penilaian page."""
    _cek_akses(actor, unit=unit)
    periode = rules.Periode(f"{dari:%Y-%m-%d}/{sampai:%Y-%m-%d}", f"{dari:%d-%m-%Y} s.d. {sampai:%d-%m-%Y}", dari,
                            sampai, Fraction((sampai - dari).days + 1, 365))
    start, end = _rentang(periode)
    hasil = ikm_unit(unit, periode)
    in_unit = Q(unit_kerja__path__startswith=unit.path)
    ratings = PenilaianPetugas.objects.filter(in_unit, dikirim_pada__gte=start, dikirim_pada__lt=end)
    shown = ratings.filter(status=StatusModerasi.TAMPIL)
    r_agg = shown.aggregate(n=Count("pk"), **{a: Sum(a) for a, _ in rules.ASPEK_PETUGAS})
    pengaduan = Pengaduan.objects.filter(in_unit, dikirim_pada__gte=start, dikirim_pada__lt=end)
    masukan = MasukanProyek.objects.filter(titik__unit_kerja__path__startswith=unit.path,
                                           status=StatusModerasi.TAMPIL, dikirim_pada__gte=start,
                                           dikirim_pada__lt=end)
    return {
        "unit_id": unit.pk,
        "dari": dari,
        "sampai": sampai,
        "ikm": {"jumlah_responden": hasil.jumlah, "nilai": hasil.ikm, "mutu": hasil.mutu.huruf if hasil.mutu else None,
                "kinerja": hasil.mutu.kinerja if hasil.mutu else None, "target_sampel": hasil.target_sampel,
                "nrr": list(hasil.nrr_tampil), "bobot": hasil.bobot},
        "penilaian_petugas": {
            "jumlah": r_agg["n"], "ditinjau": ratings.filter(status=StatusModerasi.DITINJAU).count(),
            "rata": round(sum(r_agg[a] or 0 for a, _ in rules.ASPEK_PETUGAS) / (4 * r_agg["n"]), 2)
            if r_agg["n"] else None,
        },
        "pengaduan": _ringkasan_pengaduan(pengaduan, unit.instansi_id),
        "masukan_proyek": dict(Counter(masukan.values_list("kemajuan", flat=True))),
        "catatan": "Bukti pendukung dari warga; tidak menentukan predikat secara otomatis.",
    }
