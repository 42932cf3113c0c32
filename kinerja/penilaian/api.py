"""Penilaian API: read own and subordinates' evaluations, submit a self-assessment, list and answer peer-feedback
invitations. Peer answers are anonymous: nothing returned identifies a response."""


import datetime as dt
from decimal import Decimal

from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from kinerja.core.apikit import ERRORS, Id, OptionalId, Pagination
from kinerja.penilaian import access, selectors, services
from kinerja.perencanaan.rules import NILAI_KODE

router = Router(tags=["penilaian"])

Teks = Field("", max_length=4000)


class EvaluasiOut(Schema):
    id: int
    pegawai_id: int
    pegawai_nama: str
    nip: str
    jadwal_id: int
    jadwal_nama: str
    tahun: int
    tahunan: bool
    status: str
    jabatan: str
    unit_kerja: str
    pejabat_penilai: str
    rating_hasil_kerja: str
    rating_perilaku_kerja: str
    predikat: str
    predikat_label: str
    menyimpang_dari_saran: bool
    capaian_rerata: Decimal | None
    batas_keberatan: dt.date | None

    @staticmethod
    def resolve_pegawai_nama(obj) -> str:
        return obj.pegawai.nama_lengkap

    @staticmethod
    def resolve_nip(obj) -> str:
        return obj.pegawai.nip

    @staticmethod
    def resolve_jadwal_nama(obj) -> str:
        return obj.jadwal.nama

    @staticmethod
    def resolve_tahun(obj) -> int:
        return obj.periode.tahun

    @staticmethod
    def resolve_tahunan(obj) -> bool:
        return obj.is_tahunan

    @staticmethod
    def resolve_jabatan(obj) -> str:
        return obj.jabatan_nama

    @staticmethod
    def resolve_unit_kerja(obj) -> str:
        return obj.unit_kerja_nama

    @staticmethod
    def resolve_pejabat_penilai(obj) -> str:
        return obj.pejabat_penilai_snapshot.get("nama", "")


class IndikatorOut(Schema):
    id: int
    aspek: str
    teks: str
    satuan: str
    target: float
    realisasi_laporan: Decimal
    realisasi_manual: Decimal | None
    capaian: float | None


class RhkOut(Schema):
    id: int
    teks: str
    jenis: str
    capaian: float | None
    saran: str
    rating: str
    umpan_balik: str
    indikator: list[IndikatorOut]


class PerilakuOut(Schema):
    nilai: str
    nama: str
    ekspektasi: str
    rating: str
    umpan_balik: str


class NilaiRekanOut(Schema):
    nilai: str
    nama: str
    di_atas: int
    sesuai: int
    di_bawah: int


class RekanOut(Schema):
    diundang: int
    merespons: int
    tampil: bool
    nilai: list[NilaiRekanOut]
    komentar: list[str]


class EvaluasiDetailOut(EvaluasiOut):
    peran: list[str]
    saran_hasil_kerja: str
    rhk: list[RhkOut]
    perilaku: list[PerilakuOut]
    penilaian_diri_diajukan: bool
    rekan: RekanOut


@router.get("/evaluasi", response={200: list[EvaluasiOut], **ERRORS})
@paginate(Pagination, page_size=50)
def evaluasi_list(request, jadwal_id: OptionalId = None, pegawai_id: OptionalId = None):
    """Evaluasi Anda sendiri dan pegawai dalam cakupan Anda (bawahan; OPD yang Anda pimpin)."""
    return selectors.evaluasi_list(actor=request.user, jadwal_id=jadwal_id, pegawai_id=pegawai_id)


