"""Reads for the predikat organisasi, the distribution curve and calibration, and the per-unit rekap.

A curve group is the nearest unit (the evaluation's own unit, else its parents up to the OPD) that has a
predikat organisasi for the period; without any, the OPD is the group and its predikat is missing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound
from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Jabatan, UnitKerja
from kinerja.organisasi.selectors import ancestor_ids
from kinerja.penilaian import rules
from kinerja.penilaian.models import (
    BerlakuKurva,
    Evaluasi,
    KebijakanPenilaian,
    PredikatOrganisasiUnit,
    StatusEvaluasi,
)
from kinerja.penilaian.selectors.evaluasi import EVALUASI_RELATED, bulan_jendela, kebijakan_for
from kinerja.perencanaan.models import JadwalEvaluasi, PeriodeKinerja

DINILAI_KE_ATAS = [StatusEvaluasi.DINILAI, StatusEvaluasi.DIFINALISASI, StatusEvaluasi.KEBERATAN,
                   StatusEvaluasi.DIPUTUSKAN]
MSG_PREDIKAT_ORG_BELUM = ("Predikat organisasi untuk {unit} belum ditetapkan, sehingga kurva distribusi tidak dapat "
                          "diperiksa.")


def kurva_berlaku(jadwal: JadwalEvaluasi, kebijakan: KebijakanPenilaian) -> bool:
    """The curve constrains the annual predikat (§1.8); a policy may extend it to periodic windows."""
    return jadwal.is_final or kebijakan.berlaku_kurva == BerlakuKurva.SEMUA


def predikat_org_map(periode_id: int, instansi_id: int) -> dict[int, PredikatOrganisasiUnit]:
    return {p.unit_kerja_id: p for p in PredikatOrganisasiUnit.objects.filter(periode_id=periode_id,
                                                                              instansi_id=instansi_id)}


def unit_kelompok(unit: UnitKerja, opd_id: int | None, pmap: dict[int, PredikatOrganisasiUnit]) -> int:
    """The id of the unit whose predikat governs pegawai of `unit` (deepest ancestor-or-self with one)."""
    for uid in reversed(ancestor_ids(unit.path)):
        if uid in pmap:
            return uid
    return opd_id or unit.pk


@dataclass
class BatasKurva:
    teks: str
    aktual: int
    minimal: int | None
    maksimal: int | None
    dilanggar: bool


@dataclass
class Kelompok:
    unit: UnitKerja
    predikat_organisasi: PredikatOrganisasiUnit | None
    evaluasi: list[Evaluasi] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    pelanggaran: list[str] = field(default_factory=list)
    batas: list[BatasKurva] = field(default_factory=list)
    berlaku: bool = True

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def belum_dinilai(self) -> int:
        return sum(1 for e in self.evaluasi if e.status == StatusEvaluasi.DRAF)

    @property
    def siap_final(self) -> int:
        return sum(1 for e in self.evaluasi if e.status == StatusEvaluasi.DINILAI)

    @property
    def distribusi(self) -> list[dict]:
        n = self.n or 1
        return [{"predikat": p, "label": rules.PREDIKAT_LABEL[p], "jumlah": self.counts.get(p, 0),
                 "persen": round(100 * self.counts.get(p, 0) / n)} for p in rules.PREDIKAT_ORDER]


def periksa_kelompok(k: Kelompok, kebijakan: KebijakanPenilaian) -> Kelompok:
    """Fill the group's limits and violations from the policy table (rules.check_curve)."""
    k.pelanggaran, k.batas = [], []
    if not k.berlaku or k.n == 0:
        return k
    if k.predikat_organisasi is None:
        k.pelanggaran.append(MSG_PREDIKAT_ORG_BELUM.format(unit=k.unit.nama))
        return k
    org = rules.PredikatOrganisasi(k.predikat_organisasi.predikat)
    table = kebijakan.tabel_kurva
    for rule in table[org]:
        lo, hi = rules.allowed_counts(rule, k.n, kebijakan.rounding)
        actual = sum(k.counts.get(p, 0) for p in rule.predikat)
        k.batas.append(BatasKurva(rule.describe(), actual, lo, hi,
                                  (hi is not None and actual > hi) or (lo is not None and actual < lo)))
    k.pelanggaran = [v.message for v in rules.check_curve(k.counts, org, policy=table, rounding=kebijakan.rounding)]
    return k


