"""Daily-report API (mounted at /api/v1/laporan): the phone app's sync target and the review queue.

Pegawai: create (and submit) with `Idempotency-Key` — the same key returns the original report (200, header
`Idempotent-Replayed: true`) instead of a new one (201) —, list own reports, edit until approved, delete a draft,
submit, upload evidence (also idempotent), comment. Supervisors: the queue, approve, request revision (comment
required), approve several, comment. Plus the RHK choices, the realisasi of an SKP, the policy and unlocks.
"""


import datetime as dt
import uuid
from decimal import Decimal

from django.http import HttpResponse
from django.urls import reverse
from ninja import File, Header, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from kinerja.core.apikit import AUTH, ERRORS, Angka, ErrorOut, Id, Jam, Pagination
from kinerja.core.exceptions import ApplicationError, ErrorCode, Forbidden
from kinerja.core.files import file_response
from kinerja.laporan import rules, selectors, services
from kinerja.laporan.models import LaporanHarian
from kinerja.laporan.uploads import StrictUploads, unsafe_names
from kinerja.organisasi import selectors as org_selectors

router = Router(tags=["laporan"])

UPLOAD_ERRORS = {**ERRORS, 413: ErrorOut, 415: ErrorOut}
BERKAS = File(None, description="Berkas bukti dukung (multipart).")
KEY_HEADER = Header(None, alias="Idempotency-Key", max_length=64,
                    description="UUID yang dibuat ponsel untuk satu pengiriman; kirim ulang dengan kunci yang sama "
                                "tidak membuat data ganda.")


# --- schemas ------------------------------------------------------------------------------------------------------
Jumlah = Angka(12, 2)  # a negative output is refused by the service, with its Indonesian message


class LaporanIn(Schema):
    tanggal: dt.date | None = Field(None, description="Tanggal kegiatan (waktu setempat unit). Kosong: hari ini.")
    jam_mulai: Jam
    jam_selesai: Jam
    rhk_id: Id | None = Field(None, description="RHK dari SKP aktif Anda (atau isi indikator_id).")
    indikator_id: Id | None = None
    uraian: str = Field(..., max_length=2000)
    output_jumlah: Jumlah
    output_satuan: str = Field(..., max_length=60)
    program_id: Id | None = None
    latitude: float | None = None
    longitude: float | None = None
    ajukan: bool = Field(False, description="true: langsung diajukan ke atasan; false: disimpan sebagai draf.")


class LaporanPatch(Schema):
    tanggal: dt.date | None = None
    jam_mulai: Jam | None = None
    jam_selesai: Jam | None = None
    rhk_id: Id | None = None
    indikator_id: Id | None = None
    uraian: str | None = Field(None, max_length=2000)
    output_jumlah: Jumlah | None = None
    output_satuan: str | None = Field(None, max_length=60)
    program_id: Id | None = None
    latitude: float | None = None
    longitude: float | None = None


class LaporanOut(Schema):
    id: int
    pegawai_id: int
    tanggal: dt.date
    jam_mulai: Jam
    jam_selesai: Jam
    durasi_menit: int
    skp_id: int
    rhk_id: int
    indikator_id: int | None
    uraian: str
    output_jumlah: Decimal
    output_satuan: str
    program_id: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    status: str
    idempotency_key: uuid.UUID | None
    penilai_id: int | None
    diajukan_pada: dt.datetime | None
    ditinjau_pada: dt.datetime | None
    jumlah_revisi: int
    created_at: dt.datetime
    updated_at: dt.datetime


class BuktiOut(Schema):
    id: int
    laporan_id: int
    jenis: str
    mime: str
    ukuran: int
    nama_asli: str
    sha256: str
    url: str
    created_at: dt.datetime

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("api:laporan_bukti_berkas", args=[obj.pk])


class KomentarOut(Schema):
    id: int
    jenis: str
    isi: str
    penulis: str
    created_at: dt.datetime

    @staticmethod
    def resolve_penulis(obj) -> str:
        return obj.penulis.get_full_name()


class LaporanDetailOut(LaporanOut):
    pegawai_nama: str
    bukti: list[BuktiOut]
    komentar: list[KomentarOut]

    @staticmethod
    def resolve_pegawai_nama(obj) -> str:
        return obj.pegawai.nama_lengkap

    @staticmethod
    def resolve_bukti(obj):
        return getattr(obj, "bukti_list", None) or list(obj.bukti.all())

    @staticmethod
    def resolve_komentar(obj):
        return getattr(obj, "komentar_list", None) or list(obj.komentar.all())


class KomentarIn(Schema):
    isi: str = Field(..., max_length=2000)


class TinjauanIn(Schema):
    komentar: str = Field("", max_length=2000)


