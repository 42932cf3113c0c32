"""Reads of the organisation, always scoped to what the actor may see (see access.py)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound
from kinerja.organisasi.access import active_plt_q, scope_for
from kinerja.organisasi.models import (
    PATH_WIDTH,
    ImporData,
    Jabatan,
    Pegawai,
    Penempatan,
    PenugasanPlt,
    StatusPegawai,
    UnitKerja,
)


def pegawai_list(*, actor, q: str = "", unit_id: int | None = None, opd_id: int | None = None,
                 include_inactive: bool = False) -> QuerySet[Pegawai]:
    scope = scope_for(actor)
    qs = Pegawai.objects.filter(scope.pegawai_q()).select_related("jabatan", "unit_kerja", "opd")
    if not include_inactive:
        qs = qs.filter(status=StatusPegawai.AKTIF)
    if q:
        q = q.strip()
        qs = qs.filter(Q(nama__icontains=q) | Q(nip__startswith=q.replace(" ", "")))
    if unit_id:
        unit = UnitKerja.objects.filter(pk=unit_id, instansi_id=scope.instansi_id).first()
        qs = qs.filter(unit_kerja__path__startswith=unit.path) if unit else qs.none()
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    return qs.order_by("nama", "pk")


def pegawai_get(*, actor, pegawai_id: int) -> Pegawai:
    """One pegawai the actor may see, or NotFound (never reveals that it exists elsewhere)."""
    scope = scope_for(actor)
    pegawai = (
        Pegawai.objects.select_related("jabatan__unit_kerja", "unit_kerja", "opd", "user")
        .filter(pk=pegawai_id)
        .first()
    )
    if pegawai is None or not scope.covers(pegawai):
        raise NotFound(MSG_NOT_FOUND)
    return pegawai


def pegawai_get_by_nip(*, actor, nip: str) -> Pegawai:
    pegawai = Pegawai.objects.filter(nip=nip).only("pk").first()
    if pegawai is None:
        raise NotFound(MSG_NOT_FOUND)
    return pegawai_get(actor=actor, pegawai_id=pegawai.pk)


def unit_kerja_list(*, actor, q: str = "", induk_id: int | None = None) -> QuerySet[UnitKerja]:
    """Units the actor may see: the whole instansi for admin, Inspektorat and pimpinan daerah; otherwise the
    OPD(s) the actor works in or leads."""
    scope = scope_for(actor)
    qs = UnitKerja.objects.filter(instansi_id=scope.instansi_id, aktif=True).select_related("induk", "opd")
    if not scope.aggregates:
        opd_ids = set(scope.opd_ids)
        if scope.pegawai and scope.pegawai.opd_id:
            opd_ids.add(scope.pegawai.opd_id)
        opd_ids |= {j.unit_kerja.opd_id or j.unit_kerja_id for j in scope.held}
        qs = qs.filter(Q(opd_id__in=opd_ids) | Q(pk__in=opd_ids))
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(kode__iexact=q))
    if induk_id is not None:
        qs = qs.filter(induk_id=induk_id)
    return qs.order_by("path")


def unit_kerja_get(*, actor, unit_id: int) -> UnitKerja:
    unit = unit_kerja_list(actor=actor).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound(MSG_NOT_FOUND)
    return unit


def unit_kerja_tree(*, actor, root: UnitKerja | None = None) -> list[dict]:
    """A nested list of visible units with head-counts, built from one query."""
    qs = unit_kerja_list(actor=actor).annotate(jumlah_pegawai=Count("pegawai", filter=Q(pegawai__status="aktif")))
    if root is not None:
        qs = qs.filter(path__startswith=root.path)
    nodes = {u.pk: {"unit": u, "anak": []} for u in qs}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node["unit"].induk_id)
        (parent["anak"] if parent else roots).append(node)
    return roots


def ancestor_ids(path: str) -> list[int]:
    """Ids on a materialised path, root first."""
    step = PATH_WIDTH + 1
    return [int(path[i:i + PATH_WIDTH]) for i in range(0, len(path), step) if path[i:i + PATH_WIDTH]]


def _holders(jabatan_ids: set[int], on: dt.date, instansi_id: int) -> tuple[dict[int, list[Pegawai]], dict]:
    definitive: dict[int, list[Pegawai]] = {}
    for p in (
        Pegawai.objects.filter(jabatan_id__in=jabatan_ids, status=StatusPegawai.AKTIF, instansi_id=instansi_id)
        .select_related("jabatan", "unit_kerja")
        .order_by("pk")
    ):
        definitive.setdefault(p.jabatan_id, []).append(p)
    acting: dict[int, list[Pegawai]] = {}
    for plt in (
        PenugasanPlt.objects.filter(active_plt_q(on), jabatan_id__in=jabatan_ids, instansi_id=instansi_id)
        .select_related("pegawai__jabatan", "pegawai__unit_kerja")
        .order_by("-tanggal_mulai")
    ):
        acting.setdefault(plt.jabatan_id, []).append(plt.pegawai)
    return definitive, acting


def atasan_map(pegawai_list_: list[Pegawai], on: dt.date | None = None) -> dict[int, Pegawai | None]:
    """atasan langsung for many pegawai in 2 queries: walk up each position path to the nearest holder; an
    active Plt/Plh of a position comes before its definitive holder; nobody is their own atasan."""
    on = on or timezone.localdate()
    wanted: set[int] = set()
    for p in pegawai_list_:
        if p.jabatan_id:
            wanted.update(ancestor_ids(p.jabatan.path)[:-1])
    if not wanted:
        return {p.pk: None for p in pegawai_list_}
    definitive, acting = _holders(wanted, on, pegawai_list_[0].instansi_id)
    return {p.pk: next((h for h in _di_atas(p.jabatan.path, definitive, acting) if h.pk != p.pk), None)
            if p.jabatan_id else None for p in pegawai_list_}


def _di_atas(path: str, definitive: dict, acting: dict):
    """The holders above the position at `path`, in the order the atasan is looked for: nearest position first;
    at each, an active Plt/Plh before the definitive holder."""
    for jab_id in reversed(ancestor_ids(path)[:-1]):
        yield from acting.get(jab_id, ())
        yield from definitive.get(jab_id, ())


def atasan_kandidat(jabatan: Jabatan, on: dt.date | None = None) -> list[int]:
    """The holders above a position in the order `atasan_map` walks them (nearest position first; an active
    Plt/Plh before the definitive holder), cut to the first two distinct pegawai. The atasan langsung of anyone
    in `jabatan` is the first of these who is not themself, so callers may cache this per position."""
    ancestors = ancestor_ids(jabatan.path)[:-1]
    if not ancestors:
        return []
    definitive, acting = _holders(set(ancestors), on or timezone.localdate(), jabatan.instansi_id)
    out: list[int] = []
    for h in _di_atas(jabatan.path, definitive, acting):
        if h.pk not in out:
            out.append(h.pk)
            if len(out) == 2:
                break
    return out


def atasan_langsung(pegawai: Pegawai, on: dt.date | None = None) -> Pegawai | None:
    """The direct superior, derived from the position tree with Plt/Plh overrides."""
    return atasan_map([pegawai], on).get(pegawai.pk)


def pejabat_penilai(pegawai: Pegawai, on: dt.date | None = None) -> tuple[Pegawai | None, Pegawai | None]:
    """(pejabat penilai kinerja, atasan pejabat penilai) — the atasan and the atasan's atasan."""
    atasan = atasan_langsung(pegawai, on)
    return atasan, (atasan_langsung(atasan, on) if atasan else None)