def kelompok_untuk(evaluasi: Evaluasi, kebijakan: KebijakanPenilaian | None = None,
                   pengganti: dict[int, str] | None = None) -> Kelompok:
    """The curve group of one evaluation with its current distribution (`pengganti` replaces the predikat of some
    evaluations, e.g. the one being finalised)."""
    kebijakan = kebijakan or kebijakan_for(evaluasi.instansi_id)
    pmap = predikat_org_map(evaluasi.periode_id, evaluasi.instansi_id)
    unit = evaluasi.unit_kerja
    gid = unit_kelompok(unit, evaluasi.opd_id, pmap)
    return _kelompok_opd(evaluasi.jadwal, evaluasi.opd_id or unit.pk, pmap, kebijakan, pengganti)[gid]


def _kelompok_opd(jadwal: JadwalEvaluasi, opd_id: int, pmap, kebijakan, pengganti=None) -> dict[int, Kelompok]:
    evs = list(Evaluasi.objects.filter(jadwal=jadwal).filter(Q(opd_id=opd_id) | Q(unit_kerja_id=opd_id))
               .select_related(*EVALUASI_RELATED).order_by("unit_kerja__path", "pegawai__nama"))
    unit_ids = {e.unit_kerja_id for e in evs} | {opd_id} | set(pmap)
    units = UnitKerja.objects.in_bulk(unit_ids)
    groups: dict[int, Kelompok] = {}
    berlaku = kurva_berlaku(jadwal, kebijakan)
    for e in evs:
        gid = unit_kelompok(e.unit_kerja, e.opd_id, pmap)
        k = groups.get(gid)
        if k is None:
            k = groups[gid] = Kelompok(units[gid], pmap.get(gid), berlaku=berlaku)
        k.evaluasi.append(e)
        predikat = (pengganti or {}).get(e.pk, e.predikat if e.status in DINILAI_KE_ATAS else "")
        if predikat:
            k.counts[rules.Predikat(predikat)] += 1
    if opd_id not in groups and opd_id in units:
        groups[opd_id] = Kelompok(units[opd_id], pmap.get(opd_id), berlaku=berlaku)
    for k in groups.values():
        periksa_kelompok(k, kebijakan)
    return groups


def kalibrasi_opd_pilihan(*, actor) -> list[UnitKerja]:
    """OPD whose calibration the actor may open: the OPD they lead; every OPD for admin BKPSDM and Inspektorat."""
    scope = scope_for(actor)
    qs = UnitKerja.objects.filter(instansi_id=scope.instansi_id, induk__isnull=True, aktif=True)
    if not scope.instansi_read:
        qs = qs.filter(pk__in=scope.opd_ids)
    return list(qs.order_by("nama"))


def boleh_kalibrasi(actor, opd: UnitKerja) -> bool:
    """Pimpinan OPD of this OPD may finalise from the calibration view; admin and Inspektorat only read."""
    return opd.pk in scope_for(actor).opd_ids


def kalibrasi(*, actor, opd_id: int, jadwal: JadwalEvaluasi) -> list[Kelompok]:
    opd = next((u for u in kalibrasi_opd_pilihan(actor=actor) if u.pk == opd_id), None)
    if opd is None or jadwal.instansi_id != actor.instansi_id:
        raise NotFound(MSG_NOT_FOUND)
    kebijakan = kebijakan_for(opd.instansi_id)
    pmap = predikat_org_map(jadwal.periode_id, opd.instansi_id)
    groups = _kelompok_opd(jadwal, opd.pk, pmap, kebijakan)
    return sorted(groups.values(), key=lambda k: k.unit.path)


# --- predikat organisasi -----------------------------------------------------------------------------------------
def kepala_jabatan(unit: UnitKerja) -> Jabatan | None:
    return Jabatan.objects.filter(unit_kerja=unit, is_kepala_unit=True, aktif=True).order_by("pk").first()


