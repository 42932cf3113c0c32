"""Pelatihan API (mounted at /api/v1/pelatihan): the phone's view of invitations and check-in, the pulse survey,
the development history, adoption metrics for dashboards and integrations, and trainings by fokus."""

import datetime as dt

from ninja import Router, Schema, Status
from pydantic import Field

from kinerja.core.apikit import ERRORS, ErrorOut, Id
from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound
from kinerja.pelatihan import rules, selectors, services
from kinerja.pelatihan.models import CaraHadir

router = Router(tags=["pelatihan"])


class SesiOut(Schema):
    id: int
    judul: str
    jenis: str
    mode: str
    tempat: str
    tautan_daring: str
    mulai: dt.datetime
    selesai: dt.datetime
    status: str
    jam_pelajaran: int
    fokus: list[str] = []

    @staticmethod
    def resolve_fokus(obj) -> list[str]:
        return [f.kode for f in obj.fokus.all()]


class PesertaOut(Schema):
    sesi: SesiOut
    cara_daftar: str
    hadir_pada: dt.datetime | None
    nilai_kuis: int | None
    lulus_kuis: bool | None
    sertifikat_nomor: str
    sertifikat_kode: str | None


class UndanganOut(Schema):
    akan: list[PesertaOut]
    lalu: list[PesertaOut]


class PresensiIn(Schema):
    kode: str = Field(..., min_length=1, max_length=20, description="Token dari QR atau 6 angka di bawahnya.")


class PresensiOut(Schema):
    hadir_pada: dt.datetime
    baru: bool
    pesan: str


class PutaranOut(Schema):
    id: int
    judul: str
    mulai: dt.date
    selesai: dt.date
    sudah_mengisi: bool
    pertanyaan: dict[str, str]


class SurveiIn(Schema):
    kegunaan: int = Field(..., ge=1, le=5)
    keadilan: int = Field(..., ge=1, le=5)
    kemudahan: int = Field(..., ge=1, le=5)
    komentar: str = Field("", max_length=rules.MAKS_KOMENTAR)


class PesanOut(Schema):
    pesan: str


class RiwayatOut(Schema):
    id: int
    judul: str
    jenis: str
    penyelenggara: str
    tanggal_mulai: dt.date
    tanggal_selesai: dt.date
    jam_pelajaran: int
    fokus: list[str]
    sertifikat_nomor: str
    sumber: str


class RiwayatSayaOut(Schema):
    jp_tahun_ini: int
    target_jp: int
    items: list[RiwayatOut]


class MetrikOut(Schema):
    minggu: dt.date
    tingkat: str
    unit_id: int | None
    opd_id: int | None
    nama: str
    jumlah_pegawai: int
    persen_aktif: int | None
    persen_kepatuhan: int | None
    umpan_balik_jam: float | None
    persen_skp: int | None
    persen_terlatih: int | None
    tertinggal: bool
    alasan: list[str]


def _minggu(actor, minggu: dt.date | None) -> dt.date:
    tersedia = selectors.minggu_tersedia(actor=actor, batas=520)
    if not tersedia:
        raise NotFound("Angka adopsi belum dihitung.")
    if minggu is None:
        return tersedia[0]
    if rules.awal_minggu(minggu) not in tersedia:
        raise NotFound("Tidak ada angka untuk minggu itu.")
    return rules.awal_minggu(minggu)


@router.get("/undangan", response={200: UndanganOut, **ERRORS})
def undangan(request):
    """Sesi yang Anda ikuti: yang akan datang (juga yang sedang berjalan) dan yang sudah lewat."""
    return selectors.undangan_saya(actor=request.user)


@router.get("/sesi/{sesi_id}", response={200: SesiOut, **ERRORS})
def sesi_detail(request, sesi_id: Id):
    return selectors.sesi_get(actor=request.user, sesi_id=sesi_id)


