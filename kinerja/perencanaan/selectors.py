"""Reads of performance planning, scoped to what the actor may see (organisasi.access.scope_for).

Selectors other apps use (documented in docs/perencanaan.md): `periode_aktif`, `periode_untuk_tanggal`,
`skp_aktif`, `skp_pada_tanggal`, `rhk_untuk_laporan`, `indikator_untuk_laporan`. They take a pegawai, not an
actor: the caller has already scoped who it asks about.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound
from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, StatusPegawai, UnitKerja
from kinerja.organisasi.selectors import atasan_langsung, atasan_map, bawahan_langsung
from kinerja.perencanaan import rules
from kinerja.perencanaan.models import (
    EkspektasiPerilaku,
    IndikatorKinerja,
    PeriodeKinerja,
    ProgramKegiatan,
    RencanaHasilKerja,
    RiwayatSkp,
    SasaranKinerjaPegawai,
    SasaranOrganisasi,
    StatusPeriode,
    StatusSkp,
)

# --- Periods (also used by laporan, penilaian, partisipasi) ---------------------------------------------------------


def periode_untuk_tanggal(instansi_id: int, on: dt.date | None = None) -> PeriodeKinerja | None:
    """The period of an instansi covering `on` (default today), whatever its status."""
    on = on or timezone.localdate()
    return (PeriodeKinerja.objects.filter(instansi_id=instansi_id, tanggal_mulai__lte=on, tanggal_selesai__gte=on)
            .order_by("-tahun").first())


def periode_aktif(instansi_id: int, on: dt.date | None = None) -> PeriodeKinerja | None:
    """The period covering `on` (default today) unless it is closed (`ditutup`)."""
    periode = periode_untuk_tanggal(instansi_id, on)
    return periode if periode is not None and periode.status != StatusPeriode.DITUTUP else None


def periode_list(*, actor) -> QuerySet[PeriodeKinerja]:
    return PeriodeKinerja.objects.filter(instansi_id=actor.instansi_id).prefetch_related("jadwal").order_by("-tahun")


def periode_get(*, actor, periode_id: int) -> PeriodeKinerja:
    periode = periode_list(actor=actor).filter(pk=periode_id).first()
    if periode is None:
        raise NotFound(MSG_NOT_FOUND)
    return periode


def periode_pilihan(*, actor, periode_id: int | str | None = None) -> PeriodeKinerja | None:
    """The period a page shows: the one asked for (of the actor's instansi), else today's, else the latest."""
    if periode_id and str(periode_id).isdigit():
        return periode_get(actor=actor, periode_id=int(periode_id))
    return periode_untuk_tanggal(actor.instansi_id) or periode_list(actor=actor).first()


# --- SKP for other apps -------------------------------------------------------------------------------------------


def skp_aktif(pegawai: Pegawai, periode: PeriodeKinerja) -> SasaranKinerjaPegawai | None:
    """The pegawai's current SKP of the period (any status; after a mid-year transfer, the new one)."""
    return (SasaranKinerjaPegawai.objects.filter(pegawai=pegawai, periode=periode, aktif=True)
            .select_related("periode", "pejabat_penilai").first())


def skp_pada_tanggal(pegawai: Pegawai, on: dt.date | None = None) -> SasaranKinerjaPegawai | None:
    """The SKP that covers day `on`: before a mid-year transfer that is the old (inactive) SKP."""
    on = on or timezone.localdate()
    return (SasaranKinerjaPegawai.objects.filter(pegawai=pegawai, tanggal_mulai__lte=on, tanggal_selesai__gte=on)
            .select_related("periode").order_by("-aktif", "-tanggal_mulai").first())


def rhk_untuk_laporan(pegawai: Pegawai, on: dt.date | None = None) -> QuerySet[RencanaHasilKerja]:
    """The RHK (with their indicators prefetched) a pegawai may report on for day `on`: those of the SKP covering
    that day once it has been approved (also while a later revision is being drafted)."""
    skp = skp_pada_tanggal(pegawai, on)
    if skp is None or skp.disetujui_pada is None:
        return RencanaHasilKerja.objects.none()
    return (RencanaHasilKerja.objects.filter(skp=skp).select_related("program", "skp")
            .prefetch_related("indikator").order_by("jenis", "urutan", "pk"))


def indikator_untuk_laporan(pegawai: Pegawai, on: dt.date | None = None) -> QuerySet[IndikatorKinerja]:
    rhk_ids = list(rhk_untuk_laporan(pegawai, on).values_list("pk", flat=True))
    return IndikatorKinerja.objects.filter(rhk_id__in=rhk_ids).select_related("rhk").order_by("rhk_id", "urutan")


# --- SKP, scoped ---------------------------------------------------------------------------------------------------------

SKP_RELATED = ("periode", "pegawai__jabatan", "pegawai__unit_kerja", "pegawai__user", "pejabat_penilai__user",
               "unit_kerja", "disetujui_oleh")


def skp_list(*, actor, periode: PeriodeKinerja | None = None, status: str = "", unit_id: int | None = None,
             q: str = "", aktif_saja: bool = True) -> QuerySet[SasaranKinerjaPegawai]:
    scope = scope_for(actor)
    qs = SasaranKinerjaPegawai.objects.filter(scope.pegawai_q("pegawai__")).select_related(
        "periode", "pegawai__jabatan", "unit_kerja", "pejabat_penilai")
    if periode is not None:
        qs = qs.filter(periode=periode)
    if aktif_saja:
        qs = qs.filter(aktif=True)
    if status:
        qs = qs.filter(status=status)
    if unit_id:
        unit = UnitKerja.objects.filter(pk=unit_id, instansi_id=scope.instansi_id).first()
        qs = qs.filter(unit_kerja__path__startswith=unit.path) if unit else qs.none()
    if q:
        q = q.strip()
        qs = qs.filter(Q(pegawai__nama__icontains=q) | Q(pegawai__nip__startswith=q.replace(" ", "")))
    return qs.order_by("pegawai__nama", "pk")


def skp_terlihat(actor, skp: SasaranKinerjaPegawai) -> bool:
    """Whether the actor may see this SKP: its pegawai is in their scope, or they appraise it."""
    return scope_for(actor).covers(skp.pegawai) or (
        skp.pejabat_penilai_id is None and "penilai" in peran_pada_skp(actor, skp))


def skp_get(*, actor, skp_id: int) -> SasaranKinerjaPegawai:
    """One SKP the actor may see, with everything its page needs (its RHK, ordered, with indicators and parents,
    in `skp.rhk_daftar`), or NotFound."""
    skp = (SasaranKinerjaPegawai.objects.select_related(*SKP_RELATED, "atasan_pejabat_penilai", "sumber__periode")
           .prefetch_related(
               # to_attr keeps `skp.rhk` an ordinary manager for other apps' blocks on the page
               Prefetch("rhk", to_attr="rhk_daftar", queryset=RencanaHasilKerja.objects.select_related(
                   "intervensi__skp__pegawai", "sasaran_organisasi__induk", "program", "disalin_dari")
                   .prefetch_related("indikator").annotate(n_turunan=Count("turunan", filter=Q(turunan__skp__aktif=True)))
                   .order_by("jenis", "urutan", "pk")),
               Prefetch("ekspektasi", queryset=EkspektasiPerilaku.objects.all()),
               Prefetch("riwayat", queryset=RiwayatSkp.objects.select_related("oleh").order_by("-created_at")),
           ).filter(pk=skp_id).first())
    if skp is None or not skp_terlihat(actor, skp):
        raise NotFound(MSG_NOT_FOUND)
    return skp


def skp_milik(*, actor) -> QuerySet[SasaranKinerjaPegawai]:
    """All SKP of the signed-in pegawai, newest first."""
    scope = scope_for(actor)
    if scope.pegawai is None:
        return SasaranKinerjaPegawai.objects.none()
    return (SasaranKinerjaPegawai.objects.filter(pegawai_id=scope.pegawai_id).select_related("periode")
            .annotate(n_rhk=Count("rhk")).order_by("-periode__tahun", "-aktif", "-tanggal_mulai"))


def skp_antrian(*, actor, periode: PeriodeKinerja | None = None) -> QuerySet[SasaranKinerjaPegawai]:
    """SKP waiting for the actor's decision as pejabat penilai."""
    scope = scope_for(actor)
    mine = Q(pejabat_penilai_id=scope.pegawai_id) if scope.pegawai is not None else Q(pk__in=[])
    if has_role(actor, Peran.PIMPINAN_DAERAH):  # the top official's SKP (no pejabat penilai in the structure)
        mine |= Q(pejabat_penilai__isnull=True, instansi_id=actor.instansi_id)
        mine &= ~Q(pegawai_id=scope.pegawai_id) if scope.pegawai is not None else Q()
    qs = SasaranKinerjaPegawai.objects.filter(mine, status=StatusSkp.DIAJUKAN, aktif=True).select_related(
        "periode", "pegawai__jabatan")
    if periode is not None:
        qs = qs.filter(periode=periode)
    return qs.order_by("diajukan_pada", "pk")


@dataclass
class BarisTim:
    pegawai: Pegawai
    skp: SasaranKinerjaPegawai | None
    n_rhk: int = 0


def skp_tim(*, actor, periode: PeriodeKinerja) -> list[BarisTim]:
    """The actor's direct staff with their SKP of the period (None when they have not started)."""
    scope = scope_for(actor)
    if scope.pegawai is None:
        return []
    staff = bawahan_langsung(scope.pegawai)
    skps = {s.pegawai_id: s for s in SasaranKinerjaPegawai.objects.filter(
        periode=periode, aktif=True, pegawai_id__in=[p.pk for p in staff]).annotate(n_rhk=Count("rhk"))}
    order = {StatusSkp.DIAJUKAN: 0, None: 1, StatusSkp.DRAFT: 2, StatusSkp.DIKEMBALIKAN: 3, StatusSkp.DISETUJUI: 4}
    rows = [BarisTim(p, skps.get(p.pk), getattr(skps.get(p.pk), "n_rhk", 0)) for p in staff]
    return sorted(rows, key=lambda r: (order[r.skp.status if r.skp else None], r.pegawai.nama))


def rhk_pilihan_intervensi(skp: SasaranKinerjaPegawai) -> list[RencanaHasilKerja]:
    """The RHK an RHK of this SKP may hang on: those of the pejabat penilai's active SKP of the same period."""
    if skp.is_jpt or skp.pejabat_penilai_id is None:
        return []
    return list(RencanaHasilKerja.objects.filter(skp__pegawai_id=skp.pejabat_penilai_id, skp__periode_id=skp.periode_id,
                                                 skp__aktif=True).order_by("jenis", "urutan", "pk"))


def sasaran_pilihan(skp: SasaranKinerjaPegawai) -> list[SasaranOrganisasi]:
    """For a JPT: the targets of their OPD and of the regency in the period."""
    if not skp.is_jpt:
        return []
    opd_id = skp.unit_kerja.opd_id or skp.unit_kerja_id
    return list(SasaranOrganisasi.objects.filter(periode_id=skp.periode_id).filter(
        Q(unit_kerja_id=opd_id) | Q(unit_kerja__isnull=True)).order_by("-unit_kerja_id", "kode", "pk"))


def program_pilihan(skp: SasaranKinerjaPegawai) -> list[ProgramKegiatan]:
    opd_id = skp.unit_kerja.opd_id or skp.unit_kerja_id
    return list(ProgramKegiatan.objects.filter(instansi_id=skp.instansi_id, tahun=skp.periode.tahun, aktif=True)
                .filter(Q(unit_kerja_id=opd_id) | Q(unit_kerja__opd_id=opd_id)).order_by("kode"))


@dataclass
class Ekspektasi:
    kode: str
    nama: str
    definisi: str
    panduan: tuple[str, str, str]
    teks: str
    bawaan: bool


def ekspektasi_lengkap(skp: SasaranKinerjaPegawai) -> list[Ekspektasi]:
    """The 7 BerAKHLAK values with the leader's expectation (the default panduan wording where none was written)."""
    own = {e.nilai: e.ekspektasi for e in skp.ekspektasi.all()}
    return [Ekspektasi(kode, nama, definisi, panduan, own.get(kode) or rules.ekspektasi_default(kode), kode not in own)
            for kode, nama, definisi, panduan in rules.BERAKHLAK]


def peran_pada_skp(actor, skp: SasaranKinerjaPegawai) -> set[str]:
    """The actor's part in an SKP: "pemilik" (the pegawai) and/or "penilai" (the pejabat penilai on record, or the
    pegawai's atasan langsung today, e.g. a new Plt). The SKP of the top official (no pejabat penilai in the
    structure, e.g. the Sekda) is appraised by the pimpinan daerah (REFERENCE.md §1.10, configurable)."""
    me = scope_for(actor).pegawai
    out: set[str] = set()
    if (skp.pejabat_penilai_id is None and skp.instansi_id == actor.instansi_id
            and has_role(actor, Peran.PIMPINAN_DAERAH) and (me is None or me.pk != skp.pegawai_id)):
        out.add("penilai")
    if me is None:
        return out
    if skp.pegawai_id == me.pk:
        out.add("pemilik")
    if skp.pejabat_penilai_id == me.pk:
        out.add("penilai")
    elif skp.pegawai_id != me.pk:
        current = atasan_langsung(skp.pegawai)
        if current is not None and current.pk == me.pk:
            out.add("penilai")
    return out


@dataclass
class LangkahBerikut:
    siapa: str  # "anda", "pejabat_penilai", "pegawai", ""
    nama: str
    teks: str
    batas: dt.date | None


def langkah_berikut(skp: SasaranKinerjaPegawai, actor) -> LangkahBerikut:
    peran, teks = rules.langkah_berikut(skp.status)
    me = scope_for(actor).pegawai_id
    if peran == "pegawai":
        nama = skp.pegawai.nama_lengkap
        who = "anda" if skp.pegawai_id == me else "pegawai"
    elif peran == "pejabat_penilai":
        nama = skp.pejabat_penilai_snapshot.get("nama", "")
        who = "anda" if skp.pejabat_penilai_id == me else "pejabat_penilai"
    else:
        nama, who = "", ""
    batas = skp.periode.batas_skp if skp.status != StatusSkp.DISETUJUI else None
    return LangkahBerikut(who, nama, teks, batas)


def rhk_rantai(rhk_list: list[RencanaHasilKerja]) -> dict[int, list]:
    """For each RHK, the chain above it up to the organisation's target (one query per level; a few levels)."""
    chains: dict[int, list] = {r.pk: [] for r in rhk_list}
    tips = {r.pk: r for r in rhk_list}
    cache: dict[int, RencanaHasilKerja] = {}
    for _ in range(12):
        want = {t.intervensi_id for t in tips.values() if t.intervensi_id and t.intervensi_id not in cache}
        if want:
            cache.update({r.pk: r for r in RencanaHasilKerja.objects.filter(pk__in=want).select_related(
                "skp__pegawai", "sasaran_organisasi__induk")})
        nxt = {}
        for pk, tip in tips.items():
            if tip.intervensi_id and tip.intervensi_id in cache:
                parent = cache[tip.intervensi_id]
                chains[pk].append(parent)
                nxt[pk] = parent
            elif tip.sasaran_organisasi_id:
                s = tip.sasaran_organisasi
                chains[pk].append(s)
                if s.induk_id:
                    chains[pk].append(s.induk)
        if not nxt:
            break
        tips = nxt
    return chains


def salin_sumber_pilihan(*, actor, periode: PeriodeKinerja) -> list[SasaranKinerjaPegawai]:
    """One's earlier SKP that can seed a new one: other periods, or the pre-transfer SKP of this one."""
    return [s for s in skp_milik(actor=actor) if s.n_rhk and (s.periode_id != periode.pk or not s.aktif)]


@dataclass
class UsulanSalin:
    rhk: RencanaHasilKerja
    pilihan: list  # RencanaHasilKerja (JA/JF) or SasaranOrganisasi (JPT)
    usulan_id: int | None


def salin_usulan(*, actor, sumber: SasaranKinerjaPegawai, periode: PeriodeKinerja) -> tuple[list[UsulanSalin], dict]:
    """Suggest, for each RHK of the source SKP, where it should hang now: the current atasan's RHK copied from its
    old parent, or one with the same text (JPT: the sasaran with the same code or text). Returns the rows and
    context {"jpt", "atasan"} for the page."""
    scope = scope_for(actor)
    me = scope.pegawai
    if me is None or sumber.pegawai_id != me.pk:
        raise NotFound(MSG_NOT_FOUND)
    jpt = me.jabatan_id is not None and me.jabatan.jenis == "jpt_pratama"
    old = list(sumber.rhk.select_related("intervensi", "sasaran_organisasi").prefetch_related("indikator")
               .order_by("jenis", "urutan", "pk"))
    atasan = atasan_langsung(me)
    rows = []
    if jpt:
        opd_id = me.opd_id or me.unit_kerja_id
        pilihan = list(SasaranOrganisasi.objects.filter(periode=periode).filter(
            Q(unit_kerja_id=opd_id) | Q(unit_kerja__isnull=True)).order_by("-unit_kerja_id", "kode"))
        for r in old:
            s = r.sasaran_organisasi
            match = None
            if s is not None:
                match = next((p.pk for p in pilihan if s.kode and p.kode == s.kode), None) or next(
                    (p.pk for p in pilihan if p.teks.strip().lower() == s.teks.strip().lower()), None)
            rows.append(UsulanSalin(r, pilihan, match))
    else:
        pilihan = list(RencanaHasilKerja.objects.filter(
            skp__pegawai=atasan, skp__periode=periode, skp__aktif=True).order_by("jenis", "urutan", "pk")) if atasan else []
        for r in old:
            p = r.intervensi
            match = None
            if p is not None:
                match = next((c.pk for c in pilihan if c.disalin_dari_id == p.pk), None) or next(
                    (c.pk for c in pilihan if c.teks.strip().lower() == p.teks.strip().lower()), None)
            rows.append(UsulanSalin(r, pilihan, match))
    return rows, {"jpt": jpt, "atasan": atasan}


# --- The cascade tree --------------------------------------------------------------------------------------------------

KASKADE_ANGGARAN_SIMPUL = 250  # nodes rendered at once; deeper branches load on demand (htmx)


def kaskade_opd_ids(actor) -> set[int]:
    """OPDs whose cascade the actor may open. Plans are open within an OPD (the Matriks Peran Hasil is drawn up
    together, REFERENCE.md §1.3): one's own OPD, OPDs one leads or sits above, or all (admin, Inspektorat)."""
    scope = scope_for(actor)
    if scope.instansi_id is None:
        return set()
    if scope.instansi_read:
        return set(UnitKerja.objects.filter(instansi_id=scope.instansi_id, induk__isnull=True, aktif=True)
                   .values_list("pk", flat=True))
    ids = set(scope.opd_ids)
    if scope.pegawai is not None:
        if scope.pegawai.opd_id:
            ids.add(scope.pegawai.opd_id)
        if scope.held:
            ids |= set(Pegawai.objects.filter(scope.pegawai_q(), status=StatusPegawai.AKTIF).order_by()
                       .values_list("opd_id", flat=True).distinct())
    ids.discard(None)
    return ids


def kaskade_opd_pilihan(actor) -> list[UnitKerja]:
    ids = kaskade_opd_ids(actor)
    return list(UnitKerja.objects.filter(pk__in=ids).order_by("nama")) if ids else []


@dataclass
class Simpul:
    jenis: str  # "sasaran", "rhk", "luar", "lepas"
    obj: object
    anak: list[Simpul] = field(default_factory=list)
    n_turunan: int = 0
    tunda: bool = False  # children not loaded yet


def _rhk_nodes(qs) -> QuerySet[RencanaHasilKerja]:
    return (qs.select_related("skp__pegawai", "skp__unit_kerja", "program")
            .annotate(n_turunan=Count("turunan", filter=Q(turunan__skp__aktif=True)))
            .order_by("skp__unit_kerja__path", "skp__pegawai__nama", "jenis", "urutan", "pk"))


def _expand(roots: list[Simpul], periode_id: int, budget: int) -> None:
    """Breadth-first: load children one level per query while the node budget lasts (a fixed number of queries).
    Each node knows how many children it has, so only branches that fit are fetched; the others wait (htmx). The
    first level below the roots is always shown."""
    frontier = [n for n in roots if n.n_turunan]
    shown = len(roots)
    for level in range(12):
        chosen = []
        for node in frontier:
            if level == 0 or shown + node.n_turunan <= budget:
                chosen.append(node)
                shown += node.n_turunan
            else:
                node.tunda = True
        if not chosen:
            return
        by_parent: dict[int, list[Simpul]] = {}
        for r in _rhk_nodes(RencanaHasilKerja.objects.filter(
                intervensi_id__in=[n.obj.pk for n in chosen], skp__aktif=True, skp__periode_id=periode_id)):
            by_parent.setdefault(r.intervensi_id, []).append(Simpul("rhk", r, n_turunan=r.n_turunan))
        frontier = []
        for node in chosen:
            node.anak = by_parent.get(node.obj.pk, [])
            frontier += [k for k in node.anak if k.n_turunan]
    for node in frontier:
        node.tunda = True


def _hitung(nodes: list[Simpul]) -> int:
    return sum(1 + _hitung(n.anak) for n in nodes)


def kaskade(*, actor, periode: PeriodeKinerja, opd: UnitKerja, anggaran: int | None = None) -> dict:
    """From the regency's and the OPD's targets down to each pegawai's RHK, in a fixed number of queries."""
    anggaran = anggaran or KASKADE_ANGGARAN_SIMPUL
    if opd.pk not in kaskade_opd_ids(actor):
        raise NotFound(MSG_NOT_FOUND)
    in_opd = Q(skp__unit_kerja_id=opd.pk) | Q(skp__unit_kerja__opd_id=opd.pk)
    base = RencanaHasilKerja.objects.filter(skp__periode=periode, skp__aktif=True)
    roots_qs = base.filter(in_opd).exclude(
        Q(intervensi__skp__unit_kerja_id=opd.pk) | Q(intervensi__skp__unit_kerja__opd_id=opd.pk))
    roots = [Simpul("rhk", r, n_turunan=r.n_turunan) for r in _rhk_nodes(roots_qs.select_related(
        "intervensi__skp__pegawai", "sasaran_organisasi"))]
    _expand(roots, periode.pk, anggaran)

    sasaran = list(SasaranOrganisasi.objects.filter(periode=periode).filter(
        Q(unit_kerja__isnull=True) | Q(unit_kerja=opd)).order_by("kode", "pk"))
    s_nodes = {s.pk: Simpul("sasaran", s) for s in sasaran}
    luar: dict[int, Simpul] = {}
    lepas = Simpul("lepas", None)
    for node in roots:
        r = node.obj
        if r.sasaran_organisasi_id and r.sasaran_organisasi_id in s_nodes:
            s_nodes[r.sasaran_organisasi_id].anak.append(node)
        elif r.intervensi_id:
            luar.setdefault(r.intervensi_id, Simpul("luar", r.intervensi)).anak.append(node)
        else:
            lepas.anak.append(node)
    top = []
    for s in sasaran:
        node = s_nodes[s.pk]
        if s.induk_id and s.induk_id in s_nodes:
            s_nodes[s.induk_id].anak.insert(0, node)
    for s in sasaran:
        node = s_nodes[s.pk]
        if s.induk_id and s.induk_id in s_nodes:
            continue
        if s.unit_kerja_id is None and not node.anak:
            continue  # a regency target this OPD does not support
        top.append(node)
    top += list(luar.values())
    if lepas.anak:
        top.append(lepas)

    pegawai_opd = Pegawai.objects.filter(opd=opd, status=StatusPegawai.AKTIF)
    angka = pegawai_opd.aggregate(
        pegawai=Count("pk", distinct=True),
        ber_skp=Count("skp", filter=Q(skp__periode=periode, skp__aktif=True), distinct=True),
        disetujui=Count("skp", filter=Q(skp__periode=periode, skp__aktif=True, skp__status=StatusSkp.DISETUJUI),
                        distinct=True),
    )
    return {"pohon": top, "angka": angka, "opd": opd, "buka_semua": _hitung(top) <= 80}


def kaskade_cabang(*, actor, periode: PeriodeKinerja, rhk_id: int, anggaran: int | None = None) -> Simpul:
    """One RHK with the branch below it (for on-demand loading and the no-JavaScript page)."""
    anggaran = anggaran or KASKADE_ANGGARAN_SIMPUL
    r = _rhk_nodes(RencanaHasilKerja.objects.filter(pk=rhk_id, skp__periode=periode)).select_related(
        "intervensi__skp__unit_kerja").first()
    if r is None:
        raise NotFound(MSG_NOT_FOUND)
    allowed = kaskade_opd_ids(actor)
    opd_of = {r.skp.unit_kerja.opd_id or r.skp.unit_kerja_id}
    if r.intervensi_id:
        opd_of.add(r.intervensi.skp.unit_kerja.opd_id or r.intervensi.skp.unit_kerja_id)
    if not opd_of & allowed:
        raise NotFound(MSG_NOT_FOUND)
    node = Simpul("rhk", r, n_turunan=r.n_turunan)
    _expand([node], periode.pk, anggaran)
    return node


def ringkasan_opd(*, actor, periode: PeriodeKinerja) -> list[dict]:
    """SKP counts per OPD (aggregates: what pimpinan daerah sees), in two queries."""
    scope = scope_for(actor)
    if not scope.aggregates:
        return []
    data = (SasaranKinerjaPegawai.objects.filter(periode=periode, aktif=True)
            .values("pegawai__opd_id", "pegawai__opd__nama")
            .annotate(total=Count("pk"), disetujui=Count("pk", filter=Q(status=StatusSkp.DISETUJUI)),
                      diajukan=Count("pk", filter=Q(status=StatusSkp.DIAJUKAN)),
                      dikembalikan=Count("pk", filter=Q(status=StatusSkp.DIKEMBALIKAN)),
                      draft=Count("pk", filter=Q(status=StatusSkp.DRAFT)))
            .order_by("pegawai__opd__nama"))
    pegawai = dict(Pegawai.objects.filter(instansi_id=scope.instansi_id, status=StatusPegawai.AKTIF)
                   .values("opd_id").annotate(n=Count("pk")).values_list("opd_id", "n"))
    out = []
    for d in data:
        n = pegawai.get(d["pegawai__opd_id"], 0)
        out.append({**d, "pegawai": n, "persen": round(100 * d["disetujui"] / n) if n else 0})
    return out


# --- Matriks Peran Hasil -------------------------------------------------------------------------------------------


@dataclass
class BarisMatriks:
    pegawai: Pegawai
    skp: SasaranKinerjaPegawai | None
    sel: list[list[RencanaHasilKerja]]  # one list per column
    lain: list[RencanaHasilKerja]  # RHK hanging elsewhere (stale parent)


@dataclass
class BlokMatriks:
    atasan: Pegawai | None
    kolom: list  # the atasan's RHK (JA/JF) or the OPD's sasaran (for JPT rows)
    baris: list[BarisMatriks]
    jpt: bool = False


def matriks_unit_pilihan(*, actor) -> list[UnitKerja]:
    """Units whose matriks the actor may open: the units holding pegawai in their scope."""
    scope = scope_for(actor)
    ids = set(Pegawai.objects.filter(scope.pegawai_q(), status=StatusPegawai.AKTIF).order_by()
              .values_list("unit_kerja_id", flat=True).distinct())
    paths = set(UnitKerja.objects.filter(pk__in=ids).values_list("path", flat=True))
    anc = {int(seg) for p in paths for seg in p.strip("/").split("/") if seg}
    return list(UnitKerja.objects.filter(pk__in=anc | ids).order_by("path"))


def matriks(*, actor, periode: PeriodeKinerja, unit: UnitKerja, page: int | str | None = 1, per_page: int = 25
            ) -> tuple[list[BlokMatriks], object]:
    """Who contributes to which result (Matriks Peran Hasil, REFERENCE.md §1.3) for the pegawai of `unit` and
    the units below it that the actor may see: one block per atasan, a column per atasan RHK, a row per
    pegawai. A fixed number of queries whatever the head-count; blocks are paginated."""
    scope = scope_for(actor)
    people = list(Pegawai.objects.filter(scope.pegawai_q(), status=StatusPegawai.AKTIF,
                                         unit_kerja__path__startswith=unit.path)
                  .select_related("jabatan", "unit_kerja").order_by("jabatan__path", "nama"))
    atasan = atasan_map(people, periode_hari(periode)) if people else {}
    groups: dict[int | None, list[Pegawai]] = {}
    heads: dict[int | None, Pegawai | None] = {}
    jpt_key = -1
    for p in people:
        if p.jabatan.jenis == "jpt_pratama":
            key = jpt_key
            heads[key] = None
        else:
            a = atasan.get(p.pk)
            key = a.pk if a else None
            heads[key] = a
        groups.setdefault(key, []).append(p)
    keys = sorted(groups, key=lambda k: (k != jpt_key, heads[k].jabatan.path if heads.get(k) else "", k or 0))
    page_obj = Paginator(keys, per_page).get_page(page)
    keys_here = list(page_obj.object_list)
    ids = {p.pk for k in keys_here for p in groups[k]} | {heads[k].pk for k in keys_here if heads.get(k)}
    skps = {s.pegawai_id: s for s in SasaranKinerjaPegawai.objects.filter(
        periode=periode, aktif=True, pegawai_id__in=ids).prefetch_related(
        Prefetch("rhk", queryset=RencanaHasilKerja.objects.order_by("jenis", "urutan", "pk")))}
    sasaran = []
    if jpt_key in keys_here:
        opd_ids = {p.opd_id for p in groups[jpt_key]}
        sasaran = list(SasaranOrganisasi.objects.filter(periode=periode, unit_kerja_id__in=opd_ids)
                       .order_by("kode", "pk"))
    blocks = []
    for k in keys_here:
        head = heads.get(k)
        if k == jpt_key:
            kolom = sasaran
            col_of = {s.pk: i for i, s in enumerate(kolom)}
        else:
            head_skp = skps.get(head.pk) if head else None
            kolom = list(head_skp.rhk.all()) if head_skp else []
            col_of = {r.pk: i for i, r in enumerate(kolom)}
        rows = []
        for p in groups[k]:
            s = skps.get(p.pk)
            sel: list[list[RencanaHasilKerja]] = [[] for _ in kolom]
            lain = []
            for r in (s.rhk.all() if s else []):
                parent = r.sasaran_organisasi_id if k == jpt_key else r.intervensi_id
                if parent in col_of:
                    sel[col_of[parent]].append(r)
                else:
                    lain.append(r)
            rows.append(BarisMatriks(p, s, sel, lain))
        blocks.append(BlokMatriks(head, kolom, rows, jpt=k == jpt_key))
    return blocks, page_obj


def periode_hari(periode: PeriodeKinerja) -> dt.date:
    """The day the organisation is read on for a period: today within it, otherwise its last day."""
    today = timezone.localdate()
    return min(max(today, periode.tanggal_mulai), periode.tanggal_selesai)


def ekspor_unit(*, actor, periode: PeriodeKinerja, unit: UnitKerja) -> dict[str, list]:
    """Rows for the Excel export of a unit: SKP, RHK with indicators, and the Matriks Peran Hasil."""
    scope = scope_for(actor)
    skps = list(SasaranKinerjaPegawai.objects.filter(scope.pegawai_q("pegawai__"), periode=periode, aktif=True,
                                                     unit_kerja__path__startswith=unit.path)
                .select_related("pegawai", "unit_kerja")
                .prefetch_related(Prefetch("rhk", queryset=RencanaHasilKerja.objects.select_related(
                    "intervensi__skp__pegawai", "sasaran_organisasi", "program").prefetch_related("indikator")
                    .order_by("jenis", "urutan", "pk")))
                .order_by("unit_kerja__path", "pegawai__nama"))
    skp_rows, rhk_rows, mph_rows = [], [], []
    for s in skps:
        skp_rows.append([s.pegawai.nip, s.pegawai.nama_lengkap, s.jabatan_nama, s.unit_kerja_nama,
                         s.get_jenis_display(), s.get_pendekatan_display(), s.get_status_display(), s.versi,
                         s.pejabat_penilai_snapshot.get("nama", ""), s.pejabat_penilai_snapshot.get("nip", ""),
                         timezone.localtime(s.disetujui_pada).strftime("%d-%m-%Y") if s.disetujui_pada else ""])
        for r in s.rhk.all():
            induk = (r.intervensi.teks if r.intervensi_id else
                     (r.sasaran_organisasi.teks if r.sasaran_organisasi_id else ""))
            owner = r.intervensi.skp.pegawai.nama_lengkap if r.intervensi_id else ""
            mph_rows.append([owner, induk, s.pegawai.nama_lengkap, s.jabatan_nama, r.teks])
            for i in r.indikator.all():
                rhk_rows.append([s.pegawai.nip, s.pegawai.nama_lengkap, r.get_jenis_display(), induk, r.teks,
                                 i.get_aspek_display(), i.teks, i.target, i.satuan, i.get_perspektif_display(),
                                 r.program.nama if r.program_id else ""])
            if not r.indikator.all():
                rhk_rows.append([s.pegawai.nip, s.pegawai.nama_lengkap, r.get_jenis_display(), induk, r.teks,
                                 "", "", None, "", "", r.program.nama if r.program_id else ""])
    return {"skp": skp_rows, "rhk": rhk_rows, "matriks": mph_rows}


# --- Registry and targets -----------------------------------------------------------------------------------------------


def program_list(*, actor, tahun: int | None = None, jenis: str = "", opd_id: int | None = None, q: str = ""
                 ) -> QuerySet[ProgramKegiatan]:
    """The program registry of the actor's instansi (open to every signed-in account of it)."""
    qs = (ProgramKegiatan.objects.filter(instansi_id=actor.instansi_id)
          .select_related("unit_kerja", "induk", "penanggung_jawab")
          .annotate(n_rhk=Count("rhk", distinct=True)))
    if tahun:
        qs = qs.filter(tahun=tahun)
    if jenis:
        qs = qs.filter(jenis=jenis)
    if opd_id:
        qs = qs.filter(Q(unit_kerja_id=opd_id) | Q(unit_kerja__opd_id=opd_id))
    if q:
        q = q.strip()
        qs = qs.filter(Q(nama__icontains=q) | Q(kode__icontains=q) | Q(lokasi__icontains=q))
    return qs.order_by("tahun", "kode")


def program_get(*, actor, program_id: int) -> ProgramKegiatan:
    p = program_list(actor=actor).filter(pk=program_id).first()
    if p is None:
        raise NotFound(MSG_NOT_FOUND)
    return p


def sasaran_list(*, actor, periode: PeriodeKinerja) -> QuerySet[SasaranOrganisasi]:
    return (SasaranOrganisasi.objects.filter(periode=periode, instansi_id=actor.instansi_id)
            .select_related("unit_kerja", "induk").annotate(n_rhk=Count("rhk"))
            .order_by("unit_kerja__nama", "kode", "pk"))


def sasaran_get(*, actor, sasaran_id: int) -> SasaranOrganisasi:
    s = SasaranOrganisasi.objects.filter(pk=sasaran_id, instansi_id=actor.instansi_id).select_related(
        "periode", "unit_kerja", "induk").first()
    if s is None:
        raise NotFound(MSG_NOT_FOUND)
    return s


def rhk_get(*, actor, rhk_id: int) -> RencanaHasilKerja:
    r = (RencanaHasilKerja.objects.select_related("skp__pegawai__jabatan", "skp__periode", "skp__unit_kerja")
         .prefetch_related("indikator").filter(pk=rhk_id).first())
    if r is None or not scope_for(actor).covers(r.skp.pegawai):
        raise NotFound(MSG_NOT_FOUND)
    return r
