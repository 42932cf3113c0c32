"""Performance dialogues (dialog kinerja): scheduling 1:1 or team meetings (recurring if wanted), attendance,
notes on capaian and kendala, action items tracked to completion, and reminders."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import MSG_NOT_FOUND, Forbidden, InvalidState, NotFound
from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.core.services import notifikasi_create
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, StatusPegawai
from kinerja.penilaian import selectors as sel
from kinerja.penilaian.models import DialogKinerja, JenisDialog, PesertaDialog, StatusDialog, TindakLanjut
from kinerja.penilaian.services._base import fail

MSG_PERIKSA = "Periksa kembali isian dialog kinerja."
PENGULANGAN = {"tidak": None, "mingguan": 7, "dua_mingguan": 14, "bulanan": "bulan"}
MSG_BUKAN_ATASAN = "Dialog kinerja dijadwalkan oleh atasan dengan bawahannya."
MSG_PESERTA_BAWAHAN = "Peserta harus bawahan Anda (langsung atau tidak langsung)."
MSG_PESERTA_1 = "Dialog empat mata (1:1) harus dengan tepat satu pegawai."
MSG_PESERTA_TIM = "Dialog tim perlu paling sedikit dua peserta."
MSG_MULAI_LAMPAU = "Waktu mulai tidak boleh di masa lalu."
MSG_JUDUL = "Judul wajib diisi."
MSG_ULANG = "Jumlah pertemuan berulang 2–12."
MSG_PENYELENGGARA = "Hanya penyelenggara dialog yang dapat melakukan ini."
MSG_DIBATALKAN = "Dialog ini sudah dibatalkan."
MSG_PEMILIK = "Penanggung jawab harus peserta atau penyelenggara dialog."
MSG_BATAS = "Batas waktu tidak boleh sebelum tanggal dialog."
MSG_URAIAN = "Uraian tindak lanjut wajib diisi."
MSG_SELESAI_OLEH = "Hanya penanggung jawab atau penyelenggara yang dapat menandai tindak lanjut selesai."


def _add_month(d: dt.datetime, n: int) -> dt.datetime:
    month = d.month - 1 + n
    year = d.year + month // 12
    month = month % 12 + 1
    import calendar

    day = min(d.day, calendar.monthrange(year, month)[1])
    return d.replace(year=year, month=month, day=day)


def _occurrences(mulai: dt.datetime, pengulangan: str, jumlah: int) -> list[dt.datetime]:
    step = PENGULANGAN[pengulangan]
    if step is None:
        return [mulai]
    if step == "bulan":
        return [_add_month(mulai, i) for i in range(jumlah)]
    return [mulai + dt.timedelta(days=step * i) for i in range(jumlah)]


@transaction.atomic
def dialog_jadwalkan(*, actor, jenis: str, judul: str, mulai: dt.datetime, peserta_ids: list[int],
                     durasi_menit: int = 30, tempat: str = "", pengulangan: str = "tidak", jumlah_ulangan: int = 1,
                     agenda: list[str] | None = None, now: dt.datetime | None = None) -> list[DialogKinerja]:
    """Schedule a dialogue (and its repetitions). Participants must be the organiser's subordinates."""
    scope = scope_for(actor)
    me = scope.pegawai
    if me is None or not has_role(actor, Peran.ATASAN):
        raise Forbidden(MSG_BUKAN_ATASAN)
    errors: dict[str, list[str]] = {}
    judul = (judul or "").strip()
    if not judul:
        errors["judul"] = [MSG_JUDUL]
    ids = []
    for i in peserta_ids or []:
        try:
            ids.append(int(i))
        except (TypeError, ValueError):
            errors["peserta"] = [MSG_PESERTA_BAWAHAN]
    ids = list(dict.fromkeys(ids))
    people = list(Pegawai.objects.filter(pk__in=ids, instansi_id=scope.instansi_id, status=StatusPegawai.AKTIF)
                  .select_related("jabatan", "user"))
    if len(people) != len(ids) or any(not scope.is_superior_of(p) for p in people):
        errors["peserta"] = [MSG_PESERTA_BAWAHAN]
    if jenis == JenisDialog.INDIVIDU and len(ids) != 1:
        errors.setdefault("peserta", []).append(MSG_PESERTA_1)
    elif jenis == JenisDialog.TIM and len(ids) < 2:
        errors.setdefault("peserta", []).append(MSG_PESERTA_TIM)
    elif jenis not in JenisDialog.values:
        errors["jenis"] = ["Pilih jenis dialog: empat mata atau tim."]
    now = now or timezone.now()
    if mulai is None or mulai < now - dt.timedelta(minutes=5):
        errors["mulai"] = [MSG_MULAI_LAMPAU]
    if pengulangan not in PENGULANGAN:
        errors["pengulangan"] = ["Pilihan pengulangan tidak dikenal."]
    elif pengulangan != "tidak" and not 2 <= int(jumlah_ulangan or 0) <= 12:
        errors["jumlah_ulangan"] = [MSG_ULANG]
    if not 5 <= int(durasi_menit or 0) <= 480:
        errors["durasi_menit"] = ["Durasi 5–480 menit."]
    if errors:
        fail(MSG_PERIKSA, errors)
    seri = uuid.uuid4() if pengulangan != "tidak" else None
    agenda_items = [a.strip()[:300] for a in (agenda or []) if a and a.strip()][:20]
    out = []
    with audit_actor(actor):
        for when in _occurrences(mulai, pengulangan, int(jumlah_ulangan or 1) if seri else 1):
            d = DialogKinerja.objects.create(instansi_id=scope.instansi_id, penyelenggara=me, jenis=jenis,
                                             judul=judul[:200], mulai=when, durasi_menit=int(durasi_menit),
                                             tempat=(tempat or "").strip()[:200], seri=seri,
                                             agenda=[{"jenis": "tambahan", "teks": a} for a in agenda_items])
            for p in people:
                PesertaDialog.objects.create(instansi_id=scope.instansi_id, dialog=d, pegawai=p)
            out.append(d)
    first = out[0]
    for p in people:
        if p.user_id:
            notifikasi_create(user=p.user, judul=f"Dialog kinerja: {first.judul}",
                              pesan=f"{timezone.localtime(first.mulai):%d-%m-%Y %H:%M} bersama {me.nama_lengkap}"
                                    + (f" ({len(out)} pertemuan berulang)" if len(out) > 1 else "") + ".",
                              url=reverse("penilaian:dialog_detail", args=[first.pk]), jenis="dialog")
    return out


