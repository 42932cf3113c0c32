"""Objections (keberatan): the pegawai objects to a finalised evaluation within the instansi's window; the
atasan pejabat penilai decides — upholding the predikat or changing it — with written reasons. All audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import InvalidState
from kinerja.penilaian import access, rules
from kinerja.penilaian.models import Evaluasi, Keberatan, StatusKeberatan
from kinerja.penilaian.services._base import MSG_PERIKSA, fail, lock, notify, require_transisi

MSG_ALASAN_KEBERATAN = "Tulis alasan keberatan Anda (paling sedikit 20 karakter)."
MSG_BATAS_LEWAT = "Batas pengajuan keberatan sudah lewat ({tanggal})."
MSG_KEPUTUSAN_WAJIB = "Tulis pertimbangan keputusan."
MSG_PREDIKAT_BARU = "Bila keberatan dikabulkan, beri rating baru (evaluasi periodik) atau predikat baru (tahunan)."
MSG_KEPUTUSAN_SKALA = "Pilih keputusan: dikabulkan atau ditolak."


@transaction.atomic
def keberatan_ajukan(*, actor, evaluasi: Evaluasi, alasan: str) -> Keberatan:
    evaluasi = lock(evaluasi)
    access.require_pegawai(actor, evaluasi)
    baru = require_transisi(evaluasi, "keberatan")
    alasan = (alasan or "").strip()
    if len(alasan) < 20:
        fail(MSG_PERIKSA, {"alasan": [MSG_ALASAN_KEBERATAN]})
    today = timezone.localdate()
    if evaluasi.batas_keberatan is not None and today > evaluasi.batas_keberatan:
        raise InvalidState(MSG_BATAS_LEWAT.format(tanggal=f"{evaluasi.batas_keberatan:%d-%m-%Y}"))
    with audit_actor(actor):
        obj = Keberatan.objects.create(instansi_id=evaluasi.instansi_id, evaluasi=evaluasi, alasan=alasan[:4000],
                                       predikat_semula=evaluasi.predikat, pemutus=evaluasi.atasan_pejabat_penilai)
        evaluasi.status = baru
        evaluasi.save(update_fields=["status", "updated_at"])
    notify(evaluasi.atasan_pejabat_penilai, f"Keberatan dari {evaluasi.pegawai.nama_lengkap}",
           f"{evaluasi.jadwal.nama}: atas predikat {evaluasi.predikat_label}. Mohon diputuskan.", evaluasi)
    notify(evaluasi.pejabat_penilai, f"{evaluasi.pegawai.nama_lengkap} mengajukan keberatan",
           f"{evaluasi.jadwal.nama}: atasan Anda akan memutuskannya.", evaluasi)
    return obj


@transaction.atomic
def keberatan_putuskan(*, actor, evaluasi: Evaluasi, keputusan: str, pertimbangan: str,
                       rating_hasil_kerja=None, rating_perilaku_kerja=None, predikat=None) -> Keberatan:
    """The atasan pejabat penilai decides. Granted: new ratings (periodic; the predikat follows from the matrix)
    or a new predikat (annual). Refused: the predikat stays. Either way the evaluation is locked for good."""
    evaluasi = lock(evaluasi)
    access.require_atasan_penilai(actor, evaluasi)
    baru = require_transisi(evaluasi, "putuskan")
    obj = Keberatan.objects.select_for_update().get(evaluasi=evaluasi)
    errors: dict[str, list[str]] = {}
    if keputusan not in (StatusKeberatan.DIKABULKAN, StatusKeberatan.DITOLAK):
        errors["keputusan"] = [MSG_KEPUTUSAN_SKALA]
    pertimbangan = (pertimbangan or "").strip()
    if not pertimbangan:
        errors["pertimbangan"] = [MSG_KEPUTUSAN_WAJIB]
    new_predikat = None
    r_hk = r_pk = None
    if keputusan == StatusKeberatan.DIKABULKAN:
        if evaluasi.is_tahunan:
            try:
                new_predikat = rules.Predikat(str(predikat))
            except ValueError:
                errors["predikat"] = [MSG_PREDIKAT_BARU]
        else:
            r_hk, r_pk = rules.parse_rating(rating_hasil_kerja), rules.parse_rating(rating_perilaku_kerja)
            if r_hk is None:
                errors["rating_hasil_kerja"] = [rules.MSG_RATING_DI_LUAR_SKALA]
            if r_pk is None:
                errors["rating_perilaku_kerja"] = [rules.MSG_RATING_DI_LUAR_SKALA]
            if r_hk is not None and r_pk is not None:
                new_predikat = rules.predikat_kinerja(r_hk, r_pk)
    if errors:
        fail(MSG_PERIKSA, errors)
    with audit_actor(actor):
        obj.status = keputusan
        obj.keputusan = pertimbangan[:4000]
        obj.diputuskan_pada = timezone.now()
        obj.diputuskan_oleh = actor
        obj.pemutus = access.scope_for(actor).pegawai
        obj.predikat_baru = new_predikat.value if new_predikat else evaluasi.predikat
        obj.save()
        if new_predikat is not None:
            evaluasi.predikat = new_predikat.value
            if r_hk is not None:
                evaluasi.rating_hasil_kerja, evaluasi.rating_perilaku_kerja = r_hk.value, r_pk.value
        evaluasi.status = baru
        evaluasi.save()
    hasil = "dikabulkan" if keputusan == StatusKeberatan.DIKABULKAN else "ditolak"
    notify(evaluasi.pegawai, f"Keberatan Anda {hasil}",
           f"{evaluasi.jadwal.nama}: predikat akhir {evaluasi.predikat_label}.", evaluasi)
    notify(evaluasi.pejabat_penilai, f"Keberatan {evaluasi.pegawai.nama_lengkap} {hasil}",
           f"{evaluasi.jadwal.nama}: predikat akhir {evaluasi.predikat_label}.", evaluasi)
    return obj