def boleh_tetapkan_predikat_org(actor, unit: UnitKerja) -> bool:
    """The leader one level up sets a unit's predikat (§1.7 Tahap 1): a holder of a position above the unit head's
    position; for an OPD also the pimpinan daerah (the Bupati has no position in the tree)."""
    scope = scope_for(actor)
    if unit.instansi_id != scope.instansi_id:
        return False
    if unit.induk_id is None and has_role(actor, Peran.PIMPINAN_DAERAH):
        return True
    kepala = kepala_jabatan(unit)
    if kepala is None:
        return False
    return any(kepala.path.startswith(j.path) and kepala.pk != j.pk for j in scope.held)


def predikat_org_pilihan(*, actor, periode: PeriodeKinerja) -> list[dict]:
    """Units whose predikat the actor may set for the period, with the current value."""
    scope = scope_for(actor)
    q = Q(pk__in=[])
    for j in scope.held:
        q |= Q(jabatan__path__startswith=j.path, jabatan__is_kepala_unit=True) & ~Q(jabatan__pk=j.pk)
    if has_role(actor, Peran.PIMPINAN_DAERAH):
        q |= Q(induk__isnull=True)
    units = list(UnitKerja.objects.filter(q, instansi_id=scope.instansi_id, aktif=True).distinct()
                 .order_by("path")[:300])
    pmap = predikat_org_map(periode.pk, scope.instansi_id or -1)
    return [{"unit": u, "predikat": pmap.get(u.pk)} for u in units]


# --- rekap --------------------------------------------------------------------------------------------------------
HEADER_REKAP = ["No", "NIP", "Nama", "Jabatan", "Jenis jabatan", "Jenjang", "Unit kerja", "Pejabat penilai",
                "Rating hasil kerja", "Rating perilaku kerja", "Predikat kinerja", "Menyimpang dari saran",
                "Rata-rata capaian (%)", "Status", "Koefisien AK", "Angka kredit"]


def rekap_unit(*, actor, unit_id: int, jadwal: JadwalEvaluasi) -> tuple[UnitKerja, list[list]]:
    """The rekap of one unit (its whole subtree) for a window, with the angka kredit conversion for functional
    positions (§1.12: AK = bulan/12 × % predikat × koefisien)."""
    scope = scope_for(actor)
    unit = UnitKerja.objects.filter(pk=unit_id, instansi_id=scope.instansi_id).first()
    if unit is None or jadwal.instansi_id != scope.instansi_id:
        raise NotFound(MSG_NOT_FOUND)
    from kinerja.penilaian.selectors.evaluasi import evaluasi_list

    evs = (evaluasi_list(actor=actor, jadwal_id=jadwal.pk).filter(unit_kerja__path__startswith=unit.path)
           .order_by("unit_kerja__path", "pegawai__nama", "pk"))
    bulan = bulan_jendela(jadwal)
    rows = []
    for i, e in enumerate(evs, start=1):
        koef = ak = None
        if e.predikat and e.jenjang in rules.KOEFISIEN_AK:
            koef = rules.KOEFISIEN_AK[e.jenjang]
            ak = rules.angka_kredit(e.predikat, e.jenjang, bulan)
        rows.append([
            i, e.pegawai.nip, e.pegawai.nama_lengkap, e.jabatan_nama, e.jenis_jabatan, e.jenjang, e.unit_kerja_nama,
            e.pejabat_penilai_snapshot.get("nama", ""),
            rules.RATING_LABEL.get(e.rating_hasil_kerja, "") if e.rating_hasil_kerja else "",
            rules.RATING_LABEL.get(e.rating_perilaku_kerja, "") if e.rating_perilaku_kerja else "",
            e.predikat_label, "Ya" if e.menyimpang_dari_saran else "Tidak",
            float(e.capaian_rerata) if e.capaian_rerata is not None else None,
            e.get_status_display(), float(koef) if koef is not None else None,
            float(ak) if ak is not None else None,
        ])
    return unit, rows
