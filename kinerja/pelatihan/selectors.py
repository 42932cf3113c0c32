"""Reads of pelatihan, scoped to what the actor may see (see access.py). Objects outside the scope raise NotFound.

For other apps (Pengawasan):
- `pelatihan_untuk_fokus(instansi_id=…, kode=…, pegawai=None)`: upcoming published sessions that address a
  BerAKHLAK value or a part of the performance cycle (`rules.FOKUS_CHOICES`), optionally only those a pegawai
  may join;
- `unit_tertinggal(instansi_id=…, minggu=None)`: the latest week's lagging OPD and units with their reasons;
- `riwayat_pengembangan_pegawai(pegawai)`: a pegawai's development history (unscoped, for jobs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from kinerja.core.exceptions import MSG_FORBIDDEN, MSG_NOT_FOUND, Forbidden, NotFound
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.organisasi.selectors import pegawai_get
from kinerja.pelatihan import rules, sumber
from kinerja.pelatihan.access import (
    MSG_METRIK,
    baca_semua,
    boleh_lihat_metrik,
    is_penyelenggara,
    lihat_agregat,
    opd_dipimpin,
    scope,
)
from kinerja.pelatihan.models import (
    MateriSesi,
    MetrikAdopsi,
    PartisipasiSurvei,
    PesertaSesi,
    PutaranSurvei,
    ResponsSurvei,
    RiwayatPengembangan,
    SesiPelatihan,
    StatusSesi,
    TindakLanjutSurvei,
    TingkatMetrik,
)
from kinerja.pelatihan.sasaran import menyasar

# --- sessions -----------------------------------------------------------------------------------------------------


def sesi_list(*, actor, waktu: str = "", q: str = "") -> QuerySet[SesiPelatihan]:
    """Sessions the actor may see: all of the instansi (drafts too) for admin BKPSDM and Inspektorat; published
    ones for pimpinan daerah; otherwise published sessions the actor takes part in, may register for, or where
    someone in their scope takes part."""
    sc = scope(actor)
    qs = SesiPelatihan.objects.filter(instansi_id=sc.instansi_id).select_related("program")
    if not baca_semua(actor):
        qs = qs.exclude(status=StatusSesi.DRAF)
        if not lihat_agregat(actor):
            mine = Q(peserta__pegawai_id=sc.pegawai_id) if sc.pegawai_id else Q(pk__in=[])
            terbuka = Q(pendaftaran_terbuka=True, status=StatusSesi.TERBIT, selesai__gt=timezone.now())
            if sc.pegawai is not None:
                path = sc.pegawai.unit_kerja.path if sc.pegawai.unit_kerja_id else "-"
                unit_paths = [path[:i] for i in range(9, len(path) + 1, 9)]
                terbuka &= Q(sasaran__unit__path__in=unit_paths) | Q(sasaran__peran__in=list(actor_roles(actor)))
            else:
                terbuka = Q(pk__in=[])
            tim = Q(pk__in=PesertaSesi.objects.filter(sc.pegawai_q("pegawai__")).values("sesi_id"))
            qs = qs.filter(mine | terbuka | tim).distinct()
    now = timezone.now()
    if waktu == "akan":
        qs = qs.filter(selesai__gt=now).order_by("mulai", "pk")
    elif waktu == "lalu":
        qs = qs.filter(selesai__lte=now).order_by("-mulai", "-pk")
    else:
        qs = qs.order_by("-mulai", "-pk")
    if q:
        qs = qs.filter(Q(judul__icontains=q.strip()) | Q(tempat__icontains=q.strip()))
    return qs.annotate(jumlah_peserta=Count("peserta", distinct=True),
                       jumlah_hadir=Count("peserta", filter=Q(peserta__hadir_pada__isnull=False), distinct=True))


def actor_roles(actor) -> frozenset[str]:
    from kinerja.core.roles import roles_of

    return roles_of(actor)


def sesi_get(*, actor, sesi_id: int) -> SesiPelatihan:
    sesi = (SesiPelatihan.objects.select_related("program", "penyelenggara", "instansi")
            .prefetch_related("sasaran__unit__opd", "fokus", "materi").filter(pk=sesi_id).first())
    if sesi is None or sesi.instansi_id != actor.instansi_id:
        raise NotFound(MSG_NOT_FOUND)
    if baca_semua(actor):
        return sesi
    if sesi.status == StatusSesi.DRAF:
        raise NotFound(MSG_NOT_FOUND)
    if lihat_agregat(actor):
        return sesi
    sc = scope(actor)
    if sc.pegawai_id and sesi.peserta.filter(pegawai_id=sc.pegawai_id).exists():
        return sesi
    if sc.pegawai is not None and sesi.pendaftaran_terbuka and sesi.status == StatusSesi.TERBIT \
            and menyasar(sesi, sc.pegawai):
        return sesi
    if sesi.peserta.filter(sc.pegawai_q("pegawai__")).exists():
        return sesi
    raise NotFound(MSG_NOT_FOUND)


def sesi_untuk_presensi(*, actor, sesi_id: int) -> SesiPelatihan:
    """The session a scanned QR (or a typed code) points at: any published or cancelled session of the actor's
    instansi — the QR hangs at the venue, so its title is no secret; the check-in service decides who may attend."""
    sesi = (SesiPelatihan.objects.filter(pk=sesi_id, instansi_id=actor.instansi_id).exclude(status=StatusSesi.DRAF)
            .select_related("instansi").first())
    if sesi is None:
        raise NotFound(MSG_NOT_FOUND)
    return sesi


def peserta_list(*, actor, sesi: SesiPelatihan) -> QuerySet[PesertaSesi]:
    """Participants of a session the actor may see: all for admin and Inspektorat, those in scope otherwise,
    none for pimpinan daerah (aggregates only)."""
    qs = sesi.peserta.select_related("pegawai__jabatan", "pegawai__unit_kerja", "opd").order_by("pegawai__nama", "pk")
    if baca_semua(actor):
        return qs
    if lihat_agregat(actor) and not scope(actor).pegawai:
        return qs.none()
    return qs.filter(scope(actor).pegawai_q("pegawai__"))


def peserta_saya(*, actor, sesi: SesiPelatihan) -> PesertaSesi | None:
    sc = scope(actor)
    if not sc.pegawai_id:
        return None
    return (PesertaSesi.objects.filter(sesi=sesi, pegawai_id=sc.pegawai_id)
            .select_related("sesi", "umpan_balik").first())


def peserta_get(*, actor, peserta_id: int) -> PesertaSesi:
    peserta = (PesertaSesi.objects.select_related("sesi__instansi", "pegawai__jabatan", "pegawai__unit_kerja")
               .filter(pk=peserta_id).first())
    if peserta is None or peserta.instansi_id != actor.instansi_id:
        raise NotFound(MSG_NOT_FOUND)
    sc = scope(actor)
    if baca_semua(actor) or peserta.pegawai_id == sc.pegawai_id or sc.covers(peserta.pegawai):
        return peserta
    raise NotFound(MSG_NOT_FOUND)


def ringkasan_sesi(sesi: SesiPelatihan) -> dict:
    """Counts, quiz and feedback averages of one session (3 queries)."""
    agg = sesi.peserta.aggregate(
        peserta=Count("pk"), hadir=Count("pk", filter=Q(hadir_pada__isnull=False)),
        kuis=Count("pk", filter=Q(percobaan_kuis__gt=0)), lulus=Count("pk", filter=Q(lulus_kuis=True)),
        sertifikat=Count("pk", filter=Q(sertifikat_kode__isnull=False)))
    ub = sesi.peserta.filter(umpan_balik__isnull=False).aggregate(
        n=Count("pk"), materi=Avg("umpan_balik__nilai_materi"), narasumber=Avg("umpan_balik__nilai_narasumber"),
        manfaat=Avg("umpan_balik__nilai_manfaat"))
    saran = list(sesi.peserta.exclude(umpan_balik__saran="").filter(umpan_balik__isnull=False)
                 .values_list("umpan_balik__saran", flat=True)[:20])
    return {**agg, "umpan_balik": ub, "saran": saran,
            "persen_hadir": rules.persen(agg["hadir"], agg["peserta"])}


def materi_get(*, actor, materi_id: int) -> MateriSesi:
    materi = MateriSesi.objects.select_related("sesi").filter(pk=materi_id).first()
    if materi is None:
        raise NotFound(MSG_NOT_FOUND)
    sesi_get(actor=actor, sesi_id=materi.sesi_id)
    return materi


def undangan_saya(*, actor) -> dict[str, list[PesertaSesi]]:
    """The actor's sessions: upcoming (incl. running) and past, each with the participant row."""
    sc = scope(actor)
    if not sc.pegawai_id:
        return {"akan": [], "lalu": []}
    now = timezone.now()
    qs = (PesertaSesi.objects.filter(pegawai_id=sc.pegawai_id).exclude(sesi__status=StatusSesi.DRAF)
          .select_related("sesi").order_by("sesi__mulai"))
    rows = list(qs)
    return {"akan": [p for p in rows if p.sesi.selesai > now and p.sesi.status == StatusSesi.TERBIT],
            "lalu": sorted([p for p in rows if p.sesi.selesai <= now or p.sesi.status != StatusSesi.TERBIT],
                           key=lambda p: p.sesi.mulai, reverse=True)}


