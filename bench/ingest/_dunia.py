"""Bench data for the 16:00 rush: one OPD with units, each with a kepala (the atasan) and staff who each hold an
approved SKP (one RHK, one indicator) and an API token. Bulk writes, a few seconds for thousands of pegawai.
Writes the tokens and the reportable dates to a JSON file the load generators read."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from decimal import Decimal


def seed(n_pegawai: int, out_path: str, per_unit: int = 40) -> dict:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from kinerja.core import kalender
    from kinerja.core.models import ApiToken, Instansi
    from kinerja.organisasi.models import Jabatan, Pegawai, UnitKerja, path_segment
    from kinerja.perencanaan.models import (
        IndikatorKinerja,
        JadwalEvaluasi,
        PeriodeKinerja,
        RencanaHasilKerja,
        SasaranKinerjaPegawai,
    )

    user_model = get_user_model()
    today = timezone.localdate()
    instansi = Instansi.objects.create(kode="bench", nama="Pemerintah Kabupaten Bench", nama_daerah="Kabupaten Bench")
    opd = UnitKerja.objects.create(instansi=instansi, kode="OPD", nama="Dinas Bench", jenis="dinas")
    opd.path = path_segment(opd.pk)
    opd.save(update_fields=["path"])
    n_units = max(1, -(-n_pegawai // per_unit))
    units = UnitKerja.objects.bulk_create([
        UnitKerja(instansi=instansi, kode=f"U{i:04d}", nama=f"Seksi {i}", jenis="seksi", induk=opd, opd=opd, level=1)
        for i in range(n_units)])
    for u in units:
        u.path = opd.path + path_segment(u.pk)
    UnitKerja.objects.bulk_update(units, ["path"])

    head = Jabatan.objects.create(instansi=instansi, unit_kerja=opd, nama="Kepala Dinas", jenis="jpt_pratama",
                                  is_kepala_unit=True)
    head.path = path_segment(head.pk)
    head.save(update_fields=["path"])
    kepala = Jabatan.objects.bulk_create([
        Jabatan(instansi=instansi, unit_kerja=u, nama=f"Kepala {u.nama}", jenis="pengawas", atasan=head,
                is_kepala_unit=True) for u in units])
    for j in kepala:
        j.path = head.path + path_segment(j.pk)
    Jabatan.objects.bulk_update(kepala, ["path"])
    staff_jab = Jabatan.objects.bulk_create([
        Jabatan(instansi=instansi, unit_kerja=u, nama="Perawat", jenis="fungsional", jenjang="terampil", atasan=k)
        for u, k in zip(units, kepala, strict=True)])
    for j, k in zip(staff_jab, kepala, strict=True):
        j.path = k.path + path_segment(j.pk)
    Jabatan.objects.bulk_update(staff_jab, ["path"])

    people: list[tuple[str, Jabatan, UnitKerja]] = [("kadis", head, opd)]
    people += [(f"kepala{i}", k, u) for i, (k, u) in enumerate(zip(kepala, units, strict=True))]
    people += [(f"staf{i}", staff_jab[i // per_unit], units[i // per_unit]) for i in range(n_pegawai)]
    users = user_model.objects.bulk_create([
        user_model(username=f"bench-{name}", instansi=instansi, nama_lengkap=name, password="!")
        for name, _j, _u in people])
    pegawai = Pegawai.objects.bulk_create([
        Pegawai(instansi=instansi, user=user, nip=f"{199001012020011000 + n}", nama=name, jenis_kelamin="P",
                tanggal_lahir=dt.date(1990, 1, 1), jabatan=j, unit_kerja=u, opd=opd)
        for n, (user, (name, j, u)) in enumerate(zip(users, people, strict=True))])

    periode = PeriodeKinerja.objects.create(
        instansi=instansi, tahun=today.year, nama=f"Periode {today.year}", tanggal_mulai=dt.date(today.year, 1, 1),
        tanggal_selesai=dt.date(today.year, 12, 31), batas_skp=dt.date(today.year, 1, 31),
        batas_evaluasi_tahunan=dt.date(today.year + 1, 1, 31), status="berjalan")
    JadwalEvaluasi.objects.bulk_create([
        JadwalEvaluasi(instansi=instansi, periode=periode, nomor=q, nama=f"Triwulan {q}",
                       tanggal_mulai=dt.date(today.year, 3 * q - 2, 1),
                       tanggal_selesai=(dt.date(today.year, 3 * q, 28) + dt.timedelta(days=4)).replace(day=1)
                       - dt.timedelta(days=1), batas_penilaian=dt.date(today.year, 12, 31)) for q in range(1, 5)])
    staff = pegawai[1 + len(kepala):]
    skps = SasaranKinerjaPegawai.objects.bulk_create([
        SasaranKinerjaPegawai(instansi=instansi, periode=periode, pegawai=p, jenis="ja_jf", status="disetujui",
                              tanggal_mulai=periode.tanggal_mulai, tanggal_selesai=periode.tanggal_selesai,
                              jabatan_nama="Perawat", unit_kerja=p.unit_kerja, unit_kerja_nama=p.unit_kerja.nama)
        for p in staff])
    rhks = RencanaHasilKerja.objects.bulk_create([
        RencanaHasilKerja(instansi=instansi, skp=s, teks="Terlaksananya pelayanan keperawatan") for s in skps])
    inds = IndikatorKinerja.objects.bulk_create([
        IndikatorKinerja(instansi=instansi, rhk=r, aspek="kuantitas", teks="Jumlah pasien dilayani",
                         target=Decimal("1000"), satuan="pasien") for r in rhks])
    keys = [secrets.token_urlsafe(32) for _ in staff]
    expires = timezone.now() + dt.timedelta(days=7)
    ApiToken.objects.bulk_create([
        ApiToken(user_id=p.user_id, key_hash=hashlib.sha256(k.encode()).hexdigest(), prefix=k[:8], nama="bench",
                 expires_at=expires) for p, k in zip(staff, keys, strict=True)])
    dates = [today.isoformat()] + [kalender.add_hari_kerja(today, -n, instansi.pk).isoformat() for n in (1, 2, 3)]
    data = {
        "instansi_id": instansi.pk, "dates": dates,
        "pegawai": [{"token": k, "pegawai_id": p.pk, "skp_id": s.pk, "rhk_id": r.pk, "indikator_id": i.pk}
                    for k, p, s, r, i in zip(keys, staff, skps, rhks, inds, strict=True)],
    }
    with open(out_path, "w") as fh:
        json.dump(data, fh)
    return data


def slot(k: int, per_day: int = 48) -> tuple[int, str, str]:
    """The k-th report of one pegawai: (date index, start, end) — 15-minute slots from 07:00, at most 12 h a day,
    never overlapping, so every valid submission passes the rules."""
    day, s = divmod(k, per_day)
    start = 7 * 60 + 15 * s
    end = start + 15
    return day, f"{start // 60:02d}:{start % 60:02d}", f"{end // 60:02d}:{end % 60:02d}"
