"""Who does what on an evaluation. Built on organisasi's Scope (one query set per request):

- the pegawai evaluated ("pegawai"): sees it, writes the self-assessment, files a keberatan;
- the pejabat penilai ("penilai"): the appraiser on record, or the pegawai's atasan langsung today (e.g. a new
  Plt) — the only one who rates, picks peer raters and finalises;
- the atasan pejabat penilai ("atasan_penilai"): decides a keberatan;
- anyone whose scope covers the pegawai ("lihat": indirect superiors, pimpinan OPD, admin BKPSDM, Inspektorat)
  reads it. Everyone else gets 404.
"""

from __future__ import annotations

from kinerja.core.exceptions import MSG_NOT_FOUND, Forbidden, NotFound
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.selectors import atasan_langsung

MSG_BUKAN_PENILAI = ("Hanya pejabat penilai (atasan langsung) pegawai ini yang dapat menilai. Pegawai ini bukan "
                     "bawahan langsung Anda.")
MSG_BUKAN_ATASAN_PENILAI = "Hanya atasan pejabat penilai yang dapat memutuskan keberatan ini."
MSG_BUKAN_PEGAWAI = "Hanya pegawai yang dinilai yang dapat melakukan ini."


def peran_pada_evaluasi(actor, evaluasi) -> set[str]:
    cache = getattr(actor, "_penilaian_peran", None)
    if cache is None:
        cache = actor._penilaian_peran = {}
    key = (evaluasi.pk, evaluasi.pejabat_penilai_id, evaluasi.atasan_pejabat_penilai_id)
    if key in cache:
        return cache[key]
    scope = scope_for(actor)
    me = scope.pegawai
    out: set[str] = set()
    if me is not None and evaluasi.instansi_id == scope.instansi_id:
        if evaluasi.pegawai_id == me.pk:
            out.add("pegawai")
        else:
            if evaluasi.pejabat_penilai_id == me.pk:
                out.add("penilai")
            else:
                current = atasan_langsung(evaluasi.pegawai)
                if current is not None and current.pk == me.pk:
                    out.add("penilai")
            if evaluasi.atasan_pejabat_penilai_id == me.pk:
                out.add("atasan_penilai")
            elif evaluasi.pejabat_penilai_id and "penilai" not in out:
                penilai = evaluasi.pejabat_penilai
                above = atasan_langsung(penilai) if penilai is not None else None
                if above is not None and above.pk == me.pk:
                    out.add("atasan_penilai")
    if out or scope.covers(evaluasi.pegawai):
        out.add("lihat")
    cache[key] = out
    return out


def require_lihat(actor, evaluasi) -> set[str]:
    peran = peran_pada_evaluasi(actor, evaluasi)
    if "lihat" not in peran:
        raise NotFound(MSG_NOT_FOUND)
    return peran


def require_penilai(actor, evaluasi) -> None:
    peran = require_lihat(actor, evaluasi)
    if "penilai" not in peran:
        raise Forbidden(MSG_BUKAN_PENILAI)


def require_pegawai(actor, evaluasi) -> None:
    peran = require_lihat(actor, evaluasi)
    if "pegawai" not in peran:
        raise Forbidden(MSG_BUKAN_PEGAWAI)


def require_atasan_penilai(actor, evaluasi) -> None:
    peran = require_lihat(actor, evaluasi)
    if "atasan_penilai" not in peran:
        raise Forbidden(MSG_BUKAN_ATASAN_PENILAI)


def forget(actor) -> None:
    if hasattr(actor, "_penilaian_peran"):
        del actor._penilaian_peran