def bawahan_langsung(pegawai: Pegawai, on: dt.date | None = None) -> list[Pegawai]:
    """Pegawai whose atasan langsung is `pegawai` (through their own position or an acting one)."""
    from kinerja.organisasi.access import held_positions

    held = held_positions(pegawai, on)
    if not held:
        return []
    below = Q(pk__in=[])
    for jab in held:
        below |= Q(jabatan__path__startswith=jab.path) & ~Q(jabatan_id=jab.pk)
    candidates = list(
        Pegawai.objects.filter(below, instansi_id=pegawai.instansi_id, status=StatusPegawai.AKTIF)
        .exclude(pk=pegawai.pk)
        .select_related("jabatan", "unit_kerja")
    )
    atasan = atasan_map(candidates, on) if candidates else {}
    return sorted((c for c in candidates if atasan.get(c.pk) and atasan[c.pk].pk == pegawai.pk),
                  key=lambda c: (c.jabatan.path, c.nama))


def penempatan_history(*, actor, pegawai: Pegawai) -> QuerySet[Penempatan]:
    pegawai_get(actor=actor, pegawai_id=pegawai.pk)
    return pegawai.penempatan.select_related("jabatan", "unit_kerja").order_by("-tanggal_mulai")


def jabatan_list(*, actor, unit: UnitKerja | None = None) -> QuerySet[Jabatan]:
    scope = scope_for(actor)
    qs = Jabatan.objects.filter(instansi_id=scope.instansi_id, aktif=True).select_related("unit_kerja", "atasan")
    if unit is not None:
        qs = qs.filter(unit_kerja=unit)
    return qs.prefetch_related(
        Prefetch("pemangku", queryset=Pegawai.objects.filter(status=StatusPegawai.AKTIF).only(
            "pk", "nama", "gelar_depan", "gelar_belakang", "nip", "jabatan_id"))
    )


def impor_list(*, actor) -> QuerySet[ImporData]:
    scope = scope_for(actor)
    if not scope.master_write:
        return ImporData.objects.none()
    return ImporData.objects.filter(instansi_id=scope.instansi_id).select_related("diunggah_oleh")


def impor_get(*, actor, impor_id: int) -> ImporData:
    obj = impor_list(actor=actor).filter(pk=impor_id).first()
    if obj is None:
        raise NotFound(MSG_NOT_FOUND)
    return obj