def sertifikat_verifikasi(kode: str) -> PesertaSesi | None:
    """Public check of a certificate code (no sign-in): the participant row or None."""
    kode = (kode or "").strip().upper()
    if not kode or len(kode) > 20:
        return None
    return (PesertaSesi.objects.select_related("sesi__instansi", "pegawai").filter(sertifikat_kode=kode).first())


# --- for Pengawasan and the suggestions ---------------------------------------------------------------------------


def pelatihan_untuk_fokus(*, instansi_id: int, kode: str, pegawai: Pegawai | None = None,
                          sejak: dt.datetime | None = None) -> QuerySet[SesiPelatihan]:
    """Published sessions that have not ended and address `kode` (a BerAKHLAK value such as "kolaboratif", or a
    part of the cycle such as "laporan_harian"); with `pegawai`, only those they are invited to or may join."""
    if kode not in rules.FOKUS_KODE:
        return SesiPelatihan.objects.none()
    qs = (SesiPelatihan.objects.filter(instansi_id=instansi_id, status=StatusSesi.TERBIT, fokus__kode=kode,
                                       selesai__gt=sejak or timezone.now())
          .order_by("mulai", "pk").distinct())
    if pegawai is None:
        return qs
    ids = [s.pk for s in qs.prefetch_related("sasaran__unit")
           if s.peserta.filter(pegawai=pegawai).exists() or (s.pendaftaran_terbuka and menyasar(s, pegawai))]
    return qs.filter(pk__in=ids)


