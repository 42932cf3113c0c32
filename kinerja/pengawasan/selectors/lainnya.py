"""Reads of warnings, the pegawai profile, the Inspektorat workspace and the best-practice library, scoped with
pengawasan.access (404 outside the scope)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from kinerja.core.exceptions import MSG_FORBIDDEN, MSG_NOT_FOUND, Forbidden, NotFound
from kinerja.core.models import CatatanAudit
from kinerja.laporan.models import LaporanHarian
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.pengawasan import rules
from kinerja.pengawasan.access import scope_pengawasan
from kinerja.pengawasan.models import (
    Anomali,
    CapaianIndikator,
    JenisAnomali,
    JenisPeringatan,
    Peringatan,
    PraktikBaik,
    ProfilPegawai,
    SampelVerifikasi,
    StatistikPegawai,
    StatistikUnit,
    StatusPeringatan,
    StatusPraktik,
    Teladan,
)
from kinerja.perencanaan.models import PeriodeKinerja, ProgramKegiatan


def _periode(instansi_id: int) -> PeriodeKinerja | None:
    today = timezone.localdate()
    return (PeriodeKinerja.objects.filter(instansi_id=instansi_id, tanggal_mulai__lte=today,
                                          tanggal_selesai__gte=today).order_by("-tahun").first())


# --- warnings -------------------------------------------------------------------------------------------------------
def _peringatan_q(actor) -> Q:
    sp = scope_pengawasan(actor)
    base = Q(instansi_id=sp.instansi_id)
    if sp.base.instansi_read:
        return base
    allowed = Q(pemilik_id=actor.pk) | Q(pegawai_id__in=Pegawai.objects.filter(sp.individu_q()).values("pk"))
    if sp.semua_unit:  # pimpinan daerah: warnings about units, not about individuals
        allowed |= Q(pegawai__isnull=True)
    for _, path in sp.akar:
        allowed |= Q(path__startswith=path)
    return base & allowed


def peringatan_list(*, actor, status: str = "terbuka", jenis: str = "", unit_id: int | None = None,
                    milik: bool = False) -> QuerySet[Peringatan]:
    qs = Peringatan.objects.filter(_peringatan_q(actor)).select_related("pemilik", "unit", "pegawai")
    if status == "terbuka":
        qs = qs.filter(status__in=[StatusPeringatan.TERBUKA, StatusPeringatan.DIAKUI])
    elif status in StatusPeringatan.values:
        qs = qs.filter(status=status)
    if jenis in JenisPeringatan.values:
        qs = qs.filter(jenis=jenis)
    elif jenis:
        qs = qs.none()
    if unit_id:
        unit = UnitKerja.objects.filter(pk=unit_id, instansi_id=actor.instansi_id).first()
        qs = qs.filter(path__startswith=unit.path) if unit else qs.none()
    if milik:
        qs = qs.filter(pemilik=actor)
    return qs.order_by("-created_at", "-pk")


def peringatan_get(*, actor, peringatan_id: int) -> Peringatan:
    p = peringatan_list(actor=actor, status="").filter(pk=peringatan_id).first()
    if p is None:
        raise NotFound(MSG_NOT_FOUND)
    return p


def riwayat(obj) -> list[LogEntry]:
    """The audit trail of one object (who, when, before → after)."""
    ct = ContentType.objects.get_for_model(type(obj))
    return list(LogEntry.objects.filter(content_type=ct, object_pk=str(obj.pk)).select_related("actor")
                .order_by("timestamp", "pk"))


# --- the pegawai page -------------------------------------------------------------------------------------------
@dataclass
class HalamanPegawai:
    pegawai: Pegawai
    bulanan: list[StatistikPegawai]
    capaian: list[CapaianIndikator]
    profil: ProfilPegawai | None
    kekuatan: list[dict] = field(default_factory=list)
    area: list[dict] = field(default_factory=list)
    pelatihan: list[dict] = field(default_factory=list)
    praktik: list[PraktikBaik] = field(default_factory=list)
    mentor: list[Teladan] = field(default_factory=list)
    teladan: list[Teladan] = field(default_factory=list)
    peringatan: list[Peringatan] = field(default_factory=list)


def pegawai_get(*, actor, pegawai_id: int) -> Pegawai:
    sp = scope_pengawasan(actor)
    p = (Pegawai.objects.select_related("jabatan__unit_kerja", "unit_kerja", "opd")
         .filter(pk=pegawai_id).first())
    if p is None or not sp.melihat_individu(p):
        raise NotFound(MSG_NOT_FOUND)
    return p


def halaman_pegawai(*, actor, pegawai_id: int) -> HalamanPegawai:
    pegawai = pegawai_get(actor=actor, pegawai_id=pegawai_id)
    periode = _periode(pegawai.instansi_id)
    bulanan = list(StatistikPegawai.objects.filter(pegawai=pegawai).order_by("-bulan")[:6])[::-1]
    capaian = list(CapaianIndikator.objects.filter(pegawai=pegawai, periode=periode).select_related("program")
                   .order_by("jadwal_persen")) if periode else []
    profil = ProfilPegawai.objects.filter(pegawai=pegawai, periode=periode).first() if periode else None
    h = HalamanPegawai(pegawai=pegawai, bulanan=bulanan, capaian=capaian, profil=profil)
    if profil:
        dims = {d["kode"]: d for d in profil.dimensi}
        h.kekuatan = [dims[k] for k in profil.kekuatan if k in dims]
        h.area = [dims[k] for k in profil.area if k in dims]
        h.pelatihan = saran_pelatihan(pegawai, [d.get("fokus") for d in h.area])
    h.praktik, h.mentor = rekomendasi(pegawai, capaian)
    h.teladan = list(Teladan.objects.filter(pegawai=pegawai, periode=periode).order_by("peringkat")) if periode else []
    h.peringatan = list(peringatan_list(actor=actor).filter(pegawai=pegawai)[:10])
    return h


def saran_pelatihan(pegawai: Pegawai, fokus: list[str | None]) -> list[dict]:
    """Upcoming sessions of Adopsi/Pelatihan that address the pegawai's development areas."""
    from kinerja.pelatihan.rules import FOKUS_LABEL
    from kinerja.pelatihan.selectors import pelatihan_untuk_fokus

    out = []
    for kode in dict.fromkeys(f for f in fokus if f):
        sesi = list(pelatihan_untuk_fokus(instansi_id=pegawai.instansi_id, kode=kode, pegawai=pegawai)[:3])
        out.append({"kode": kode, "label": FOKUS_LABEL.get(kode, kode), "sesi": sesi})
    return out