class SetujuiMassalIn(Schema):
    ids: list[Id] = Field(..., max_length=200)
    konfirmasi: bool = Field(False, description="true: setujui juga laporan yang belum Anda buka.")


class SetujuiMassalOut(Schema):
    disetujui: list[int]
    belum_dibuka: list[int]
    dilewati: list[int]
    perlu_konfirmasi: bool
    pesan: str


class IndikatorOut(Schema):
    id: int
    aspek: str
    teks: str
    target: Decimal
    satuan: str


class RhkOut(Schema):
    id: int
    jenis: str
    teks: str
    indikator: list[IndikatorOut]

    @staticmethod
    def resolve_indikator(obj):
        return list(obj.indikator.all())


class SkpPilihanOut(Schema):
    id: int
    tanggal_mulai: dt.date
    tanggal_selesai: dt.date
    rhk: list[RhkOut]

    @staticmethod
    def resolve_rhk(obj):
        return list(obj.rhk.all())


class RealisasiPeriodeOut(Schema):
    jadwal_id: int
    nama: str
    tanggal_mulai: dt.date
    tanggal_selesai: dt.date
    realisasi: Decimal
    jumlah_laporan: int


class RealisasiIndikatorOut(Schema):
    indikator_id: int
    teks: str
    aspek: str
    target: Decimal
    satuan: str
    realisasi: Decimal
    capaian_persen: Decimal | None
    jumlah_laporan: int
    per_periode: list[RealisasiPeriodeOut]


class RealisasiRhkOut(Schema):
    rhk_id: int
    teks: str
    jumlah_laporan: int
    durasi_menit: int
    indikator: list[RealisasiIndikatorOut]


class RealisasiOut(Schema):
    skp_id: int
    pegawai_id: int
    menunggu_tinjauan: int
    rhk: list[RealisasiRhkOut]


class KebijakanOut(Schema):
    batas_mundur_hari_kerja: int
    batas_jam_harian: Decimal
    jam_pengingat: Jam
    pengingat_email: bool
    batas_hari_tinjauan: int
    maks_ukuran_bukti_mb: int
    maks_bukti_per_laporan: int


class KebijakanIn(Schema):
    batas_mundur_hari_kerja: int | None = None
    batas_jam_harian: Angka(4, 2, minimum=0) | None = None
    jam_pengingat: Jam | None = None
    pengingat_email: bool | None = None
    batas_hari_tinjauan: int | None = None
    maks_ukuran_bukti_mb: int | None = None
    maks_bukti_per_laporan: int | None = None


class BukaKunciIn(Schema):
    pegawai_id: Id
    tanggal: dt.date
    alasan: str = Field(..., max_length=300)


class BukaKunciOut(Schema):
    id: int
    pegawai_id: int
    tanggal: dt.date
    berlaku_sampai: dt.date
    alasan: str


# --- pegawai -----------------------------------------------------------------------------------------------------
def _replayed(response: HttpResponse, created: bool):
    if not created:
        response["Idempotent-Replayed"] = "true"


@router.get("/harian", response={200: list[LaporanOut], **ERRORS})
@paginate(Pagination, page_size=50)
def laporan_list(request, status: str = "", dari: dt.date | None = None, sampai: dt.date | None = None,
                 pegawai_id: Id | None = None):
    """Laporan Anda (atau, dengan `pegawai_id`, laporan pegawai dalam cakupan Anda), terbaru dulu."""
    if pegawai_id is None:
        return selectors.laporan_milik(actor=request.user).filter(
            **({"status": status} if status else {}), **({"tanggal__gte": dari} if dari else {}),
            **({"tanggal__lte": sampai} if sampai else {}))
    return selectors.laporan_list(actor=request.user, pegawai_id=pegawai_id, status=status or None, dari=dari,
                                  sampai=sampai)


@router.post("/harian", url_name="laporan_create", response={200: LaporanOut, 201: LaporanOut, **ERRORS})
def laporan_create(request, response: HttpResponse, payload: LaporanIn, idempotency_key: str | None = KEY_HEADER):
    """Buat laporan (dan langsung ajukan bila `ajukan`). Dengan header `Idempotency-Key` yang sama, laporan yang
    sudah tercatat dikembalikan (200) — tidak ada data ganda saat ponsel mengirim ulang."""
    key = services.parse_idempotency_key(idempotency_key)
    data = payload.model_dump(exclude={"ajukan"})
    laporan, created = services.laporan_harian_create(actor=request.user, data=data, ajukan=payload.ajukan,
                                                      idempotency_key=key)
    _replayed(response, created)
    return Status(201 if created else 200, laporan)


@router.get("/harian/{laporan_id}", response={200: LaporanDetailOut, **ERRORS})
def laporan_get(request, laporan_id: Id):
    return selectors.laporan_detail(actor=request.user, laporan_id=laporan_id)