def unit_tertinggal(*, instansi_id: int, minggu: dt.date | None = None) -> QuerySet[MetrikAdopsi]:
    """Lagging OPD and units of the latest computed week (or of `minggu`), with `alasan` codes
    (`rules.ALASAN_LABEL`). Pengawasan reads these for its warnings."""
    if minggu is None:
        minggu = (MetrikAdopsi.objects.filter(instansi_id=instansi_id).order_by("-minggu")
                  .values_list("minggu", flat=True).first())
        if minggu is None:
            return MetrikAdopsi.objects.none()
    return (MetrikAdopsi.objects.filter(instansi_id=instansi_id, minggu=rules.awal_minggu(minggu), tertinggal=True)
            .exclude(tingkat=TingkatMetrik.INSTANSI).order_by("tingkat", "nama"))


def riwayat_pengembangan_pegawai(pegawai: Pegawai) -> QuerySet[RiwayatPengembangan]:
    return RiwayatPengembangan.objects.filter(pegawai=pegawai).order_by("-tanggal_selesai", "-pk")


# Other apps (Pengawasan) add their own signals without pelatihan importing them:
# register_sumber_saran(fn) with fn(pegawai) -> list[(fokus kode, alasan in Indonesian)].
SumberSaran = Callable[[Pegawai], list[tuple[str, str]]]
_sumber_saran: list[SumberSaran] = []


def register_sumber_saran(fn: SumberSaran) -> None:
    if fn not in _sumber_saran:
        _sumber_saran.append(fn)


