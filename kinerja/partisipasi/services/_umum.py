"""Helpers shared by the partisipasi services: the submission context, text checks, codes, the policy."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field

from django.utils import timezone

from kinerja.core.exceptions import ApplicationError
from kinerja.partisipasi import perlindungan
from kinerja.partisipasi.models import KebijakanPartisipasi, SumberKiriman

MSG_PERIKSA = "Periksa kembali isian Anda."
MSG_MARKUP = ("Teks tidak boleh berisi kode HTML atau skrip (misalnya <script>). Hapus bagian itu, lalu kirim "
              "lagi.")
MSG_TERLALU_PANJANG = "Teks terlalu panjang (maksimal {n} karakter)."
MSG_WAJIB = "Wajib diisi."

# An HTML tag or an inline script handler: "<script", "</a", "<img …", "javascript:", "onerror=".
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>?|javascript\s*:|\bon[a-z]+\s*=", re.IGNORECASE)
_KODE_HURUF = "23456789abcdefghjkmnpqrstuvwxyz"
_TIKET_HURUF = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass
class KonteksKirim:
    """Who (as hashes) sent a public submission, how, and their human proof."""

    ip_hash: str = ""
    perangkat_hash: str = ""
    sumber: str = SumberKiriman.WEB
    bukti: perlindungan.BuktiManusia | None = None
    dikirim_pada: dt.datetime = field(default_factory=timezone.now)


def konteks_dari_request(request, *, sumber: str = SumberKiriman.WEB, data=None,
                         lingkup: str = "kirim") -> KonteksKirim:
    """Apply the rate limits (429 when exceeded) and collect the context of a public submission."""
    perlindungan.batasi(request, lingkup)
    bukti = perlindungan.BuktiManusia.dari_data(data if data is not None else request.POST)
    return KonteksKirim(ip_hash=perlindungan.ip_hash(request), perangkat_hash=perlindungan.perangkat_hash(request),
                        sumber=sumber, bukti=bukti)


def teks(value, *, field_name: str, maks: int, wajib: bool = False, errors: dict) -> str:
    """Clean one text field; errors go into `errors[field_name]`."""
    value = (value or "").strip()
    if wajib and not value:
        errors.setdefault(field_name, []).append(MSG_WAJIB)
    elif len(value) > maks:
        errors.setdefault(field_name, []).append(MSG_TERLALU_PANJANG.format(n=maks))
    elif _MARKUP.search(value):
        errors.setdefault(field_name, []).append(MSG_MARKUP)
    return value


def raise_if(errors: dict, message: str = MSG_PERIKSA) -> None:
    if errors:
        first = next(iter(errors.values()))[0]
        raise ApplicationError(first if len(errors) == 1 else message, detail=errors)


def kode_acak(n: int = 6) -> str:
    return "".join(secrets.choice(_KODE_HURUF) for _ in range(n))


def tiket_baru() -> str:
    raw = "".join(secrets.choice(_TIKET_HURUF) for _ in range(8))
    return f"ADU-{raw[:4]}-{raw[4:]}"


def normalisasi_tiket(value: str) -> str:
    raw = re.sub(r"[^A-Z0-9]", "", (value or "").upper())
    if raw.startswith("ADU"):
        raw = raw[3:]
    return f"ADU-{raw[:4]}-{raw[4:8]}" if len(raw) == 8 else ""


def kebijakan(instansi_id: int) -> KebijakanPartisipasi:
    """The instansi's policy (defaults when it has not saved one)."""
    obj = KebijakanPartisipasi.objects.filter(instansi_id=instansi_id).first()
    return obj or KebijakanPartisipasi(instansi_id=instansi_id)


def int_or_none(value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"-?\d{1,6}", text):
        raise ValueError
    return int(text)
