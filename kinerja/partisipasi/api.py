"""Partisipasi API.

Public operations (`/publik/...`, no account) serve the same forms as the public pages with the same rules: the
human check (ALTCHA payload from `GET /publik/tantangan`, solved by the client), rate limits per address and
device (`X-Perangkat` header or the device cookie), duplicate detection, moderation. Staff operations
(`/pengaduan`, `/titik/...`, `/ringkasan/...`) need a token or a session and are scoped like the pages.
"""


import datetime as dt
from decimal import Decimal
from typing import Literal

from django.utils import timezone
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from kinerja.core.apikit import ERRORS, ErrorOut, Id, Pagination
from kinerja.organisasi.models import UnitKerja
from kinerja.organisasi.selectors import pegawai_get
from kinerja.partisipasi import perlindungan, rules, selectors, services
from kinerja.partisipasi.models import SumberKiriman

router = Router(tags=["partisipasi"])
PUBLIC_ERRORS = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 413: ErrorOut, 415: ErrorOut, 422: ErrorOut,
                 429: ErrorOut}


class BuktiIn(Schema):
    altcha: str = Field("", max_length=4000, description="Payload ALTCHA (base64) hasil memecahkan tantangan.")
    soal_token: str = Field("", max_length=400)
    soal_jawaban: str = Field("", max_length=10)


def _konteks(request, bukti: BuktiIn):
    konteks = services.konteks_dari_request(request, sumber=SumberKiriman.API, data=bukti.dict())
    return konteks


# --- public ------------------------------------------------------------------------------------------------------


class TantanganOut(Schema):
    algorithm: str
    challenge: str
    maxNumber: int  # noqa: N815 - ALTCHA's wire format
    salt: str
    signature: str


@router.get("/publik/tantangan", auth=None, response={200: TantanganOut})
def tantangan(request):
    """Tantangan ALTCHA baru: temukan n (0..maxNumber) dengan SHA-256(salt + n) == challenge."""
    return perlindungan.tantangan_baru()


class PetugasRingkas(Schema):
    kode: str
    nama: str
    sebutan: str


class TitikOut(Schema):
    kode: str
    nama: str
    jenis: str
    unit: str
    deskripsi: str
    petugas: list[PetugasRingkas]
    ikm_tahun_ini: Decimal | None = None
    mutu: str | None = None


@router.get("/publik/titik/{kode}", auth=None, response={200: TitikOut, **PUBLIC_ERRORS})
def titik_publik(request, kode: str):
    titik = selectors.titik_publik_get(kode)
    hasil = selectors.ikm_titik(titik, rules.periode_dari_kode(str(timezone.localdate().year)))
    return {"kode": titik.kode, "nama": titik.nama, "jenis": titik.jenis, "unit": titik.unit_kerja.nama,
            "deskripsi": titik.deskripsi, "ikm_tahun_ini": hasil.ikm, "mutu": hasil.mutu.huruf if hasil.mutu else None,
            "petugas": [{"kode": p.kode, "nama": p.pegawai.nama_lengkap, "sebutan": p.sebutan}
                        for p in selectors.petugas_di_titik(titik)]}


class SurveiIn(BuktiIn):
    u1: int | None = None
    u2: int | None = None
    u3: int | None = None
    u4: int | None = None
    u5: int | None = None
    u6: int | None = None
    u7: int | None = None
    u8: int | None = None
    u9: int | None = None
    jenis_kelamin: Literal["", "L", "P"] = ""
    usia: int | None = None
    pendidikan: str = Field("", max_length=10)
    pekerjaan: str = Field("", max_length=12)
    jenis_layanan: str = Field("", max_length=120)
    saran: str = Field("", max_length=2000)


class DiterimaOut(Schema):
    id: int
    status: str
    pesan: str


@router.post("/publik/titik/{kode}/survei", auth=None, response={201: DiterimaOut, **PUBLIC_ERRORS})
def survei_kirim(request, kode: str, data: SurveiIn):
    """Kirim jawaban survei kepuasan (9 unsur wajib, 1–4; profil opsional)."""
    titik = selectors.titik_publik_get(kode)
    konteks = _konteks(request, data)
    obj = services.survei_submit(titik=titik, jawaban={f"u{i}": getattr(data, f"u{i}") for i in range(1, 10)},
                                 profil=data.dict(include={"jenis_kelamin", "usia", "pendidikan", "pekerjaan",
                                                           "jenis_layanan"}),
                                 saran=data.saran, konteks=konteks)
    return Status(201, {"id": obj.pk, "status": obj.status, "pesan": "Terima kasih, jawaban Anda tercatat."})