@dataclass
class Kebutuhan:
    kode: str
    alasan: list[str] = field(default_factory=list)
    sesi: list[SesiPelatihan] = field(default_factory=list)

    @property
    def label(self) -> str:
        return rules.FOKUS_LABEL.get(self.kode, self.kode)


def kebutuhan_pelatihan(pegawai: Pegawai, *, today: dt.date | None = None) -> list[Kebutuhan]:
    """Training needs of one pegawai from simple signals, each with matching upcoming sessions:
    no approved SKP after the period's deadline; their unit flagged as lagging (latest week); no training in the
    last 12 months; plus whatever registered sources (Pengawasan's strengths and weaknesses) add."""
    today = today or timezone.localdate()
    needs: dict[str, Kebutuhan] = {}

    def add(kode: str, alasan: str) -> None:
        needs.setdefault(kode, Kebutuhan(kode=kode)).alasan.append(alasan)

    periode = sumber.periode_berjalan(pegawai.instansi_id, today)
    if periode is not None and periode.batas_skp <= today \
            and not sumber.punya_skp_disetujui(pegawai.pk, pegawai.instansi_id, today):
        add("skp", f"SKP Anda untuk {periode.nama} belum disetujui.")
    if pegawai.unit_kerja_id:
        metrik = (MetrikAdopsi.objects.filter(instansi_id=pegawai.instansi_id, tingkat=TingkatMetrik.UNIT,
                                              unit_id=pegawai.unit_kerja_id).order_by("-minggu").first())
        if metrik is not None and metrik.tertinggal:
            for a in metrik.alasan:
                if a in rules.FOKUS_UNTUK_ALASAN and a != "terlatih":
                    label = rules.ALASAN_LABEL[a]
                    add(rules.FOKUS_UNTUK_ALASAN[a], f"Unit Anda ditandai: {label[0].lower()}{label[1:]}.")
    sejak = today - dt.timedelta(days=rules.JENDELA_PELATIHAN_HARI)
    pernah = (PesertaSesi.objects.filter(pegawai=pegawai, hadir_pada__date__gt=sejak).exists()
              or RiwayatPengembangan.objects.filter(pegawai=pegawai, tanggal_selesai__gt=sejak).exists())
    if not pernah:
        add("literasi_digital", "Anda belum mengikuti pelatihan dalam 12 bulan terakhir.")
    for fn in _sumber_saran:
        for kode, alasan in fn(pegawai) or []:
            if kode in rules.FOKUS_KODE:
                add(kode, alasan)
    for kebutuhan in needs.values():
        kebutuhan.sesi = list(pelatihan_untuk_fokus(instansi_id=pegawai.instansi_id, kode=kebutuhan.kode,
                                                    pegawai=pegawai)[:3])
    return list(needs.values())


# --- development history --------------------------------------------------------------------------------------------


@dataclass
class RingkasanRiwayat:
    items: list[RiwayatPengembangan]
    jp_tahun_ini: int
    target_jp: int = rules.TARGET_JP_TAHUNAN

    @property
    def persen_jp(self) -> int:
        return rules.persen_jp(self.jp_tahun_ini, self.target_jp)


def riwayat_pengembangan(*, actor, pegawai_id: int | None = None, today: dt.date | None = None) -> RingkasanRiwayat:
    """A pegawai's development history with this year's JP: the actor's own, or someone in their scope."""
    today = today or timezone.localdate()
    sc = scope(actor)
    if pegawai_id is None:
        if sc.pegawai is None:
            raise Forbidden("Akun ini tidak terhubung dengan data pegawai.")
        pegawai = sc.pegawai
    else:
        pegawai = pegawai_get(actor=actor, pegawai_id=pegawai_id)
    items = list(RiwayatPengembangan.objects.filter(pegawai=pegawai).select_related("sesi")
                 .order_by("-tanggal_selesai", "-pk"))
    jp = sum(i.jam_pelajaran for i in items if i.tanggal_selesai.year == today.year)
    return RingkasanRiwayat(items=items, jp_tahun_ini=jp)


# --- adoption metrics ---------------------------------------------------------------------------------------------


