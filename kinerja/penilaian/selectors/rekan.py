"""Reads of peer feedback (360): candidate raters, a rater's invitations, the anonymous aggregate and the
moderation queue. No read here ever returns a response together with who gave it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound
from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, StatusPegawai
from kinerja.organisasi.selectors import bawahan_langsung
from kinerja.penilaian import access, rules
from kinerja.penilaian.models import (
    Evaluasi,
    HubunganRekan,
    PenilaiRekan,
    Respon360,
    StatusEvaluasi,
    StatusModerasi,
)
from kinerja.perencanaan.models import RencanaHasilKerja
from kinerja.perencanaan.rules import BERAKHLAK, NILAI_KODE


def rekan_kandidat(evaluasi: Evaluasi, batas: int = 60) -> list[tuple[Pegawai, str]]:
    """Who may give peer feedback: colleagues of the same unit, collaborators on the same programs (their SKP of
    the period has an RHK on one of this pegawai's programs) and, for an atasan, their direct subordinates
    (upward feedback). Never the pegawai themself."""
    pegawai = evaluasi.pegawai
    out: dict[int, tuple[Pegawai, str]] = {}
    for b in bawahan_langsung(pegawai)[:batas]:
        out[b.pk] = (b, HubunganRekan.BAWAHAN)
    unit = (Pegawai.objects.filter(unit_kerja_id=evaluasi.unit_kerja_id, status=StatusPegawai.AKTIF,
                                   instansi_id=evaluasi.instansi_id)
            .exclude(pk=pegawai.pk).select_related("jabatan", "unit_kerja").order_by("nama", "pk")[:batas])
    for p in unit:
        out.setdefault(p.pk, (p, HubunganRekan.REKAN))
    programs = set(RencanaHasilKerja.objects.filter(skp_id=evaluasi.skp_id, program__isnull=False)
                   .values_list("program_id", flat=True))
    if programs:
        collab = (Pegawai.objects.filter(skp__periode_id=evaluasi.periode_id, skp__aktif=True,
                                         skp__rhk__program_id__in=programs, status=StatusPegawai.AKTIF,
                                         instansi_id=evaluasi.instansi_id)
                  .exclude(pk=pegawai.pk).distinct().select_related("jabatan", "unit_kerja")
                  .order_by("nama", "pk")[:batas])
        for p in collab:
            out.setdefault(p.pk, (p, HubunganRekan.KOLABORATOR))
    return list(out.values())


def penilai_rekan_list(evaluasi: Evaluasi) -> list[PenilaiRekan]:
    """The invited raters (for the pejabat penilai's page: who was asked, and whether they answered — not what)."""
    return list(evaluasi.penilai_rekan.select_related("penilai__jabatan", "penilai__unit_kerja").order_by("pk"))


def undangan_milik(*, actor, terbuka_saja: bool = True) -> QuerySet[PenilaiRekan]:
    """The actor's invitations to give peer feedback (open evaluations only, unless asked otherwise)."""
    scope = scope_for(actor)
    if scope.pegawai is None:
        return PenilaiRekan.objects.none()
    qs = (PenilaiRekan.objects.filter(penilai_id=scope.pegawai_id)
          .select_related("evaluasi__pegawai__jabatan", "evaluasi__jadwal", "evaluasi__unit_kerja"))
    if terbuka_saja:
        qs = qs.filter(sudah_merespons=False, evaluasi__status__in=[StatusEvaluasi.DRAF, StatusEvaluasi.DINILAI])
    return qs.order_by("evaluasi__jadwal__batas_penilaian", "pk")


def undangan_get(*, actor, undangan_id: int) -> PenilaiRekan:
    """One invitation of the actor (404 for anybody else's, so invitations cannot be enumerated)."""
    scope = scope_for(actor)
    obj = (PenilaiRekan.objects.filter(pk=undangan_id, penilai_id=scope.pegawai_id or -1)
           .select_related("evaluasi__pegawai__jabatan", "evaluasi__jadwal", "evaluasi__unit_kerja").first())
    if obj is None:
        raise NotFound(MSG_NOT_FOUND)
    return obj


@dataclass
class RingkasanNilai:
    kode: str
    nama: str
    di_atas: int
    sesuai: int
    di_bawah: int
    n: int
    rerata: float | None

    @property
    def saran(self) -> str:
        if self.rerata is None:
            return ""
        return rules.RATING_LABEL[rules.Rating.DI_ATAS if self.rerata >= 0.5 else
                                  rules.Rating.DI_BAWAH if self.rerata <= -0.5 else rules.Rating.SESUAI]


@dataclass
class Ringkasan360:
    boleh_lihat: bool  # the ratee or their pejabat penilai
    diundang: int
    merespons: int
    minimum: int
    tampil: bool  # aggregate released (≥ minimum responses)
    nilai: list[RingkasanNilai]
    komentar: list[str]


def _agregat(evaluasi_ids: list[int]) -> tuple[int, dict[str, dict[str, int]]]:
    """One grouped query: response count and, per value, the count per rating."""
    ann = {"n": Count("id")}
    for kode in NILAI_KODE:
        for code, name in ((1, "di_atas"), (0, "sesuai"), (-1, "di_bawah")):
            ann[f"{kode}__{name}"] = Count("id", filter=Q(**{kode: code}))
    row = Respon360.objects.filter(evaluasi_id__in=evaluasi_ids).aggregate(**ann)
    per = {kode: {r: row[f"{kode}__{r}"] for r in ("di_atas", "sesuai", "di_bawah")} for kode in NILAI_KODE}
    return row["n"], per


def ringkasan_rekan(*, actor, evaluasi: Evaluasi, minimum: int = 3) -> Ringkasan360:
    """The peer-feedback summary of one evaluation. Only the ratee and their pejabat penilai see it, only as
    counts per value, and only once at least `minimum` (≥ 3) responses arrived; comments likewise, in random
    order, and only those that passed moderation."""
    peran = access.require_lihat(actor, evaluasi)
    boleh = bool({"pegawai", "penilai"} & peran)
    counts = evaluasi.penilai_rekan.aggregate(d=Count("pk"), m=Count("pk", filter=Q(sudah_merespons=True)))
    minimum = max(minimum, rules.MIN_PENILAI_REKAN)
    n, per = _agregat([evaluasi.pk]) if boleh else (0, {})
    tampil = boleh and n >= minimum
    nilai, komentar = [], []
    if tampil:
        for kode, nama, _d, _p in BERAKHLAK:
            c = per[kode]
            total = c["di_atas"] + c["sesuai"] + c["di_bawah"]
            rerata = round((c["di_atas"] - c["di_bawah"]) / total, 2) if total else None
            nilai.append(RingkasanNilai(kode, nama, c["di_atas"], c["sesuai"], c["di_bawah"], total, rerata))
        komentar = list(Respon360.objects.filter(evaluasi=evaluasi, status_komentar=StatusModerasi.TAMPIL)
                        .exclude(komentar="").order_by("?").values_list("komentar", flat=True))
    return Ringkasan360(boleh, counts["d"], counts["m"], minimum, tampil, nilai, komentar)


def antrian_moderasi(*, actor) -> QuerySet[Respon360]:
    """Comments held for moderation (admin BKPSDM of the instansi). Shows the text and whose evaluation it is
    about — never who wrote it (that is not stored)."""
    if not has_role(actor, Peran.ADMIN_BKPSDM):
        return Respon360.objects.none()
    return (Respon360.objects.filter(instansi_id=actor.instansi_id, status_komentar=StatusModerasi.DITINJAU)
            .select_related("evaluasi__pegawai", "evaluasi__jadwal").order_by("id"))


def respon_get_moderasi(*, actor, respon_id) -> Respon360:
    """A comment of the actor's instansi for a moderator (held or already shown: a shown one may be hidden)."""
    obj = None
    if has_role(actor, Peran.ADMIN_BKPSDM):
        obj = Respon360.objects.filter(instansi_id=actor.instansi_id, pk=respon_id).select_related(
            "evaluasi__pegawai").first()
    if obj is None:
        raise NotFound(MSG_NOT_FOUND)
    return obj