class PenilaianIn(BuktiIn):
    kesopanan: int | None = None
    kecepatan: int | None = None
    kejelasan: int | None = None
    integritas: int | None = None
    komentar: str = Field("", max_length=1000)


@router.post("/publik/petugas/{kode}/penilaian", auth=None, response={201: DiterimaOut, **PUBLIC_ERRORS})
def penilaian_kirim(request, kode: str, data: PenilaianIn):
    """Nilai petugas bernama: 1–5 bintang untuk kesopanan, kecepatan, kejelasan dan integritas."""
    petugas = selectors.petugas_publik_get(kode)
    konteks = _konteks(request, data)
    obj = services.penilaian_petugas_submit(petugas=petugas, nilai=data.dict(include={"kesopanan", "kecepatan",
                                                                                       "kejelasan", "integritas"}),
                                            komentar=data.komentar, konteks=konteks)
    return Status(201, {"id": obj.pk, "status": obj.status, "pesan": "Terima kasih, penilaian Anda tercatat."})


@router.post("/publik/titik/{kode}/masukan", auth=None, response={201: DiterimaOut, **PUBLIC_ERRORS})
def masukan_kirim(request, kode: str, kemajuan: str = Form("", max_length=10), kualitas: str = Form("", max_length=2),
                  sikap_petugas: str = Form("", max_length=2), petugas: str = Form(""), komentar: str = Form(""),
                  altcha: str = Form(""), soal_token: str = Form(""), soal_jawaban: str = Form(""),
                  foto: UploadedFile | None = File(None)):  # noqa: B008 - ninja's File marker
    """Masukan warga tentang proyek (multipart, foto opsional JPG/PNG)."""
    titik = selectors.titik_publik_get(kode)
    konteks = _konteks(request, BuktiIn(altcha=altcha[:4000], soal_token=soal_token[:400],
                                        soal_jawaban=soal_jawaban[:10]))
    by_kode = {p.kode: p for p in selectors.petugas_di_titik(titik)}
    obj = services.masukan_proyek_submit(titik=titik, kemajuan=kemajuan[:10], kualitas=kualitas,
                                         sikap_petugas=sikap_petugas, petugas=by_kode.get(petugas),
                                         komentar=komentar[:1500], foto=foto, konteks=konteks)
    return Status(201, {"id": obj.pk, "status": obj.status, "pesan": "Terima kasih, masukan Anda tercatat."})


class PengaduanIn(BuktiIn):
    kategori: str = Field(..., max_length=10)
    judul: str = Field(..., max_length=150)
    uraian: str = Field(..., max_length=4000)
    lokasi: str = Field("", max_length=200)
    anonim: bool = True
    nama: str = Field("", max_length=120)
    kontak: str = Field("", max_length=120)
    titik: str = Field("", max_length=24, description="Kode titik layanan (opsional)")
    petugas: str = Field("", max_length=24, description="Kode papan nama petugas yang diadukan (opsional)")
    unit_id: Id | None = Field(None, description="OPD yang dituju bila tanpa titik/petugas")


class TiketOut(Schema):
    tiket: str
    status: str
    tenggat_verifikasi: dt.date


@router.post("/publik/pengaduan", auth=None, response={201: TiketOut, **PUBLIC_ERRORS})
def pengaduan_kirim(request, data: PengaduanIn):
    """Sampaikan pengaduan; jawabannya kode tiket untuk memantau status."""
    titik = selectors.titik_publik_get(data.titik) if data.titik else None
    petugas = selectors.petugas_publik_get(data.petugas) if data.petugas else None
    unit = None
    if data.unit_id is not None:
        unit = UnitKerja.objects.filter(pk=data.unit_id, aktif=True).first()
        if unit is None:
            from kinerja.core.exceptions import NotFound

            raise NotFound("Unit tujuan tidak dikenal.")
    konteks = _konteks(request, data)
    obj = services.pengaduan_submit(konteks=konteks, kategori=data.kategori, judul=data.judul, uraian=data.uraian,
                                    lokasi=data.lokasi, anonim=data.anonim, nama=data.nama, kontak=data.kontak,
                                    titik=titik, petugas=petugas, unit=unit)
    return Status(201, {"tiket": obj.tiket, "status": obj.status, "tenggat_verifikasi": obj.tenggat_verifikasi})


