"""Test data for partisipasi, built through the services on top of organisasi's `build_org()`.

`build_partisipasi(org)` adds:
  titik        "Pos Imunisasi" (layanan) in Seksi Imunisasi, Dinkes — created by the kepala seksi (kasi)
  titik_yankes "Loket Yankes" (layanan) in Bidang Yankes, Dinkes
  proyek       "Rehabilitasi Jalan Desa Uji" (proyek) in Dinas PUPR
  petugas      staff_1 opted in at the Pos Imunisasi (their atasan: kasi, then kabid, kadis)
  petugas_pupr staff_pupr opted in as the project's field supervisor
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from kinerja.organisasi.tests.factories import Org, fresh
from kinerja.partisipasi import perlindungan, services
from kinerja.partisipasi.models import PetugasLayanan, TitikLayanan
from kinerja.partisipasi.services import KonteksKirim
from kinerja.perencanaan.models import ProgramKegiatan

_n = iter(range(1, 10**9))


@dataclass
class Dunia:
    org: Org
    titik: TitikLayanan
    titik_yankes: TitikLayanan
    proyek: TitikLayanan
    petugas: PetugasLayanan
    petugas_pupr: PetugasLayanan


def build_partisipasi(org: Org) -> Dunia:
    titik = services.titik_simpan(actor=fresh(org.kasi.user), unit=org.seksi_imunisasi, nama="Pos Imunisasi",
                                  kode="pos-imun", populasi_per_tahun=400)
    titik_yankes = services.titik_simpan(actor=fresh(org.kadis.user), unit=org.yankes, nama="Loket Yankes",
                                         kode="loket-yankes", populasi_per_tahun=1000)
    program = ProgramKegiatan.objects.create(instansi=org.instansi, jenis="proyek", kode="UJI.PROYEK.1",
                                             nama="Rehabilitasi Jalan Desa Uji", unit_kerja=org.pupr,
                                             tahun=timezone.localdate().year, lokasi="Desa Uji")
    proyek = services.titik_simpan(actor=fresh(org.kadis_pupr.user), unit=org.pupr, nama=program.nama,
                                   jenis="proyek", program=program, kode="jalan-uji")
    petugas = services.petugas_bersedia(actor=fresh(org.staff_1.user), sebutan="Vaksinator", titik=titik,
                                        kode="ayu-vaksin")
    petugas_pupr = services.petugas_bersedia(actor=fresh(org.staff_pupr.user), sebutan="Pengawas lapangan",
                                             titik=proyek, kode="teguh-jalan")
    return Dunia(org, titik, titik_yankes, proyek, petugas, petugas_pupr)


def bukti() -> perlindungan.BuktiManusia:
    """A solved ALTCHA challenge, as a browser would send it."""
    return perlindungan.BuktiManusia(altcha=perlindungan.selesaikan_altcha(perlindungan.tantangan_baru()))


def konteks(*, ip: str | None = None, perangkat: str | None = None, when: dt.datetime | None = None,
            solved: bool = True) -> KonteksKirim:
    n = next(_n)
    return KonteksKirim(ip_hash=ip if ip is not None else f"ip{n:014d}",
                        perangkat_hash=perangkat if perangkat is not None else f"dev{n:013d}",
                        bukti=bukti() if solved else None, dikirim_pada=when or timezone.now())


def jawaban(*values) -> dict:
    values = values or (3,) * 9
    return {f"u{i}": v for i, v in enumerate(values, start=1)}


def pengaduan(d: Dunia, **kw):
    data = {"kategori": "pelayanan", "judul": "Antrean lama", "uraian": "Saya menunggu tiga jam di loket imunisasi.",
            "titik": d.titik}
    data.update(kw)
    return services.pengaduan_submit(konteks=kw.pop("konteks", None) or konteks(), **{k: v for k, v in data.items()
                                                                                      if k != "konteks"})