@router.patch("/harian/{laporan_id}", response={200: LaporanOut, **ERRORS})
def laporan_update(request, laporan_id: Id, payload: LaporanPatch):
    """Ubah laporan Anda selama belum disetujui."""
    laporan = selectors.laporan_get(actor=request.user, laporan_id=laporan_id)
    return services.laporan_harian_update(actor=request.user, laporan=laporan,
                                          data=payload.model_dump(exclude_unset=True))


@router.delete("/harian/{laporan_id}", response={204: None, **ERRORS})
def laporan_delete(request, laporan_id: Id):
    """Hapus draf (laporan yang sudah diajukan tidak dapat dihapus)."""
    laporan = selectors.laporan_get(actor=request.user, laporan_id=laporan_id)
    services.laporan_harian_delete(actor=request.user, laporan=laporan)
    return Status(204, None)


@router.post("/harian/{laporan_id}/ajukan", response={200: LaporanOut, **ERRORS})
def laporan_submit(request, laporan_id: Id):
    """Ajukan draf atau laporan yang sudah direvisi ke pejabat penilai."""
    laporan = selectors.laporan_get(actor=request.user, laporan_id=laporan_id)
    return services.laporan_harian_submit(actor=request.user, laporan=laporan)


@router.post("/harian/{laporan_id}/bukti", auth=[StrictUploads(), *AUTH],
             response={200: BuktiOut, 201: BuktiOut, **UPLOAD_ERRORS})
def bukti_upload(request, response: HttpResponse, laporan_id: Id, berkas: UploadedFile | None = BERKAS,
                 idempotency_key: str | None = KEY_HEADER):
    """Unggah satu bukti dukung (multipart, kolom `berkas`): JPG/PNG, PDF, DOCX, XLSX. Jenis dikenali dari isi
    berkas; foto dikecilkan dan dibersihkan. Dengan `Idempotency-Key` yang sama, bukti yang sudah tersimpan
    dikembalikan."""
    key = services.parse_idempotency_key(idempotency_key)
    laporan = selectors.laporan_get(actor=request.user, laporan_id=laporan_id)
    bukti, created = services.bukti_dukung_add(actor=request.user, laporan=laporan, upload=berkas,
                                               idempotency_key=key, nama_tidak_aman=bool(unsafe_names(request)))
    _replayed(response, created)
    return Status(201 if created else 200, bukti)


@router.delete("/harian/{laporan_id}/bukti/{bukti_id}", response={204: None, **ERRORS})
def bukti_delete(request, laporan_id: Id, bukti_id: Id):
    bukti = selectors.bukti_get(actor=request.user, bukti_id=bukti_id)
    if bukti.laporan_id != laporan_id:
        raise ApplicationError("Bukti ini bukan milik laporan tersebut.", code=ErrorCode.NOT_FOUND)
    services.bukti_dukung_delete(actor=request.user, bukti=bukti)
    return Status(204, None)


@router.get("/bukti/{bukti_id}/berkas", url_name="laporan_bukti_berkas", response={200: None, **ERRORS})
def bukti_berkas(request, bukti_id: Id):
    """Unduh bukti dukung (hanya bagi yang boleh melihat laporannya)."""
    bukti = selectors.bukti_get(actor=request.user, bukti_id=bukti_id)
    return file_response(bukti.berkas, filename=bukti.nama_asli, mime=bukti.mime, inline=bukti.is_image)


@router.get("/harian/{laporan_id}/komentar", response={200: list[KomentarOut], **ERRORS})
def komentar_list(request, laporan_id: Id):
    laporan = selectors.laporan_get(actor=request.user, laporan_id=laporan_id)
    return list(selectors.komentar_list(actor=request.user, laporan=laporan))


@router.post("/harian/{laporan_id}/komentar", response={201: KomentarOut, **ERRORS})
def komentar_create(request, laporan_id: Id, payload: KomentarIn):
    """Komentar oleh pegawai pemilik laporan atau atasannya; pihak lain diberi tahu."""
    laporan = selectors.laporan_get(actor=request.user, laporan_id=laporan_id)
    return Status(201, services.laporan_komentar_create(actor=request.user, laporan=laporan, isi=payload.isi))


@router.get("/rhk", response={200: list[SkpPilihanOut], **ERRORS})
def rhk_pilihan(request, tanggal: dt.date | None = None):
    """RHK dan indikator dari SKP aktif Anda yang sudah disetujui: pilihan formulir laporan."""
    return selectors.rhk_pilihan(actor=request.user, tanggal=tanggal)


# --- supervisors ------------------------------------------------------------------------------------------------
@router.get("/tinjauan", response={200: list[LaporanDetailOut], **ERRORS})
def tinjauan_list(request):
    """Laporan bawahan yang menunggu tinjauan Anda (terlama dulu, maksimal 100)."""
    return selectors.antrian_tinjauan(actor=request.user)