class TanggapanPublikOut(Schema):
    waktu: dt.datetime
    dari: str
    isi: str


class StatusOut(Schema):
    tiket: str
    judul: str
    status: str
    status_label: str
    unit: str | None
    dikirim_pada: dt.datetime
    tenggat_verifikasi: dt.date
    tenggat_tindak_lanjut: dt.date | None
    alasan_tolak: str
    riwayat: list[TanggapanPublikOut]


def _status_publik(p) -> dict:
    """What anyone holding the ticket may read: no name, no contact, no internal notes."""
    return {"tiket": p.tiket, "judul": p.judul, "status": p.status, "status_label": p.get_status_display(),
            "unit": p.unit_kerja.nama if p.unit_kerja_id else None, "dikirim_pada": p.dikirim_pada,
            "tenggat_verifikasi": p.tenggat_verifikasi, "tenggat_tindak_lanjut": p.tenggat_tindak_lanjut,
            "alasan_tolak": p.alasan_tolak,
            "riwayat": [{"waktu": t.dikirim_pada, "isi": t.isi,
                         "dari": {"pelapor": "Pelapor", "sistem": "Sistem"}.get(
                             t.jenis, t.unit_kerja.nama if t.unit_kerja_id else "Petugas")}
                        for t in p.tanggapan.all()]}


@router.get("/publik/pengaduan/{tiket}", auth=None, response={200: StatusOut, **PUBLIC_ERRORS})
def pengaduan_status(request, tiket: str):
    perlindungan.batasi(request, "tiket")
    return _status_publik(selectors.pengaduan_publik_get(tiket))


class BalasPelaporIn(BuktiIn):
    isi: str = Field(..., max_length=2000)


@router.post("/publik/pengaduan/{tiket}/balasan", auth=None, response={201: StatusOut, **PUBLIC_ERRORS})
def pengaduan_balas(request, tiket: str, data: BalasPelaporIn):
    perlindungan.batasi(request, "tiket")
    pengaduan = selectors.pengaduan_publik_get(tiket)
    konteks = _konteks(request, data)
    services.pengaduan_balas_pelapor(pengaduan=pengaduan, isi=data.isi, konteks=konteks)
    return Status(201, _status_publik(selectors.pengaduan_publik_get(tiket)))


# --- staff: complaints -------------------------------------------------------------------------------------------


class PengaduanOut(Schema):
    id: int
    tiket: str
    judul: str
    kategori: str
    status: str
    unit_id: Id | None = Field(None, alias="unit_kerja_id")
    pegawai_dilaporkan_id: int | None
    dikirim_pada: dt.datetime
    tenggat_verifikasi: dt.date
    tenggat_tindak_lanjut: dt.date | None
    tanda: str


class TanggapanOut(Schema):
    waktu: dt.datetime
    jenis: str
    isi: str
    publik: bool
    status_sesudah: str


class PengaduanDetailOut(PengaduanOut):
    uraian: str
    lokasi: str
    anonim: bool
    # Present only for those who handle the complaint or audit it; never for the reported ASN.
    nama_pelapor: str | None = None
    kontak_pelapor: str | None = None
    riwayat: list[TanggapanOut] = []


@router.get("/pengaduan", response={200: list[PengaduanOut], **ERRORS})
@paginate(Pagination, page_size=50)
def pengaduan_list(request, status: str = "", terlambat: bool = False, q: str = ""):
    """Pengaduan dalam cakupan Anda (tidak pernah pengaduan tentang diri Anda sendiri)."""
    return selectors.pengaduan_list(actor=request.user, status=status[:16], terlambat=terlambat, q=q[:100])


def _detail(request, p) -> dict:
    data = PengaduanOut.from_orm(p).dict()
    data.update({"unit_kerja_id": p.unit_kerja_id, "uraian": p.uraian, "lokasi": p.lokasi, "anonim": p.anonim,
                 "riwayat": [{"waktu": t.dikirim_pada, "jenis": t.jenis, "isi": t.isi, "publik": t.publik,
                              "status_sesudah": t.status_sesudah} for t in p.tanggapan.all()]})
    if selectors.identitas_terlihat(actor=request.user, pengaduan=p):
        data.update({"nama_pelapor": p.nama_pelapor, "kontak_pelapor": p.kontak_pelapor})
    return data


