"""Planning test data built through the services, on top of organisasi's `build_org()`.

`build_rencana(org)` gives a running period of the current year with quarterly windows, a regency target and a
Dinkes target, and the Dinkes cascade:

  sasaran OPD "Meningkatnya cakupan imunisasi"
    kadis (JPT) RHK "Meningkatnya cakupan imunisasi dasar lengkap"         draft
      kabid RHK "Terlaksananya program imunisasi"                              draft
        kasi RHK "Terlaksananya imunisasi di seksi"                             approved by kabid
          staff_1: draft SKP, no RHK yet (the tests write them)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from kinerja.organisasi.tests.factories import Org, fresh
from kinerja.perencanaan import services
from kinerja.perencanaan.models import (
    PeriodeKinerja,
    RencanaHasilKerja,
    SasaranKinerjaPegawai,
    SasaranOrganisasi,
)


def ind(aspek="kuantitas", teks="Jumlah bayi yang diimunisasi", target="120", satuan="bayi", perspektif=""):
    return {"aspek": aspek, "teks": teks, "target": target, "satuan": satuan, "perspektif": perspektif}


def make_periode(org: Org, tahun: int | None = None, status: str = "berjalan", kadensi: str = "triwulanan"
                 ) -> PeriodeKinerja:
    admin = fresh(org.admin.user)
    periode = services.periode_kinerja_create(actor=admin, tahun=tahun or timezone.localdate().year, kadensi=kadensi)
    for step in ("berjalan", "evaluasi", "ditutup"):
        if periode.status == status:
            break
        periode = services.periode_kinerja_set_status(actor=admin, periode=periode, status=step)
    return periode


def make_skp(pegawai, periode, *, pendekatan="kuantitatif") -> SasaranKinerjaPegawai:
    return services.skp_create(actor=fresh(pegawai.user), periode=periode, pendekatan=pendekatan)


def add_rhk(pegawai, skp, *, teks="Terlaksananya imunisasi", parent: RencanaHasilKerja | None = None,
            sasaran: SasaranOrganisasi | None = None, indikator=None, jenis="utama") -> RencanaHasilKerja:
    if indikator is None:
        indikator = [ind(perspektif="penerima_layanan" if sasaran is not None else "")]
    return services.rhk_create(actor=fresh(pegawai.user), skp=skp, teks=teks, jenis=jenis, indikator=indikator,
                               intervensi_id=parent.pk if parent else None,
                               sasaran_organisasi_id=sasaran.pk if sasaran else None)


def approve(skp, penilai) -> SasaranKinerjaPegawai:
    services.skp_submit(actor=fresh(skp.pegawai.user), skp=skp)
    return services.skp_approve(actor=fresh(penilai.user), skp=skp)


@dataclass
class Rencana:
    periode: PeriodeKinerja
    sasaran_daerah: SasaranOrganisasi
    sasaran: SasaranOrganisasi
    skp_kadis: SasaranKinerjaPegawai
    rhk_kadis: RencanaHasilKerja
    skp_kabid: SasaranKinerjaPegawai
    rhk_kabid: RencanaHasilKerja
    skp_kasi: SasaranKinerjaPegawai
    rhk_kasi: RencanaHasilKerja
    skp_staff: SasaranKinerjaPegawai


def build_rencana(org: Org, *, status: str = "berjalan") -> Rencana:
    periode = make_periode(org, status="berjalan")
    admin = fresh(org.admin.user)
    daerah = services.sasaran_organisasi_create(actor=admin, periode=periode, kode="SD-1",
                                                teks="Meningkatnya kualitas sumber daya manusia")
    sasaran = services.sasaran_organisasi_create(actor=admin, periode=periode, unit_kerja=org.dinkes, induk=daerah,
                                                 kode="DINKES-1", teks="Meningkatnya cakupan imunisasi",
                                                 indikator="Persentase IDL", target="95 %")
    skp_kadis = make_skp(org.kadis, periode)
    rhk_kadis = add_rhk(org.kadis, skp_kadis, teks="Meningkatnya cakupan imunisasi dasar lengkap", sasaran=sasaran,
                        indikator=[ind(teks="Persentase bayi dengan IDL", target="95", satuan="%",
                                       perspektif="penerima_layanan")])
    skp_kabid = make_skp(org.kabid, periode)
    rhk_kabid = add_rhk(org.kabid, skp_kabid, teks="Terlaksananya program imunisasi", parent=rhk_kadis)
    skp_kasi = make_skp(org.kasi, periode)
    rhk_kasi = add_rhk(org.kasi, skp_kasi, teks="Terlaksananya imunisasi di seksi", parent=rhk_kabid)
    approve(skp_kasi, org.kabid)
    skp_staff = make_skp(org.staff_1, periode)
    if status != "berjalan":
        for step in ("evaluasi", "ditutup"):
            periode = services.periode_kinerja_set_status(actor=admin, periode=periode, status=step)
            if step == status:
                break
    return Rencana(periode, daerah, sasaran, skp_kadis, rhk_kadis, skp_kabid, rhk_kabid, skp_kasi, rhk_kasi,
                   skp_staff)