@router.get("/evaluasi/{evaluasi_id}", response={200: EvaluasiDetailOut, **ERRORS})
def evaluasi_get(request, evaluasi_id: Id):
    """Satu evaluasi: capaian per RHK, rating, perilaku, dan ringkasan umpan balik rekan (bila boleh dan ≥ 3)."""
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=evaluasi_id)
    kebijakan = selectors.kebijakan_for(ev.instansi_id)
    hk = selectors.hasil_kerja(actor=request.user, evaluasi=ev, kebijakan=kebijakan, dengan_bukti=False)
    rk = selectors.ringkasan_rekan(actor=request.user, evaluasi=ev, minimum=kebijakan.min_respon_360)
    ev.peran = sorted(access.peran_pada_evaluasi(request.user, ev))
    ev.rhk = [{
        "id": r.rhk.pk, "teks": r.rhk.teks, "jenis": r.rhk.jenis, "capaian": r.capaian,
        "saran": r.saran.value if r.saran else "", "rating": r.penilaian.rating if r.penilaian else "",
        "umpan_balik": r.penilaian.umpan_balik if r.penilaian else "",
        "indikator": [{"id": b.indikator.pk, "aspek": b.indikator.aspek, "teks": b.indikator.teks,
                       "satuan": b.indikator.satuan, "target": b.target, "realisasi_laporan": b.realisasi_laporan,
                       "realisasi_manual": b.manual.nilai if b.manual else None, "capaian": b.capaian}
                      for b in r.indikator]} for r in hk.rhk]
    ev.perilaku = [{"nilai": b.kode, "nama": b.nama, "ekspektasi": b.ekspektasi,
                    "rating": b.penilaian.rating if b.penilaian else "",
                    "umpan_balik": b.penilaian.umpan_balik if b.penilaian else ""} for b in selectors.perilaku(ev)]
    diri = selectors.penilaian_diri_get(ev)
    ev.penilaian_diri_diajukan = bool(diri and diri.diajukan_pada)
    ev.rekan = {"diundang": rk.diundang, "merespons": rk.merespons, "tampil": rk.tampil,
                "nilai": [{"nilai": n.kode, "nama": n.nama, "di_atas": n.di_atas, "sesuai": n.sesuai,
                           "di_bawah": n.di_bawah} for n in rk.nilai], "komentar": rk.komentar}
    return ev


class RhkDiriIn(Schema):
    rhk_id: Id
    refleksi: str = Teks
    bukti_ids: list[Id] = Field(default_factory=list, max_length=50)


class PenilaianDiriIn(Schema):
    refleksi: str = Field(..., max_length=4000)
    kendala: str = Teks
    rhk: list[RhkDiriIn] = Field(default_factory=list, max_length=50)
    ajukan: bool = True


class PenilaianDiriOut(Schema):
    evaluasi_id: int
    diajukan_pada: dt.datetime | None


@router.post("/evaluasi/{evaluasi_id}/penilaian-diri", response={200: PenilaianDiriOut, **ERRORS})
def penilaian_diri(request, evaluasi_id: Id, payload: PenilaianDiriIn):
    """Kirim penilaian diri (refleksi, kendala, bukti dukung per RHK) sebelum pejabat penilai memberi rating."""
    ev = selectors.evaluasi_get(actor=request.user, evaluasi_id=evaluasi_id)
    obj = services.penilaian_diri_simpan(
        actor=request.user, evaluasi=ev, refleksi=payload.refleksi, kendala=payload.kendala, ajukan=payload.ajukan,
        rhk={r.rhk_id: {"refleksi": r.refleksi, "bukti": r.bukti_ids} for r in payload.rhk})
    return {"evaluasi_id": ev.pk, "diajukan_pada": obj.diajukan_pada}


class UndanganOut(Schema):
    id: int
    evaluasi_id: int
    pegawai_nama: str
    jabatan: str
    jadwal_nama: str
    batas: dt.date
    sudah_merespons: bool

    @staticmethod
    def resolve_pegawai_nama(obj) -> str:
        return obj.evaluasi.pegawai.nama_lengkap

    @staticmethod
    def resolve_jabatan(obj) -> str:
        return obj.evaluasi.jabatan_nama

    @staticmethod
    def resolve_jadwal_nama(obj) -> str:
        return obj.evaluasi.jadwal.nama

    @staticmethod
    def resolve_batas(obj) -> dt.date:
        return obj.evaluasi.jadwal.batas_penilaian


@router.get("/undangan-360", response={200: list[UndanganOut], **ERRORS})
@paginate(Pagination, page_size=50)
def undangan_list(request, semua: bool = False):
    """Undangan umpan balik rekan untuk Anda (yang masih terbuka, atau semua dengan `semua=true`)."""
    return selectors.undangan_milik(actor=request.user, terbuka_saja=not semua)


RatingStr = Field(..., max_length=20, description="di_atas | sesuai | di_bawah")


class Respon360In(Schema):
    berorientasi_pelayanan: str = RatingStr
    akuntabel: str = RatingStr
    kompeten: str = RatingStr
    harmonis: str = RatingStr
    loyal: str = RatingStr
    adaptif: str = RatingStr
    kolaboratif: str = RatingStr
    komentar: str = Field("", max_length=1000)


@router.post("/undangan-360/{undangan_id}/respon", response={204: None, **ERRORS})
def respon_360(request, undangan_id: Id, payload: Respon360In):
    """Kirim umpan balik rekan (anonim, satu kali). Jawaban tidak dapat dibaca kembali oleh pengirim."""
    undangan = selectors.undangan_get(actor=request.user, undangan_id=undangan_id)
    services.respon_360_kirim(actor=request.user, undangan=undangan,
                              ratings={k: getattr(payload, k) for k in NILAI_KODE}, komentar=payload.komentar)
    return Status(204, None)
