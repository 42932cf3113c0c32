"""The pegawai's self-assessment (penilaian diri): reflections per RHK and overall, obstacles, and the evidence
they pick from their approved reports — before the pejabat penilai rates."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import InvalidState
from kinerja.penilaian import access
from kinerja.penilaian import selectors as sel
from kinerja.penilaian.models import Evaluasi, PenilaianDiri, PenilaianDiriRhk, StatusEvaluasi
from kinerja.penilaian.services._base import MSG_PERIKSA, fail, lock, notify, require_periode
from kinerja.perencanaan.models import RencanaHasilKerja

MSG_DIRI_TERTUTUP = ("Penilaian diri tidak dapat diubah lagi karena pejabat penilai sudah memberi rating atau "
                     "evaluasi sudah terkunci.")
MSG_REFLEKSI_WAJIB = "Tulis refleksi umum Anda atas periode ini."
MSG_BUKTI_BUKAN = "Bukti dukung yang dipilih harus berasal dari laporan harian Anda yang disetujui untuk RHK ini."
MAKS_TEKS = 4000


@transaction.atomic
def penilaian_diri_simpan(*, actor, evaluasi: Evaluasi, refleksi: str, kendala: str = "", rhk: dict | None = None,
                          ajukan: bool = True) -> PenilaianDiri:
    """Save the self-assessment (and submit it unless `ajukan` is False). `rhk` maps RHK id →
    {"refleksi": str, "bukti": [BuktiDukung ids]}. Only while the evaluation is a draft."""
    evaluasi = lock(evaluasi)
    access.require_pegawai(actor, evaluasi)
    if evaluasi.status != StatusEvaluasi.DRAF:
        raise InvalidState(MSG_DIRI_TERTUTUP)
    require_periode(evaluasi)
    rhk = rhk or {}
    errors: dict[str, list[str]] = {}
    refleksi = (refleksi or "").strip()
    if ajukan and not refleksi:
        errors["refleksi"] = [MSG_REFLEKSI_WAJIB]
    own_rhk = {r.pk: r for r in RencanaHasilKerja.objects.filter(skp_id=evaluasi.skp_id)}
    pilihan = sel.bukti_pilihan(evaluasi)
    rows = []
    for key, data in rhk.items():
        try:
            rid = int(key)
        except (TypeError, ValueError):
            rid = -1
        if rid not in own_rhk:
            errors.setdefault("rhk", []).append("Ada RHK yang bukan milik SKP Anda.")
            continue
        allowed = {b.pk: b for b in pilihan.get(rid, [])}
        bukti_ids = []
        for b in (data or {}).get("bukti") or []:
            try:
                bukti_ids.append(int(b))
            except (TypeError, ValueError):
                bukti_ids.append(-1)
        if any(b not in allowed for b in bukti_ids):
            errors.setdefault(f"rhk_{rid}_bukti", []).append(MSG_BUKTI_BUKAN)
        rows.append((own_rhk[rid], ((data or {}).get("refleksi") or "").strip()[:MAKS_TEKS],
                     [allowed[b] for b in bukti_ids if b in allowed]))
    if errors:
        fail(MSG_PERIKSA, errors)
    with audit_actor(actor):
        obj, _ = PenilaianDiri.objects.update_or_create(
            evaluasi=evaluasi, defaults={"instansi_id": evaluasi.instansi_id, "refleksi": refleksi[:MAKS_TEKS],
                                         "kendala": (kendala or "").strip()[:MAKS_TEKS]})
        for r, text, bukti in rows:
            item, _ = PenilaianDiriRhk.objects.update_or_create(
                penilaian_diri=obj, rhk=r, defaults={"instansi_id": evaluasi.instansi_id, "refleksi": text})
            item.bukti.set(bukti)
        first_submit = ajukan and obj.diajukan_pada is None
        if ajukan:
            obj.diajukan_pada = obj.diajukan_pada or timezone.now()
            obj.save(update_fields=["diajukan_pada", "updated_at"])
    if first_submit:
        notify(evaluasi.pejabat_penilai, f"Penilaian diri {evaluasi.pegawai.nama_lengkap} sudah diajukan",
               f"{evaluasi.jadwal.nama}: silakan beri rating.", evaluasi)
    return obj