def minggu_tersedia(*, actor, batas: int = 12) -> list[dt.date]:
    if not boleh_lihat_metrik(actor):
        raise Forbidden(MSG_METRIK)
    return list(MetrikAdopsi.objects.filter(instansi_id=actor.instansi_id, tingkat=TingkatMetrik.INSTANSI)
                .order_by("-minggu").values_list("minggu", flat=True)[:batas])


def metrik_opd(*, actor, minggu: dt.date) -> QuerySet[MetrikAdopsi]:
    """One row per OPD for the week: every OPD for admin, Inspektorat and pimpinan daerah; the led OPD for a
    pimpinan OPD. Forbidden for others."""
    if not boleh_lihat_metrik(actor):
        raise Forbidden(MSG_METRIK)
    qs = MetrikAdopsi.objects.filter(instansi_id=actor.instansi_id, minggu=minggu, tingkat=TingkatMetrik.OPD)
    if not lihat_agregat(actor):
        qs = qs.filter(opd_id__in=opd_dipimpin(actor))
    return qs.order_by("-tertinggal", "nama")


def metrik_instansi(*, actor, minggu: dt.date) -> MetrikAdopsi | None:
    if not lihat_agregat(actor):
        return None
    return MetrikAdopsi.objects.filter(instansi_id=actor.instansi_id, minggu=minggu,
                                       tingkat=TingkatMetrik.INSTANSI).first()


def metrik_unit(*, actor, opd_id: int, minggu: dt.date) -> tuple[MetrikAdopsi, list[MetrikAdopsi]]:
    """The OPD row and its units' rows for the week (NotFound outside what the actor may see)."""
    if not boleh_lihat_metrik(actor):
        raise Forbidden(MSG_METRIK)
    if not lihat_agregat(actor) and opd_id not in opd_dipimpin(actor):
        raise NotFound(MSG_NOT_FOUND)
    base = MetrikAdopsi.objects.filter(instansi_id=actor.instansi_id, minggu=minggu, opd_id=opd_id)
    opd = base.filter(tingkat=TingkatMetrik.OPD).first()
    if opd is None:
        raise NotFound(MSG_NOT_FOUND)
    units = list(base.filter(tingkat=TingkatMetrik.UNIT).order_by("-tertinggal", "nama"))
    return opd, units


def metrik_tren(*, actor, opd_id: int | None = None, batas: int = 8) -> list[MetrikAdopsi]:
    """The last `batas` weeks of the instansi (or of one OPD the actor may see), oldest first."""
    if not boleh_lihat_metrik(actor):
        raise Forbidden(MSG_METRIK)
    qs = MetrikAdopsi.objects.filter(instansi_id=actor.instansi_id)
    if opd_id is None:
        if not lihat_agregat(actor):
            raise Forbidden(MSG_FORBIDDEN)
        qs = qs.filter(tingkat=TingkatMetrik.INSTANSI)
    else:
        if not lihat_agregat(actor) and opd_id not in opd_dipimpin(actor):
            raise NotFound(MSG_NOT_FOUND)
        qs = qs.filter(tingkat=TingkatMetrik.OPD, opd_id=opd_id)
    return list(reversed(list(qs.order_by("-minggu")[:batas])))


def tertinggal_list(*, actor, minggu: dt.date) -> list[MetrikAdopsi]:
    """Lagging OPD and units the actor may see, for targeted socialisation."""
    if not boleh_lihat_metrik(actor):
        raise Forbidden(MSG_METRIK)
    qs = unit_tertinggal(instansi_id=actor.instansi_id, minggu=minggu)
    if not lihat_agregat(actor):
        qs = qs.filter(opd_id__in=opd_dipimpin(actor))
    return list(qs)


def kebutuhan_per_fokus(tertinggal: list[MetrikAdopsi]) -> list[dict]:
    """For planning: how many lagging units (and their pegawai) need each fokus, from `tertinggal_list` rows."""
    rows: dict[str, dict] = {}
    for m in tertinggal:
        if m.tingkat != TingkatMetrik.UNIT:
            continue
        for a in m.alasan:
            kode = rules.FOKUS_UNTUK_ALASAN.get(a)
            if kode:
                r = rows.setdefault(kode, {"kode": kode, "label": rules.FOKUS_LABEL[kode], "unit": 0, "pegawai": 0})
                r["unit"] += 1
                r["pegawai"] += m.jumlah_pegawai
    return sorted(rows.values(), key=lambda r: -r["pegawai"])


