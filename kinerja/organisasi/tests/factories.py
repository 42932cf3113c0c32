"""Test data for the organisation, built through the services so paths and caches are real.

`build_org()` returns a small two-instansi world used by the access-matrix and many other tests:

Instansi A (Bukitintan)
  Dinas Kesehatan (OPD)          kadis (JPT)                      ← pimpinan OPD
    Bidang P2P                    kabid (administrator)            ← atasan of kasi, staff_1, staff_2 (indirect)
      Seksi Imunisasi             kasi (pengawas)                  ← atasan of staff_1, staff_2
                                  staff_1, staff_2 (fungsional)
    Bidang Yankes                 kabid_2 ; staff_3 (other unit, same OPD)
  Dinas PUPR (OPD)                kadis_pupr ; staff_pupr (other OPD)
  BKPSDM (OPD)                    admin (pelaksana + admin_bkpsdm role)
  Inspektorat (OPD)               auditor (+ inspektorat role)
  bupati (account only, pimpinan_daerah role)
Instansi B                        kadis_b ; staff_b (other instansi)
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import factory
from django.contrib.auth import get_user_model

from kinerja.core.models import Instansi, Peran, PeranPengguna
from kinerja.organisasi import rules, services
from kinerja.organisasi.models import JenisJabatan, Pegawai

User = get_user_model()
PASSWORD = "Rahasia-Kinerja-2026"
_seq = itertools.count(1)


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ("kode",)

    kode = factory.Sequence(lambda n: f"instansi-{n}")
    nama = factory.LazyAttribute(lambda o: f"Pemerintah {o.kode}")
    nama_daerah = factory.LazyAttribute(lambda o: f"Kabupaten {o.kode}")


def make_nip(*, pppk: bool = False, sex: str = "L", year: int = 1985) -> str:
    n = next(_seq)
    lahir = dt.date(year, 1 + n % 12, 1 + n % 28)
    return rules.build_nip(lahir=lahir, tmt_tahun=year + 25, tmt_bulan=None if pppk else 1 + (n % 12),
                           jenis_kelamin=sex, urut=1 + n % 999)


def system_actor() -> User:
    user, _ = User.objects.get_or_create(username="sistem-uji", defaults={"is_superuser": True, "is_staff": True})
    return user


def make_pegawai(instansi: Instansi, jabatan, nama: str, *, pppk: bool = False, password: str = PASSWORD) -> Pegawai:
    return services.pegawai_create(actor=system_actor(), instansi_id=instansi.pk, nip=make_nip(pppk=pppk), nama=nama,
                                   jenis_asn=rules.PPPK if pppk else rules.PNS, jabatan=jabatan,
                                   tanggal_mulai=dt.date(2024, 1, 2), password=password)


def grant(user, peran: str) -> None:
    PeranPengguna.objects.get_or_create(user=user, peran=peran, defaults={"instansi_id": user.instansi_id})


@dataclass
class Org:
    instansi: Instansi
    instansi_b: Instansi
    dinkes: object
    p2p: object
    seksi_imunisasi: object
    yankes: object
    pupr: object
    kadis: Pegawai
    kabid: Pegawai
    kasi: Pegawai
    staff_1: Pegawai
    staff_2: Pegawai
    kabid_2: Pegawai
    staff_3: Pegawai
    kadis_pupr: Pegawai
    staff_pupr: Pegawai
    admin: Pegawai
    auditor: Pegawai
    bupati: User
    kadis_b: Pegawai
    staff_b: Pegawai

    def user(self, name: str) -> User:
        obj = getattr(self, name)
        return obj if isinstance(obj, User) else obj.user


def build_org() -> Org:
    actor = system_actor()
    a = InstansiFactory(kode="uji-a", nama="Pemerintah Kabupaten Uji A")
    b = InstansiFactory(kode="uji-b", nama="Pemerintah Kabupaten Uji B")
    uk = services.unit_kerja_create
    jc = services.jabatan_create
    dinkes = uk(actor=actor, instansi_id=a.pk, kode="DINKES", nama="Dinas Kesehatan", jenis="dinas")
    p2p = uk(actor=actor, instansi_id=a.pk, kode="DINKES.P2P", nama="Bidang P2P", jenis="bidang", induk=dinkes)
    seksi = uk(actor=actor, instansi_id=a.pk, kode="DINKES.P2P.IMUN", nama="Seksi Imunisasi", jenis="seksi", induk=p2p)
    yankes = uk(actor=actor, instansi_id=a.pk, kode="DINKES.YANKES", nama="Bidang Yankes", jenis="bidang",
                induk=dinkes)
    pupr = uk(actor=actor, instansi_id=a.pk, kode="PUPR", nama="Dinas PUPR", jenis="dinas")
    bkpsdm = uk(actor=actor, instansi_id=a.pk, kode="BKPSDM", nama="BKPSDM", jenis="badan")
    insp = uk(actor=actor, instansi_id=a.pk, kode="INSP", nama="Inspektorat", jenis="inspektorat")
    dinkes_b = uk(actor=actor, instansi_id=b.pk, kode="DINKES", nama="Dinas Kesehatan B", jenis="dinas")

    j_kadis = jc(actor=actor, unit_kerja=dinkes, nama="Kepala Dinas Kesehatan", jenis=JenisJabatan.JPT_PRATAMA,
                 is_kepala_unit=True)
    j_kabid = jc(actor=actor, unit_kerja=p2p, nama="Kepala Bidang P2P", jenis=JenisJabatan.ADMINISTRATOR,
                 atasan=j_kadis, is_kepala_unit=True)
    j_kasi = jc(actor=actor, unit_kerja=seksi, nama="Kepala Seksi Imunisasi", jenis=JenisJabatan.PENGAWAS,
                atasan=j_kabid, is_kepala_unit=True)
    j_staff = jc(actor=actor, unit_kerja=seksi, nama="Epidemiolog Kesehatan", jenis=JenisJabatan.FUNGSIONAL,
                 jenjang="ahli_pertama", atasan=j_kasi)
    j_kabid2 = jc(actor=actor, unit_kerja=yankes, nama="Kepala Bidang Yankes", jenis=JenisJabatan.ADMINISTRATOR,
                  atasan=j_kadis, is_kepala_unit=True)
    j_staff3 = jc(actor=actor, unit_kerja=yankes, nama="Administrator Kesehatan", jenis=JenisJabatan.FUNGSIONAL,
                  jenjang="ahli_pertama", atasan=j_kabid2)
    j_kadis_pupr = jc(actor=actor, unit_kerja=pupr, nama="Kepala Dinas PUPR", jenis=JenisJabatan.JPT_PRATAMA,
                      is_kepala_unit=True)
    j_staff_pupr = jc(actor=actor, unit_kerja=pupr, nama="Teknik Jalan dan Jembatan", jenis=JenisJabatan.FUNGSIONAL,
                      jenjang="ahli_pertama", atasan=j_kadis_pupr)
    j_admin = jc(actor=actor, unit_kerja=bkpsdm, nama="Pengolah Data", jenis=JenisJabatan.PELAKSANA)
    j_auditor = jc(actor=actor, unit_kerja=insp, nama="Auditor", jenis=JenisJabatan.FUNGSIONAL, jenjang="ahli_muda")
    j_kadis_b = jc(actor=actor, unit_kerja=dinkes_b, nama="Kepala Dinas Kesehatan", jenis=JenisJabatan.JPT_PRATAMA,
                   is_kepala_unit=True)
    j_staff_b = jc(actor=actor, unit_kerja=dinkes_b, nama="Perawat", jenis=JenisJabatan.FUNGSIONAL,
                   jenjang="terampil", atasan=j_kadis_b)

    org = Org(
        instansi=a, instansi_b=b, dinkes=dinkes, p2p=p2p, seksi_imunisasi=seksi, yankes=yankes, pupr=pupr,
        kadis=make_pegawai(a, j_kadis, "Hendra Wijaya"),
        kabid=make_pegawai(a, j_kabid, "Siti Rahma"),
        kasi=make_pegawai(a, j_kasi, "Budi Santoso"),
        staff_1=make_pegawai(a, j_staff, "Ayu Lestari"),
        staff_2=make_pegawai(a, j_staff, "Rizki Pratama", pppk=True),
        kabid_2=make_pegawai(a, j_kabid2, "Dewi Anggraini"),
        staff_3=make_pegawai(a, j_staff3, "Fajar Nugroho"),
        kadis_pupr=make_pegawai(a, j_kadis_pupr, "Agus Harahap"),
        staff_pupr=make_pegawai(a, j_staff_pupr, "Teguh Siregar"),
        admin=make_pegawai(a, j_admin, "Nurul Hidayat"),
        auditor=make_pegawai(a, j_auditor, "Intan Purnama"),
        bupati=User.objects.create_user(username="bupati-uji", password=PASSWORD, instansi=a, nama_lengkap="Bupati"),
        kadis_b=make_pegawai(b, j_kadis_b, "Made Kusuma"),
        staff_b=make_pegawai(b, j_staff_b, "Ketut Wulandari"),
    )
    grant(org.admin.user, Peran.ADMIN_BKPSDM)
    grant(org.auditor.user, Peran.INSPEKTORAT)
    grant(org.bupati, Peran.PIMPINAN_DAERAH)
    return org


def fresh(user):
    """The same account without per-request caches (roles, scope)."""
    return User.objects.get(pk=user.pk)
