"""Organisation API: units and pegawai, scoped by permission, paginated."""

import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from kinerja.core.apikit import ERRORS, Id, OptionalId, Pagination, SearchText
from kinerja.organisasi import selectors

router = Router(tags=["organisasi"])


class UnitOut(Schema):
    id: int
    kode: str
    nama: str
    singkatan: str
    jenis: str
    induk_id: int | None
    opd_id: int | None
    level: int
    zona_waktu: str


class JabatanRef(Schema):
    id: int
    nama: str
    jenis: str
    jenjang: str


class PegawaiOut(Schema):
    id: int
    nip: str
    nama: str
    nama_lengkap: str
    jenis_asn: str
    golongan: str
    pangkat: str
    jabatan: JabatanRef | None
    unit_kerja_id: int | None
    unit_kerja_nama: str | None = Field(None, alias="unit_kerja.nama")
    opd_id: int | None
    status: str


class AtasanOut(Schema):
    id: int
    nip: str
    nama_lengkap: str


class PenempatanOut(Schema):
    jabatan_nama: str = Field(..., alias="jabatan.nama")
    unit_kerja_nama: str = Field(..., alias="unit_kerja.nama")
    jenis: str
    tanggal_mulai: dt.date
    tanggal_selesai: dt.date | None
    nomor_sk: str


class PegawaiDetailOut(PegawaiOut):
    email: str
    telepon: str
    jenis_kelamin: str
    atasan: AtasanOut | None = None
    atasan_pejabat_penilai: AtasanOut | None = None
    riwayat_penempatan: list[PenempatanOut] = []


@router.get("/unit", response={200: list[UnitOut], **ERRORS})
@paginate(Pagination, page_size=100)
def unit_list(request, q: SearchText = "", induk_id: OptionalId = None):
    """Unit kerja yang boleh Anda lihat."""
    return selectors.unit_kerja_list(actor=request.user, q=q, induk_id=induk_id)


@router.get("/unit/{unit_id}", response={200: UnitOut, **ERRORS})
def unit_get(request, unit_id: Id):
    return selectors.unit_kerja_get(actor=request.user, unit_id=unit_id)


@router.get("/pegawai", response={200: list[PegawaiOut], **ERRORS})
@paginate(Pagination, page_size=50)
def pegawai_list(request, q: SearchText = "", unit_id: OptionalId = None):
    """Pegawai dalam cakupan Anda: diri sendiri, bawahan, OPD yang Anda pimpin, atau seluruh instansi (admin,
    Inspektorat)."""
    return selectors.pegawai_list(actor=request.user, q=q, unit_id=unit_id)


@router.get("/pegawai/{pegawai_id}", response={200: PegawaiDetailOut, **ERRORS})
def pegawai_get(request, pegawai_id: Id):
    pegawai = selectors.pegawai_get(actor=request.user, pegawai_id=pegawai_id)
    atasan, atasan_atasan = selectors.pejabat_penilai(pegawai)
    pegawai.atasan = atasan
    pegawai.atasan_pejabat_penilai = atasan_atasan
    pegawai.riwayat_penempatan = list(selectors.penempatan_history(actor=request.user, pegawai=pegawai))
    return pegawai