@router.get("/pengaduan/{pk}", response={200: PengaduanDetailOut, **ERRORS}, exclude_none=True)
def pengaduan_detail(request, pk: Id):
    return _detail(request, selectors.pengaduan_get(actor=request.user, pk=pk))


class AksiIn(Schema):
    aksi: Literal["verifikasi", "disposisi", "tindak_lanjut", "selesai", "tolak", "catatan"]
    isi: str = Field("", max_length=4000)
    unit_id: Id | None = None


@router.post("/pengaduan/{pk}/aksi", response={200: PengaduanDetailOut, **ERRORS}, exclude_none=True)
def pengaduan_aksi(request, pk: Id, data: AksiIn):
    """Langkah penanganan: verifikasi, disposisi (unit_id), tindak_lanjut (isi), selesai, tolak (isi = alasan),
    catatan (internal)."""
    p = selectors.pengaduan_get(actor=request.user, pk=pk)
    actor = request.user
    if data.aksi == "verifikasi":
        services.pengaduan_verifikasi(actor=actor, pengaduan=p, catatan=data.isi)
    elif data.aksi == "disposisi":
        unit = UnitKerja.objects.filter(pk=data.unit_id, instansi_id=p.instansi_id).first()
        services.pengaduan_disposisi(actor=actor, pengaduan=p, unit=unit, catatan=data.isi)
    elif data.aksi == "tindak_lanjut":
        services.pengaduan_tindak_lanjut(actor=actor, pengaduan=p, isi=data.isi)
    elif data.aksi == "selesai":
        services.pengaduan_selesai(actor=actor, pengaduan=p, isi=data.isi)
    elif data.aksi == "tolak":
        services.pengaduan_tolak(actor=actor, pengaduan=p, alasan=data.isi)
    else:
        services.pengaduan_catatan(actor=actor, pengaduan=p, isi=data.isi)
    return _detail(request, selectors.pengaduan_get(actor=actor, pk=pk))


# --- staff: IKM and evidence -------------------------------------------------------------------------------------


class IkmOut(Schema):
    periode: str
    jumlah_responden: int
    nrr: list[Decimal | None]
    ikm: Decimal | None
    mutu: str | None
    kinerja: str | None
    bobot: str
    target_sampel: int
    progres_sampel: int


@router.get("/titik/{pk}/ikm", response={200: IkmOut, **ERRORS})
def titik_ikm(request, pk: Id, periode: str = ""):
    """IKM satu titik layanan per periode (2026, 2026-S1 atau 2026-T1)."""
    titik = selectors.titik_get(actor=request.user, pk=pk)
    try:
        per = rules.periode_dari_kode(periode or str(timezone.localdate().year))
    except ValueError as exc:
        from kinerja.core.exceptions import ApplicationError

        raise ApplicationError(str(exc)) from exc
    h = selectors.ikm_titik(titik, per)
    return {"periode": per.kode, "jumlah_responden": h.jumlah, "nrr": h.nrr_tampil, "ikm": h.ikm,
            "mutu": h.mutu.huruf if h.mutu else None, "kinerja": h.mutu.kinerja if h.mutu else None,
            "bobot": h.bobot, "target_sampel": h.target_sampel, "progres_sampel": h.progres}


@router.get("/ringkasan/pegawai/{pk}", response={200: dict, **ERRORS})
def ringkasan_pegawai(request, pk: Id, dari: dt.date, sampai: dt.date):
    """Bukti dari warga untuk satu pegawai (jumlah, rata-rata, lama penyelesaian pengaduan). Bukan predikat."""
    pegawai = pegawai_get(actor=request.user, pegawai_id=pk)
    return selectors.ringkasan_pegawai(pegawai, dari, sampai, actor=request.user)


@router.get("/ringkasan/unit/{pk}", response={200: dict, **ERRORS})
def ringkasan_unit(request, pk: Id, dari: dt.date, sampai: dt.date):
    unit = UnitKerja.objects.filter(pk=pk).first()
    if unit is None:
        from kinerja.core.exceptions import NotFound

        raise NotFound("Data tidak ditemukan.")
    return selectors.ringkasan_unit(unit, dari, sampai, actor=request.user)