def _require_penyelenggara(actor, dialog: DialogKinerja) -> None:
    sel.dialog_get(actor=actor, dialog_id=dialog.pk)
    if scope_for(actor).pegawai_id != dialog.penyelenggara_id:
        raise Forbidden(MSG_PENYELENGGARA)


@transaction.atomic
def dialog_catat(*, actor, dialog: DialogKinerja, hadir_ids: list[int], catatan_capaian: str = "",
                 catatan_kendala: str = "", selesai: bool = False) -> DialogKinerja:
    """Record attendance and notes. Marking it done stores the agenda proposed from the data at that moment."""
    dialog = DialogKinerja.objects.select_for_update().get(pk=dialog.pk)
    _require_penyelenggara(actor, dialog)
    if dialog.status == StatusDialog.DIBATALKAN:
        raise InvalidState(MSG_DIBATALKAN)
    hadir = set()
    for i in hadir_ids or []:
        try:
            hadir.add(int(i))
        except (TypeError, ValueError):
            continue
    peserta = list(dialog.peserta.select_related("pegawai"))
    if hadir - {p.pegawai_id for p in peserta}:
        fail(MSG_PERIKSA, {"hadir": ["Yang dicentang hadir harus peserta dialog ini."]})
    with audit_actor(actor):
        for p in peserta:
            value = p.pegawai_id in hadir
            if p.hadir is not value:
                p.hadir = value
                p.save(update_fields=["hadir", "updated_at"])
        dialog.catatan_capaian = (catatan_capaian or "").strip()[:8000]
        dialog.catatan_kendala = (catatan_kendala or "").strip()[:8000]
        if selesai and dialog.status == StatusDialog.DIJADWALKAN:
            usulan = sel.agenda_usulan(penyelenggara=dialog.penyelenggara, peserta=[p.pegawai for p in peserta],
                                       on=timezone.localtime(dialog.mulai).date(), dialog=dialog)
            tambahan = [a for a in dialog.agenda if a.get("jenis") == "tambahan"]
            dialog.agenda = [{"jenis": a.jenis, "teks": a.teks} for a in usulan] + tambahan
            dialog.status = StatusDialog.SELESAI
        dialog.save()
    return dialog


@transaction.atomic
def dialog_batalkan(*, actor, dialog: DialogKinerja) -> DialogKinerja:
    dialog = DialogKinerja.objects.select_for_update().get(pk=dialog.pk)
    _require_penyelenggara(actor, dialog)
    if dialog.status != StatusDialog.DIJADWALKAN:
        raise InvalidState("Hanya dialog yang masih dijadwalkan yang dapat dibatalkan.")
    with audit_actor(actor):
        dialog.status = StatusDialog.DIBATALKAN
        dialog.save(update_fields=["status", "updated_at"])
    return dialog