def rekomendasi(pegawai: Pegawai, capaian: list[CapaianIndikator]) -> tuple[list[PraktikBaik], list[Teladan]]:
    """Practice notes and mentors for the indicators (or their programs) the pegawai is weak on: notes of the same
    indicator group or program, and the top performers of those groups (other people)."""
    lemah = [c for c in capaian if c.jadwal_persen < rules.AMBANG_LEMAH]
    if not lemah:
        return [], []
    kunci = {c.kunci for c in lemah} | {f"program:{c.program_id}" for c in lemah if c.program_id}
    praktik = list(PraktikBaik.objects.filter(instansi_id=pegawai.instansi_id, status=StatusPraktik.TERBIT)
                   .filter(Q(kunci__in=kunci) | Q(program_id__in=[c.program_id for c in lemah if c.program_id]))
                   .exclude(pegawai=pegawai).select_related("pegawai", "program").order_by("-created_at")[:5])
    mentor = list(Teladan.objects.filter(instansi_id=pegawai.instansi_id, kunci__in=kunci, periode_id=lemah[0]
                                         .periode_id).exclude(pegawai=pegawai).select_related("pegawai", "unit_kerja")
                  .order_by("peringkat", "-nilai")[:5])
    return praktik, mentor


# --- Inspektorat ------------------------------------------------------------------------------------------------
def _cek_inspektorat(actor) -> None:
    if not scope_pengawasan(actor).inspektorat:
        raise NotFound(MSG_NOT_FOUND)


def anomali_list(*, actor, jenis: str = "", opd_id: int | None = None, q: str = "") -> QuerySet[Anomali]:
    _cek_inspektorat(actor)
    qs = Anomali.objects.filter(instansi_id=actor.instansi_id).select_related("pegawai", "unit", "opd")
    q = (q or "").replace("\x00", "").strip()
    if jenis in JenisAnomali.values:
        qs = qs.filter(jenis=jenis)
    elif jenis:
        qs = qs.none()
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    if q:
        qs = qs.filter(Q(pegawai__nama__icontains=q) | Q(pegawai__nip__startswith=q) | Q(judul__icontains=q))
    return qs.order_by("-skor", "-terakhir_terdeteksi", "-pk")


def anomali_get(*, actor, anomali_id: int) -> Anomali:
    a = anomali_list(actor=actor).filter(pk=anomali_id).first()
    if a is None:
        raise NotFound(MSG_NOT_FOUND)
    return a


def catatan_untuk(instansi_id: int, objek: list[str]) -> dict[str, list[CatatanAudit]]:
    out: dict[str, list[CatatanAudit]] = {}
    for c in (CatatanAudit.objects.filter(instansi_id=instansi_id, objek__in=objek).select_related("penulis")
              .order_by("created_at")):
        out.setdefault(c.objek, []).append(c)
    return out


def laporan_bukti(anomali: Anomali) -> list[LaporanHarian]:
    return list(LaporanHarian.objects.filter(pk__in=anomali.laporan_ids[:60], instansi_id=anomali.instansi_id)
                .select_related("pegawai").order_by("tanggal", "jam_mulai"))