@router.post("/harian/{laporan_id}/setujui", response={200: LaporanOut, **ERRORS})
def laporan_approve(request, laporan_id: Id, payload: TinjauanIn):
    laporan = selectors.laporan_get(actor=request.user, laporan_id=laporan_id)
    return services.laporan_harian_approve(actor=request.user, laporan=laporan, komentar=payload.komentar)


@router.post("/harian/{laporan_id}/revisi", response={200: LaporanOut, **ERRORS})
def laporan_revise(request, laporan_id: Id, payload: TinjauanIn):
    """Kembalikan untuk revisi; `komentar` wajib (apa yang perlu diperbaiki)."""
    laporan = selectors.laporan_get(actor=request.user, laporan_id=laporan_id)
    return services.laporan_harian_request_revision(actor=request.user, laporan=laporan, komentar=payload.komentar)


@router.post("/tinjauan/setujui", response={200: SetujuiMassalOut, **ERRORS})
def tinjauan_setujui_massal(request, payload: SetujuiMassalIn):
    """Setujui beberapa laporan sekaligus. Hanya laporan yang sudah Anda buka; bila ada yang belum dibuka, tidak
    ada yang disetujui dan `perlu_konfirmasi` bernilai true — kirim lagi dengan `konfirmasi: true`."""
    hasil = services.laporan_harian_approve_many(actor=request.user, ids=payload.ids, konfirmasi=payload.konfirmasi)
    pesan = (f"{len(hasil.belum_dibuka)} laporan belum Anda buka. Kirim lagi dengan konfirmasi untuk menyetujuinya."
             if hasil.perlu_konfirmasi else f"{len(hasil.disetujui)} laporan disetujui.")
    return {"disetujui": [r.pk for r in hasil.disetujui], "belum_dibuka": [r.pk for r in hasil.belum_dibuka],
            "dilewati": hasil.dilewati, "perlu_konfirmasi": hasil.perlu_konfirmasi, "pesan": pesan}


@router.post("/buka-kunci", response={201: BukaKunciOut, **ERRORS})
def buka_kunci(request, payload: BukaKunciIn):
    """Atasan membuka tanggal lama (lewat batas pengisian) bagi bawahannya."""
    pegawai = org_selectors.pegawai_get(actor=request.user, pegawai_id=payload.pegawai_id)
    return Status(201, services.buka_kunci_create(actor=request.user, pegawai=pegawai, tanggal=payload.tanggal,
                                                  alasan=payload.alasan))


# --- realisasi and policy ---------------------------------------------------------------------------------------
@router.get("/realisasi/skp/{skp_id}", response={200: RealisasiOut, **ERRORS})
def realisasi(request, skp_id: Id):
    """Realisasi per indikator per periode evaluasi dari laporan yang sudah disetujui."""
    skp = selectors.skp_get(actor=request.user, skp_id=skp_id)
    r = selectors.realisasi_skp(actor=request.user, skp=skp)
    return {
        "skp_id": skp.pk, "pegawai_id": skp.pegawai_id, "menunggu_tinjauan": r.menunggu,
        "rhk": [{
            "rhk_id": x.rhk.pk, "teks": x.rhk.teks, "jumlah_laporan": x.jumlah_laporan, "durasi_menit": x.menit,
            "indikator": [{
                "indikator_id": i.indikator.pk, "teks": i.indikator.teks, "aspek": i.indikator.aspek,
                "target": i.indikator.target, "satuan": i.indikator.satuan, "realisasi": i.total,
                "capaian_persen": i.capaian, "jumlah_laporan": i.jumlah_laporan,
                "per_periode": [{"jadwal_id": j.pk, "nama": j.nama, "tanggal_mulai": j.tanggal_mulai,
                                 "tanggal_selesai": j.tanggal_selesai, "realisasi": i.per_jadwal.get(j.pk, 0),
                                 "jumlah_laporan": i.laporan_per_jadwal.get(j.pk, 0)} for j in r.jadwal],
            } for i in x.indikator],
        } for x in r.rhk],
    }


@router.get("/kebijakan", response={200: KebijakanOut, **ERRORS})
def kebijakan_get(request):
    """Kebijakan laporan harian instansi Anda."""
    if request.user.instansi_id is None:
        raise Forbidden(rules.MSG_BUKAN_PEGAWAI)
    return selectors.kebijakan_for(request.user.instansi_id)


@router.put("/kebijakan", response={200: KebijakanOut, **ERRORS})
def kebijakan_put(request, payload: KebijakanIn):
    """Ubah kebijakan (admin BKPSDM); kolom yang tidak dikirim tidak berubah."""
    return services.kebijakan_laporan_update(actor=request.user, **payload.model_dump(exclude_none=True))


__all__ = ["router", "LaporanHarian"]