@transaction.atomic
def tindak_lanjut_tambah(*, actor, dialog: DialogKinerja, uraian: str, pemilik_id: int, batas_waktu: dt.date
                         ) -> TindakLanjut:
    _require_penyelenggara(actor, dialog)
    if dialog.status == StatusDialog.DIBATALKAN:
        raise InvalidState(MSG_DIBATALKAN)
    errors: dict[str, list[str]] = {}
    uraian = (uraian or "").strip()
    if not uraian:
        errors["uraian"] = [MSG_URAIAN]
    allowed = set(dialog.peserta.values_list("pegawai_id", flat=True)) | {dialog.penyelenggara_id}
    try:
        pemilik_id = int(pemilik_id)
    except (TypeError, ValueError):
        pemilik_id = -1
    if pemilik_id not in allowed:
        errors["pemilik"] = [MSG_PEMILIK]
    if batas_waktu is None or batas_waktu < timezone.localtime(dialog.mulai).date():
        errors["batas_waktu"] = [MSG_BATAS]
    if errors:
        fail(MSG_PERIKSA, errors)
    with audit_actor(actor):
        item = TindakLanjut.objects.create(instansi_id=dialog.instansi_id, dialog=dialog, uraian=uraian[:300],
                                           pemilik_id=pemilik_id, batas_waktu=batas_waktu)
    owner = Pegawai.objects.select_related("user").get(pk=pemilik_id)
    if owner.user_id and owner.pk != dialog.penyelenggara_id:
        notifikasi_create(user=owner.user, judul="Tindak lanjut dialog kinerja",
                          pesan=f"{item.uraian} — batas {item.batas_waktu:%d-%m-%Y}.",
                          url=reverse("penilaian:dialog_detail", args=[dialog.pk]), jenis="dialog")
    return item


@transaction.atomic
def tindak_lanjut_selesai(*, actor, item: TindakLanjut, catatan: str = "", selesai: bool = True) -> TindakLanjut:
    item = TindakLanjut.objects.select_for_update().select_related("dialog").get(pk=item.pk)
    try:
        sel.dialog_get(actor=actor, dialog_id=item.dialog_id)
    except NotFound:
        if scope_for(actor).pegawai_id != item.pemilik_id:
            raise
    me = scope_for(actor).pegawai_id
    if me not in (item.pemilik_id, item.dialog.penyelenggara_id):
        raise Forbidden(MSG_SELESAI_OLEH)
    with audit_actor(actor):
        item.selesai_pada = timezone.now() if selesai else None
        item.catatan_selesai = (catatan or "").strip()[:300]
        item.save(update_fields=["selesai_pada", "catatan_selesai", "updated_at"])
    return item


def pengingat_dialog(*, now: dt.datetime | None = None) -> int:
    """Remind organiser and participants of dialogues starting within 24 hours (once), and owners of action items
    due tomorrow or overdue (once). Returns the number of notifications sent."""
    now = now or timezone.now()
    n = 0
    soon = (DialogKinerja.objects.filter(status=StatusDialog.DIJADWALKAN, mulai__gte=now,
                                         mulai__lte=now + dt.timedelta(hours=24), pengingat_dikirim_pada__isnull=True)
            .select_related("penyelenggara__user").prefetch_related("peserta__pegawai__user"))
    for d in soon[:2000]:
        people = [d.penyelenggara] + [p.pegawai for p in d.peserta.all()]
        for p in people:
            if p.user_id:
                notifikasi_create(user=p.user, judul=f"Pengingat dialog kinerja: {d.judul}",
                                  pesan=f"Mulai {timezone.localtime(d.mulai):%d-%m-%Y %H:%M}"
                                        + (f" di {d.tempat}" if d.tempat else "") + ".",
                                  url=reverse("penilaian:dialog_detail", args=[d.pk]), jenis="dialog")
                n += 1
        DialogKinerja.objects.filter(pk=d.pk).update(pengingat_dikirim_pada=now)
    besok = timezone.localdate(now) + dt.timedelta(days=1)
    due = TindakLanjut.objects.filter(selesai_pada__isnull=True, pengingat_dikirim=False, batas_waktu__lte=besok
                                      ).select_related("pemilik__user", "dialog")
    for t in due[:5000]:
        if t.pemilik.user_id:
            notifikasi_create(user=t.pemilik.user, judul="Pengingat tindak lanjut dialog kinerja",
                              pesan=f"{t.uraian} — batas {t.batas_waktu:%d-%m-%Y}.",
                              url=reverse("penilaian:dialog_detail", args=[t.dialog_id]), jenis="dialog")
            n += 1
        TindakLanjut.objects.filter(pk=t.pk).update(pengingat_dikirim=True)
    return n


def dialog_get_for_write(*, actor, dialog_id: int) -> DialogKinerja:
    obj = DialogKinerja.objects.filter(pk=dialog_id).first()
    if obj is None:
        raise NotFound(MSG_NOT_FOUND)
    return obj