@router.post("/sesi/{sesi_id}/presensi", response={200: PresensiOut, 201: PresensiOut, 429: ErrorOut, **ERRORS})
def presensi(request, sesi_id: Id, payload: PresensiIn):
    """Catat kehadiran dengan kode yang tampil di lokasi (berganti setiap 30 detik)."""
    sesi = selectors.sesi_untuk_presensi(actor=request.user, sesi_id=sesi_id)
    cara = CaraHadir.KODE if payload.kode.strip().isdigit() else CaraHadir.QR
    peserta, baru = services.presensi_catat(actor=request.user, sesi=sesi, kode=payload.kode, cara=cara)
    pesan = "Kehadiran tercatat." if baru else "Kehadiran Anda sudah tercatat."
    return Status(201 if baru else 200, {"hadir_pada": peserta.hadir_pada, "baru": baru, "pesan": pesan})


@router.get("/survei/aktif", response={200: PutaranOut, **ERRORS})
def survei_aktif(request):
    """Putaran survei denyut yang sedang dibuka (404 bila tidak ada)."""
    putaran = selectors.putaran_aktif(request.user.instansi_id) if request.user.instansi_id else None
    if putaran is None:
        raise NotFound("Tidak ada putaran survei yang sedang dibuka.")
    return {"id": putaran.pk, "judul": putaran.judul, "mulai": putaran.mulai, "selesai": putaran.selesai,
            "sudah_mengisi": selectors.sudah_mengisi(actor=request.user, putaran=putaran),
            "pertanyaan": dict(rules.PERTANYAAN_SURVEI)}


@router.post("/survei/{putaran_id}/tanggapan", response={201: PesanOut, **ERRORS})
def survei_isi(request, putaran_id: Id, payload: SurveiIn):
    """Kirim jawaban anonim (sekali per putaran)."""
    putaran = selectors.putaran_get(actor=request.user, putaran_id=putaran_id)
    services.survei_isi(actor=request.user, putaran=putaran, **payload.dict())
    return Status(201, {"pesan": "Terima kasih, jawaban Anda tersimpan tanpa nama."})


@router.get("/riwayat", response={200: RiwayatSayaOut, **ERRORS})
def riwayat(request):
    """Riwayat pengembangan Anda dan JP tahun ini."""
    data = selectors.riwayat_pengembangan(actor=request.user)
    return {"jp_tahun_ini": data.jp_tahun_ini, "target_jp": data.target_jp, "items": data.items}


@router.get("/adopsi", response={200: list[MetrikOut], **ERRORS})
def adopsi(request, minggu: dt.date | None = None):
    """Angka adopsi per OPD untuk satu minggu (terbaru bila kosong), sesuai yang boleh Anda lihat."""
    m = _minggu(request.user, minggu)
    return list(selectors.metrik_opd(actor=request.user, minggu=m))


@router.get("/adopsi/opd/{opd_id}", response={200: list[MetrikOut], **ERRORS})
def adopsi_opd(request, opd_id: Id, minggu: dt.date | None = None):
    """Angka adopsi per unit kerja satu OPD."""
    m = _minggu(request.user, minggu)
    opd, units = selectors.metrik_unit(actor=request.user, opd_id=opd_id, minggu=m)
    return [opd, *units]


@router.get("/adopsi/tertinggal", response={200: list[MetrikOut], **ERRORS})
def adopsi_tertinggal(request, minggu: dt.date | None = None):
    """OPD dan unit yang ditandai tertinggal, dengan alasannya."""
    return selectors.tertinggal_list(actor=request.user, minggu=_minggu(request.user, minggu))


@router.get("/fokus/{kode}/sesi", response={200: list[SesiOut], **ERRORS})
def sesi_untuk_fokus(request, kode: str):
    """Sesi terbit yang akan datang untuk satu fokus (nilai BerAKHLAK atau bagian siklus kinerja)."""
    if kode not in rules.FOKUS_KODE:
        raise NotFound(MSG_NOT_FOUND)
    from kinerja.organisasi.access import scope_for

    pegawai = scope_for(request.user).pegawai
    return list(selectors.pelatihan_untuk_fokus(instansi_id=request.user.instansi_id, kode=kode, pegawai=pegawai)
                .prefetch_related("fokus"))
