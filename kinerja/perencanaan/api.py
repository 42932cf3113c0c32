"""Planning API for the phone app: read and write SKP (scoped), RHK with indicators, the workflow, and the RHK a
pegawai may report on. Errors have the shape {message, code, detail}; objects outside one's scope answer 404."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, WithJsonSchema

from kinerja.core.apikit import ERRORS, Angka, Id, Pagination
from kinerja.core.exceptions import NotFound
from kinerja.organisasi.access import scope_for
from kinerja.perencanaan import selectors, services
from kinerja.perencanaan.models import SasaranKinerjaPegawai

router = Router(tags=["perencanaan"])


# --- Schemas ------------------------------------------------------------------------------------------------------------


class JadwalOut(Schema):
    id: int
    nomor: int
    nama: str
    tanggal_mulai: dt.date
    tanggal_selesai: dt.date
    batas_penilaian: dt.date
    is_final: bool


class PeriodeOut(Schema):
    id: int
    tahun: int
    nama: str
    kadensi: str
    status: str
    tanggal_mulai: dt.date
    tanggal_selesai: dt.date
    batas_skp: dt.date
    batas_evaluasi_tahunan: dt.date
    jadwal: list[JadwalOut]

    @staticmethod
    def resolve_jadwal(obj):
        return list(obj.jadwal.all())


# no schema minimum: a target <= 0 must reach the service, which answers with its Indonesian message (issue 3)
Target = Angka(14, 2)


class IndikatorIn(Schema):
    aspek: str = Field(..., max_length=10, description="kuantitas, kualitas, waktu atau biaya")
    teks: str = Field(..., max_length=500)
    target: Target
    satuan: str = Field(..., max_length=60)
    perspektif: str = Field("", max_length=20, description="wajib untuk SKP JPT")


class IndikatorOut(Schema):
    id: int
    aspek: str
    teks: str
    target: Decimal
    satuan: str
    perspektif: str


class RhkIn(Schema):
    jenis: str = Field("utama", max_length=10, description="utama atau tambahan")
    teks: str = Field(..., max_length=500)
    intervensi_id: Id | None = Field(None, description="RHK atasan yang diintervensi (wajib selain JPT)")
    sasaran_organisasi_id: Id | None = Field(None, description="Sasaran organisasi (wajib untuk JPT)")
    program_id: Id | None = None
    indikator: list[IndikatorIn] = Field(..., max_length=4)


class RhkOut(Schema):
    id: int
    skp_id: int
    jenis: str
    teks: str
    intervensi_id: int | None
    intervensi_teks: str | None = None
    sasaran_organisasi_id: int | None
    program_id: int | None
    program_nama: str | None = None
    asal: str
    catatan_pengembalian: str
    indikator: list[IndikatorOut]

    @staticmethod
    def resolve_intervensi_teks(obj):
        return obj.intervensi.teks if obj.intervensi_id else None

    @staticmethod
    def resolve_program_nama(obj):
        return obj.program.nama if obj.program_id else None

    @staticmethod
    def resolve_indikator(obj):
        return list(obj.indikator.all())


class PejabatOut(Schema):
    id: int | None = None
    nama: str = ""
    nip: str = ""
    pangkat_golongan: str = ""
    jabatan: str = ""
    unit_kerja: str = ""


class SkpOut(Schema):
    id: int
    periode_id: int
    tahun: int
    pegawai_id: int
    pegawai_nama: str
    nip: str
    jenis: str
    pendekatan: str
    status: str
    versi: int
    aktif: bool
    tanggal_mulai: dt.date
    tanggal_selesai: dt.date
    jabatan_nama: str
    unit_kerja_nama: str
    pejabat_penilai: PejabatOut
    diajukan_pada: dt.datetime | None
    disetujui_pada: dt.datetime | None

    @staticmethod
    def resolve_tahun(obj):
        return obj.periode.tahun

    @staticmethod
    def resolve_pegawai_nama(obj):
        return obj.pegawai.nama_lengkap

    @staticmethod
    def resolve_nip(obj):
        return obj.pegawai.nip

    @staticmethod
    def resolve_pejabat_penilai(obj):
        return obj.pejabat_penilai_snapshot or {}


class EkspektasiOut(Schema):
    nilai: str
    nama: str
    panduan: list[str]
    ekspektasi: str
    bawaan: bool


class SkpDetailOut(SkpOut):
    atasan_pejabat_penilai: PejabatOut
    catatan: str
    langkah_berikut: str
    giliran: str = Field(..., description="anda, pegawai, pejabat_penilai, atau kosong bila selesai")
    rhk: list[RhkOut]
    ekspektasi: list[EkspektasiOut]

    @staticmethod
    def resolve_atasan_pejabat_penilai(obj):
        return obj.atasan_pejabat_penilai_snapshot or {}

    @staticmethod
    def resolve_rhk(obj):
        return getattr(obj, "rhk_daftar", None) or list(obj.rhk.prefetch_related("indikator"))

    @staticmethod
    def resolve_ekspektasi(obj):
        return [{"nilai": e.kode, "nama": e.nama, "panduan": list(e.panduan), "ekspektasi": e.teks,
                 "bawaan": e.bawaan} for e in selectors.ekspektasi_lengkap(obj)]


class SkpBaruIn(Schema):
    periode_id: Id
    pendekatan: str = Field("kuantitatif", max_length=12)


_RHK_KEY = r"^[1-9][0-9]{0,17}$"
CatatanPerRhk = Annotated[
    dict[Annotated[str, Field(pattern=_RHK_KEY)], Annotated[str, Field(max_length=2000)]],
    WithJsonSchema({"type": "object", "additionalProperties": False,
                    "patternProperties": {_RHK_KEY: {"type": "string", "maxLength": 2000}}}),
]


class KembalikanIn(Schema):
    catatan: str = Field("", max_length=4000)
    catatan_rhk: CatatanPerRhk = Field(default_factory=dict, description="{rhk_id: catatan}")


class CatatanIn(Schema):
    catatan: str = Field("", max_length=4000)


class RevisiIn(Schema):
    alasan: str = Field(..., max_length=4000)


class EkspektasiIn(Schema):
    ekspektasi: dict[str, str] = Field(..., description="{nilai BerAKHLAK: teks}, mis. {\"akuntabel\": \"…\"}")


class BagikanIn(Schema):
    pegawai_ids: list[Id] = Field(..., max_length=1000)
    teks: str = Field("", max_length=500)


class DilewatiOut(Schema):
    pegawai_id: int
    alasan: str


class BagikanOut(Schema):
    dibuat: list[int]
    dilewati: list[DilewatiOut]


class PilihanOut(Schema):
    id: int
    teks: str


class PilihanIndukOut(Schema):
    intervensi: list[PilihanOut]
    sasaran_organisasi: list[PilihanOut]
    program: list[PilihanOut]


class ProgramOut(Schema):
    id: int
    jenis: str
    kode: str
    nama: str
    tahun: int
    unit_kerja_id: int
    induk_id: int | None
    lokasi: str
    latitude: Decimal | None
    longitude: Decimal | None
    anggaran: Decimal | None
    aktif: bool


# --- helpers ------------------------------------------------------------------------------------------------------------


def _detail(request, skp_id: Id) -> SasaranKinerjaPegawai:
    skp = selectors.skp_get(actor=request.user, skp_id=skp_id)
    langkah = selectors.langkah_berikut(skp, request.user)
    skp.langkah_berikut, skp.giliran = langkah.teks, langkah.siapa
    return skp


def _skp(request, skp_id: Id) -> SasaranKinerjaPegawai:
    return selectors.skp_get(actor=request.user, skp_id=skp_id)


# --- Periods ------------------------------------------------------------------------------------------------------------


@router.get("/periode", response={200: list[PeriodeOut], **ERRORS})
def periode_list(request):
    """Periode kinerja instansi Anda dengan jadwal evaluasinya."""
    return list(selectors.periode_list(actor=request.user))


# --- SKP ------------------------------------------------------------------------------------------------------------------


@router.get("/skp", response={200: list[SkpOut], **ERRORS})
@paginate(Pagination, page_size=50)
def skp_list(request, periode_id: Id | None = None, status: str = "", q: str = ""):
    """SKP dalam cakupan Anda (diri sendiri, bawahan, OPD yang Anda pimpin, atau seluruh instansi bagi admin dan
    Inspektorat)."""
    periode = selectors.periode_get(actor=request.user, periode_id=periode_id) if periode_id else None
    return selectors.skp_list(actor=request.user, periode=periode, status=status[:12], q=q[:100])


@router.get("/skp/saya", response={200: SkpDetailOut, **ERRORS})
def skp_saya(request, periode_id: Id | None = None):
    """SKP aktif Anda pada periode ini (atau periode yang diminta)."""
    scope = scope_for(request.user)
    periode = selectors.periode_pilihan(actor=request.user, periode_id=periode_id)
    skp = selectors.skp_aktif(scope.pegawai, periode) if scope.pegawai and periode else None
    if skp is None:
        raise NotFound("Anda belum memiliki SKP pada periode ini.")
    return _detail(request, skp.pk)


@router.post("/skp", response={201: SkpDetailOut, **ERRORS})
def skp_create(request, payload: SkpBaruIn):
    """Buat draf SKP Anda untuk sebuah periode."""
    periode = selectors.periode_get(actor=request.user, periode_id=payload.periode_id)
    skp = services.skp_create(actor=request.user, periode=periode, pendekatan=payload.pendekatan)
    return Status(201, _detail(request, skp.pk))


@router.get("/skp/{int:skp_id}", response={200: SkpDetailOut, **ERRORS})
def skp_get(request, skp_id: Id):
    return _detail(request, skp_id)


@router.get("/skp/{int:skp_id}/pilihan-induk", response={200: PilihanIndukOut, **ERRORS})
def skp_pilihan(request, skp_id: Id):
    """Tempat RHK dapat menginduk: RHK atasan (JA/JF) atau sasaran organisasi (JPT), dan program/kegiatan."""
    skp = _skp(request, skp_id)
    return {
        "intervensi": [{"id": r.pk, "teks": r.teks} for r in selectors.rhk_pilihan_intervensi(skp)],
        "sasaran_organisasi": [{"id": s.pk, "teks": s.teks} for s in selectors.sasaran_pilihan(skp)],
        "program": [{"id": p.pk, "teks": p.nama} for p in selectors.program_pilihan(skp)],
    }


@router.post("/skp/{int:skp_id}/rhk", response={201: RhkOut, **ERRORS})
def rhk_create(request, skp_id: Id, payload: RhkIn):
    """Tambah RHK beserta indikatornya ke SKP Anda yang masih draf atau dikembalikan."""
    rhk = services.rhk_create(actor=request.user, skp=_skp(request, skp_id), teks=payload.teks, jenis=payload.jenis,
                              intervensi_id=payload.intervensi_id,
                              sasaran_organisasi_id=payload.sasaran_organisasi_id, program_id=payload.program_id,
                              indikator=[i.model_dump() for i in payload.indikator])
    return Status(201, selectors.rhk_get(actor=request.user, rhk_id=rhk.pk))


@router.put("/rhk/{int:rhk_id}", response={200: RhkOut, **ERRORS})
def rhk_update(request, rhk_id: Id, payload: RhkIn):
    rhk = selectors.rhk_get(actor=request.user, rhk_id=rhk_id)
    services.rhk_update(actor=request.user, rhk=rhk, teks=payload.teks, jenis=payload.jenis,
                        intervensi_id=payload.intervensi_id, sasaran_organisasi_id=payload.sasaran_organisasi_id,
                        program_id=payload.program_id, indikator=[i.model_dump() for i in payload.indikator])
    return selectors.rhk_get(actor=request.user, rhk_id=rhk_id)


@router.delete("/rhk/{int:rhk_id}", response={204: None, **ERRORS})
def rhk_delete(request, rhk_id: Id):
    services.rhk_delete(actor=request.user, rhk=selectors.rhk_get(actor=request.user, rhk_id=rhk_id))
    return Status(204, None)


@router.post("/skp/{int:skp_id}/ajukan", response={200: SkpDetailOut, **ERRORS})
def skp_submit(request, skp_id: Id):
    services.skp_submit(actor=request.user, skp=_skp(request, skp_id))
    return _detail(request, skp_id)


@router.post("/skp/{int:skp_id}/kembalikan", response={200: SkpDetailOut, **ERRORS})
def skp_return(request, skp_id: Id, payload: KembalikanIn):
    services.skp_return(actor=request.user, skp=_skp(request, skp_id), catatan=payload.catatan,
                        catatan_rhk={int(k): v for k, v in payload.catatan_rhk.items()})
    return _detail(request, skp_id)


@router.post("/skp/{int:skp_id}/setujui", response={200: SkpDetailOut, **ERRORS})
def skp_approve(request, skp_id: Id, payload: CatatanIn | None = None):
    services.skp_approve(actor=request.user, skp=_skp(request, skp_id), catatan=payload.catatan if payload else "")
    return _detail(request, skp_id)


@router.post("/skp/{int:skp_id}/revisi", response={200: SkpDetailOut, **ERRORS})
def skp_revise(request, skp_id: Id, payload: RevisiIn):
    services.skp_revise(actor=request.user, skp=_skp(request, skp_id), alasan=payload.alasan)
    return _detail(request, skp_id)


@router.put("/skp/{int:skp_id}/ekspektasi", response={200: SkpDetailOut, **ERRORS})
def skp_ekspektasi(request, skp_id: Id, payload: EkspektasiIn):
    """Pejabat penilai menulis ekspektasi khusus pimpinan pada nilai BerAKHLAK."""
    services.skp_ekspektasi_set(actor=request.user, skp=_skp(request, skp_id), ekspektasi=payload.ekspektasi)
    return _detail(request, skp_id)


@router.post("/rhk/{int:rhk_id}/bagikan", response={200: BagikanOut, **ERRORS})
def rhk_bagikan(request, rhk_id: Id, payload: BagikanIn):
    """Bagikan RHK Anda ke bawahan langsung yang dipilih, sebagai draf RHK yang menginduk RHK ini."""
    hasil = services.rhk_bagikan(actor=request.user, rhk=selectors.rhk_get(actor=request.user, rhk_id=rhk_id),
                                 pegawai_ids=payload.pegawai_ids, teks=payload.teks)
    return {"dibuat": [p.pk for p in hasil.dibuat],
            "dilewati": [{"pegawai_id": p.pk, "alasan": a} for p, a in hasil.dilewati]}


@router.get("/rhk/laporan", response={200: list[RhkOut], **ERRORS})
def rhk_laporan(request, tanggal: dt.date | None = None):
    """RHK dan indikator yang dapat Anda laporkan pada tanggal itu (SKP yang sudah disetujui)."""
    scope = scope_for(request.user)
    if scope.pegawai is None:
        return []
    return list(selectors.rhk_untuk_laporan(scope.pegawai, tanggal).select_related("intervensi"))


@router.get("/program", response={200: list[ProgramOut], **ERRORS})
@paginate(Pagination, page_size=100)
def program_list(request, tahun: int | None = None, jenis: str = "", q: str = ""):
    """Daftar program, kegiatan dan proyek instansi."""
    return selectors.program_list(actor=request.user, tahun=tahun, jenis=jenis[:10], q=q[:100])
