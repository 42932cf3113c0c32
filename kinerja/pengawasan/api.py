"""Pengawasan API (/api/v1/pengawasan): dashboard figures, warnings and their actions, anomalies (Inspektorat),
a pegawai's strengths and weaknesses, and the best-practice library. Same scopes and errors as the pages."""

import datetime as dt
from typing import Annotated

from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from kinerja.core.apikit import ERRORS, Id, OptionalId, Pagination, SearchText
from kinerja.core.exceptions import ApplicationError
from kinerja.pengawasan import rules, selectors, services

router = Router(tags=["pengawasan"])
Bulan = Annotated[str, Field("", max_length=7, pattern=r"^(\d{4}-\d{2})?$")]


class BarisOut(Schema):
    nama: str
    unit_id: int | None
    jumlah_pegawai: int
    wajib_lapor: int
    kepatuhan: float | None
    menunggu: int
    tinjauan_rata_jam: float | None
    capaian_rata: float | None
    jadwal_rata: float | None
    indikator_tertinggal: int
    ikm: float | None
    ikm_n: int
    pengaduan_masuk: int
    pengaduan_terbuka: int
    pengaduan_terlambat: int
    peringatan: int
    tertinggal: bool


class DasborOut(Schema):
    judul: str
    bulan: dt.date
    diperbarui: dt.datetime | None
    ringkasan: BarisOut
    baris: list[BarisOut]


class PeringatanOut(Schema):
    id: int
    jenis: str
    status: str
    judul: str
    pesan: str
    data: dict
    unit_id: int | None
    pegawai_id: int | None
    pemilik_id: int | None
    created_at: dt.datetime
    terakhir_terdeteksi: dt.datetime
    diakui_pada: dt.datetime | None
    diselesaikan_pada: dt.datetime | None
    catatan_pengakuan: str
    catatan_penyelesaian: str


class CatatanIn(Schema):
    catatan: str = Field("", max_length=rules.MAKS_CATATAN)


class AnomaliOut(Schema):
    id: int
    jenis: str
    judul: str
    ringkasan: str
    skor: int
    pegawai_id: int | None
    unit_id: int | None
    bukti: dict
    laporan_ids: list[int]
    terakhir_terdeteksi: dt.datetime


class ProfilOut(Schema):
    pegawai_id: int
    ringkasan: str | None
    kelompok: str | None
    kekuatan: list[dict]
    area: list[dict]
    pelatihan: list[dict]
    mentor: list[dict]
    praktik: list[dict]


class PraktikOut(Schema):
    id: int
    judul: str
    indikator_teks: str
    program_id: int | None
    pegawai_id: int
    yang_dilakukan: str
    hasil: str
    created_at: dt.datetime


def _bulan(value: str) -> dt.date | None:
    try:
        return rules.parse_bulan(value)
    except ValueError as exc:
        raise ApplicationError(str(exc), detail={"bulan": [str(exc)]}) from exc


def _baris(b) -> dict:
    return {k: getattr(b, k) for k in BarisOut.model_fields}


@router.get("/dasbor", response={200: DasborOut, **ERRORS})
def dasbor(request, unit_id: OptionalId = None, bulan: Bulan = ""):
    """Figures of the regency (no unit_id) or of one unit and its sub-units, for one month (TTTT-BB)."""
    d = selectors.dasbor(actor=request.user, unit_id=unit_id, bulan=_bulan(bulan))
    return {"judul": d.judul, "bulan": d.bulan, "diperbarui": d.diperbarui, "ringkasan": _baris(d.ringkasan),
            "baris": [_baris(b) for b in d.baris]}


@router.get("/peringatan", response={200: list[PeringatanOut], **ERRORS})
@paginate(Pagination, page_size=50)
def peringatan_list(request, status: Annotated[str, Field("terbuka", max_length=10)] = "terbuka",
                    jenis: Annotated[str, Field("", max_length=16)] = ""):
    return selectors.peringatan_list(actor=request.user, status=status, jenis=jenis)


@router.get("/peringatan/{peringatan_id}", response={200: PeringatanOut, **ERRORS})
def peringatan_get(request, peringatan_id: Id):
    return selectors.peringatan_get(actor=request.user, peringatan_id=peringatan_id)


@router.post("/peringatan/{peringatan_id}/akui", response={200: PeringatanOut, **ERRORS})
def peringatan_akui(request, peringatan_id: Id, data: CatatanIn):
    p = selectors.peringatan_get(actor=request.user, peringatan_id=peringatan_id)
    return services.peringatan_acknowledge(actor=request.user, peringatan=p, catatan=data.catatan)


@router.post("/peringatan/{peringatan_id}/selesai", response={200: PeringatanOut, **ERRORS})
def peringatan_selesai(request, peringatan_id: Id, data: CatatanIn):
    p = selectors.peringatan_get(actor=request.user, peringatan_id=peringatan_id)
    return services.peringatan_resolve(actor=request.user, peringatan=p, catatan=data.catatan)


@router.get("/anomali", response={200: list[AnomaliOut], **ERRORS})
@paginate(Pagination, page_size=50)
def anomali_list(request, jenis: Annotated[str, Field("", max_length=10)] = "", q: SearchText = ""):
    """Integrity anomalies with their evidence (Inspektorat only)."""
    return selectors.anomali_list(actor=request.user, jenis=jenis, q=q)


@router.get("/pegawai/{pegawai_id}/profil", response={200: ProfilOut, **ERRORS})
def profil(request, pegawai_id: Id):
    """Strengths and development areas against comparable peers, with suggested trainings and mentors."""
    h = selectors.halaman_pegawai(actor=request.user, pegawai_id=pegawai_id)
    return {
        "pegawai_id": h.pegawai.pk, "ringkasan": h.profil.ringkasan if h.profil else None,
        "kelompok": h.profil.kelompok if h.profil else None, "kekuatan": h.kekuatan, "area": h.area,
        "pelatihan": [{"fokus": s["kode"], "label": s["label"],
                       "sesi": [{"id": x.pk, "judul": x.judul, "mulai": x.mulai.isoformat()} for x in s["sesi"]]}
                      for s in h.pelatihan],
        "mentor": [{"pegawai_id": t.pegawai_id, "nama": t.pegawai.nama_lengkap, "judul": t.judul, "nilai": t.nilai}
                   for t in h.mentor],
        "praktik": [{"id": p.pk, "judul": p.judul} for p in h.praktik],
    }


@router.get("/praktik", response={200: list[PraktikOut], **ERRORS})
@paginate(Pagination, page_size=20)
def praktik_list(request, q: SearchText = "", program_id: OptionalId = None):
    """The best-practice library, searchable by text and program."""
    return selectors.praktik_list(actor=request.user, q=q, program_id=program_id)