def sampel_list(*, actor, minggu: dt.date | None = None) -> tuple[dt.date | None, list[SampelVerifikasi]]:
    _cek_inspektorat(actor)
    qs = SampelVerifikasi.objects.filter(instansi_id=actor.instansi_id)
    minggu = minggu or qs.order_by("-minggu").values_list("minggu", flat=True).first()
    if minggu is None:
        return None, []
    items = list(qs.filter(minggu=minggu).select_related("laporan__pegawai", "anomali").order_by("urutan"))
    notes = catatan_untuk(actor.instansi_id, [s.objek_catatan for s in items])
    for s in items:
        s.catatan = notes.get(s.objek_catatan, [])
    return minggu, items


def pengaduan_per_opd(*, actor) -> list[StatistikUnit]:
    """Complaint oversight: this month's complaint figures per OPD, from the aggregates."""
    _cek_inspektorat(actor)
    bulan = (StatistikUnit.objects.filter(instansi_id=actor.instansi_id, unit__isnull=True)
             .order_by("-bulan").values_list("bulan", flat=True).first())
    if bulan is None:
        return []
    return list(StatistikUnit.objects.filter(instansi_id=actor.instansi_id, bulan=bulan, level=1)
                .filter(Q(pengaduan_masuk__gt=0) | Q(pengaduan_terbuka__gt=0) | Q(pengaduan_terlambat__gt=0))
                .order_by("-pengaduan_terlambat", "-pengaduan_terbuka", "nama"))


def ringkasan_anomali(*, actor) -> list[dict]:
    from django.db.models import Count

    from kinerja.pengawasan.models import JenisAnomali

    _cek_inspektorat(actor)
    counts = dict(Anomali.objects.filter(instansi_id=actor.instansi_id).values_list("jenis")
                  .annotate(n=Count("pk")).order_by())
    return [{"kode": k, "label": label, "jumlah": counts.get(k, 0)} for k, label in JenisAnomali.choices]


# --- best practices -------------------------------------------------------------------------------------------
def praktik_list(*, actor, q: str = "", program_id: int | None = None) -> QuerySet[PraktikBaik]:
    """The library: published notes of the actor's instansi, searchable by text and program."""
    qs = (PraktikBaik.objects.filter(instansi_id=actor.instansi_id, status=StatusPraktik.TERBIT)
          .select_related("pegawai", "program", "unit_kerja", "penulis"))
    q = (q or "").replace("\x00", "").strip()
    if q:
        qs = qs.filter(Q(judul__icontains=q) | Q(yang_dilakukan__icontains=q) | Q(hasil__icontains=q)
                       | Q(indikator_teks__icontains=q) | Q(program__nama__icontains=q))
    if program_id:
        qs = qs.filter(program_id=program_id)
    return qs.order_by("-created_at", "-pk")


def praktik_get(*, actor, praktik_id: int) -> PraktikBaik:
    p = (PraktikBaik.objects.filter(pk=praktik_id, instansi_id=actor.instansi_id)
         .select_related("pegawai", "program", "unit_kerja", "penulis").first())
    if p is None or (p.status != StatusPraktik.TERBIT and p.penulis_id != actor.pk):
        raise NotFound(MSG_NOT_FOUND)
    return p


def program_praktik(*, actor) -> list[ProgramKegiatan]:
    ids = PraktikBaik.objects.filter(instansi_id=actor.instansi_id, status=StatusPraktik.TERBIT,
                                     program__isnull=False).values("program_id")
    return list(ProgramKegiatan.objects.filter(pk__in=ids).order_by("nama"))


def teladan_list(*, actor, jenis: str = "", q: str = "") -> list[Teladan]:
    periode = _periode(actor.instansi_id)
    if periode is None:
        return []
    qs = Teladan.objects.filter(instansi_id=actor.instansi_id, periode=periode).select_related(
        "pegawai", "unit_kerja", "program")
    if jenis:
        qs = qs.filter(jenis=jenis)
    q = (q or "").replace("\x00", "").strip()
    if q:
        qs = qs.filter(judul__icontains=q)
    return list(qs.order_by("jenis", "judul", "peringkat")[:300])


def teladan_get(*, actor, teladan_id: int) -> Teladan:
    t = Teladan.objects.filter(pk=teladan_id, instansi_id=actor.instansi_id).select_related(
        "pegawai", "periode", "program").first()
    if t is None:
        raise NotFound(MSG_NOT_FOUND)
    return t


def bukti_pilihan(teladan: Teladan) -> list[LaporanHarian]:
    """Approved reports of the top performer in the period (evidence for a practice note), newest first."""
    from kinerja.laporan.models import StatusLaporan

    return list(LaporanHarian.objects.filter(pegawai_id=teladan.pegawai_id, status=StatusLaporan.DISETUJUI,
                                             tanggal__gte=teladan.periode.tanggal_mulai)
                .order_by("-tanggal", "-jam_mulai")[:40])


def kebijakan_boleh(actor) -> None:
    if not scope_pengawasan(actor).admin:
        raise Forbidden(MSG_FORBIDDEN)