# --- pulse survey -------------------------------------------------------------------------------------------------


def putaran_aktif(instansi_id: int, today: dt.date | None = None) -> PutaranSurvei | None:
    today = today or timezone.localdate()
    return (PutaranSurvei.objects.filter(instansi_id=instansi_id, mulai__lte=today, selesai__gte=today)
            .order_by("-mulai").first())


def putaran_list(*, actor) -> QuerySet[PutaranSurvei]:
    return PutaranSurvei.objects.filter(instansi_id=actor.instansi_id).order_by("-mulai")


def putaran_get(*, actor, putaran_id: int) -> PutaranSurvei:
    putaran = putaran_list(actor=actor).filter(pk=putaran_id).first()
    if putaran is None:
        raise NotFound(MSG_NOT_FOUND)
    return putaran


def sudah_mengisi(*, actor, putaran: PutaranSurvei) -> bool:
    return PartisipasiSurvei.objects.filter(putaran=putaran, user=actor).exists()


@dataclass
class HasilSurvei:
    putaran: PutaranSurvei
    total: rules.RingkasanSurvei
    per_opd: list[tuple[UnitKerja | None, rules.RingkasanSurvei]]
    tersembunyi: int  # OPD left out because they have fewer answers than the minimum
    komentar: list[str]


def hasil_survei(*, actor, putaran: PutaranSurvei) -> HasilSurvei:
    """Results of a round: the instansi total for every account; per OPD for admin, Inspektorat and pimpinan
    daerah (every OPD) and pimpinan OPD (their own); each group only from the round's minimum count. Comments
    (without OPD) for admin and Inspektorat, only when the round as a whole reaches the minimum."""
    if putaran.instansi_id != actor.instansi_id:
        raise NotFound(MSG_NOT_FOUND)
    rows = list(ResponsSurvei.objects.filter(putaran=putaran).values_list("opd_id", "kegunaan", "keadilan",
                                                                          "kemudahan"))
    total = rules.ringkas_survei([r[1:] for r in rows], putaran.min_tampil)
    by_opd: dict[int | None, list] = {}
    for opd_id, *vals in rows:
        by_opd.setdefault(opd_id, []).append(vals)
    visible_opd = {k for k in by_opd if k is not None} if lihat_agregat(actor) else opd_dipimpin(actor)
    names = UnitKerja.objects.in_bulk(list(visible_opd))
    per_opd, hidden = [], 0
    for opd_id in sorted(visible_opd, key=lambda k: names[k].nama if k in names else ""):
        ringkas = rules.ringkas_survei(by_opd.get(opd_id, []), putaran.min_tampil)
        if ringkas.tampil:
            per_opd.append((names.get(opd_id), ringkas))
        else:
            hidden += 1
    komentar: list[str] = []
    if baca_semua(actor) and total.tampil:
        komentar = list(ResponsSurvei.objects.filter(putaran=putaran).exclude(komentar="")
                        .order_by("komentar").values_list("komentar", flat=True)[:200])
    return HasilSurvei(putaran=putaran, total=total, per_opd=per_opd, tersembunyi=hidden, komentar=komentar)


def tindak_lanjut_list(*, actor) -> QuerySet[TindakLanjutSurvei]:
    """"Anda berkata, kami lakukan": published items for everyone signed in; drafts too for admin."""
    qs = TindakLanjutSurvei.objects.filter(instansi_id=actor.instansi_id).select_related("putaran")
    if not is_penyelenggara(actor):
        qs = qs.filter(terbit=True)
    return qs.order_by("-tanggal", "-pk")


def tindak_lanjut_get(*, actor, item_id: int) -> TindakLanjutSurvei:
    item = tindak_lanjut_list(actor=actor).filter(pk=item_id).first()
    if item is None:
        raise NotFound(MSG_NOT_FOUND)
    return item


def partisipasi_survei(*, actor, putaran: PutaranSurvei) -> dict:
    """How many answered a round (counts only), for the admin's round list."""
    return {"jumlah": ResponsSurvei.objects.filter(putaran=putaran).count()}

