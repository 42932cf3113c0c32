"""Writes owned by core: API tokens, role grants, notifications, Inspektorat notes."""

from __future__ import annotations

import functools
import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone

from kinerja.core import cepat, tunda
from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import ApplicationError, ErrorCode, Forbidden
from kinerja.core.models import ApiToken, CatatanAudit, Notifikasi, Peran, PeranPengguna, User
from kinerja.core.roles import forget_roles, has_role

MSG_LOGIN_FAILED = "NIP atau kata sandi salah, atau akun terkunci sementara."
MSG_TOKEN_INVALID = "Token tidak valid, kedaluwarsa atau sudah dicabut. Silakan masuk lagi."  # noqa: S105


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, nama: str = "", ttl_hours: int | None = None) -> tuple[ApiToken, str]:
    """Issue a token for `user`. Returns the row and the plain key (shown once, never stored)."""
    key = secrets.token_urlsafe(32)
    ttl = ttl_hours if ttl_hours is not None else settings.API_TOKEN_TTL_HOURS
    with audit_actor(user):
        token = ApiToken.objects.create(
            user=user,
            key_hash=_hash(key),
            prefix=key[:8],
            nama=nama[:100],
            expires_at=timezone.now() + timedelta(hours=ttl),
        )
    return token, key


def api_token_login(*, request, username: str, password: str, nama: str = "") -> tuple[ApiToken, str]:
    """Check the password (through django-axes, so lockout applies) and issue a token."""
    user = authenticate(request, username=(username or "").strip(), password=password or "")
    if user is None or not user.is_active:
        raise ApplicationError(MSG_LOGIN_FAILED, code=ErrorCode.UNAUTHORIZED)
    return api_token_create(user=user, nama=nama)


def _token_dipakai(items: dict[int, datetime]) -> None:
    """Write API tokens' last use (a batch from core/tunda.py)."""
    ApiToken.objects.bulk_update([ApiToken(pk=pk, last_used_at=when) for pk, when in items.items()],
                                 ["last_used_at"], batch_size=500)


tunda.register("token", _token_dipakai)


@functools.cache
def _sql_token() -> str:
    t, u = cepat.kolom(ApiToken, "t"), cepat.kolom(User, "u")
    q = connection.ops.quote_name
    return (f"SELECT {t.sql}, {u.sql} FROM {q(ApiToken._meta.db_table)} t "  # noqa: S608 - identifiers from metadata
            f"JOIN {q(User._meta.db_table)} u ON u.id = t.user_id WHERE t.key_hash = %s")


def _token_dengan_user(key_hash: str) -> ApiToken | None:
    """The token and its account in one fixed query (core/cepat.py): read on every API call."""
    rows = cepat.baris(_sql_token(), [key_hash])
    if not rows:
        return None
    t, u = cepat.kolom(ApiToken, "t"), cepat.kolom(User, "u")
    token = t.buat(rows[0][:len(t)])
    token.user = u.buat(rows[0][len(t):])
    return token


def api_token_resolve(key: str) -> User | None:
    """The user behind a bearer key, or None. Touches `last_used_at` at most once a minute."""
    if not key:
        return None
    token = _token_dengan_user(_hash(key))
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        tunda.tandai("token", token.pk, now)  # written behind, with other usage marks (core/tunda.py)
    token.user._api_token = token
    return token.user


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk and not has_role(actor, Peran.ADMIN_BKPSDM):
        raise Forbidden("Anda hanya dapat mencabut token milik sendiri.")
    if token.revoked_at is None:
        with audit_actor(actor):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


@transaction.atomic
def peran_pengguna_grant(*, actor: User, user: User, peran: str, keterangan: str = "") -> PeranPengguna:
    if not (actor.is_superuser or has_role(actor, Peran.ADMIN_BKPSDM)):
        raise Forbidden("Hanya admin BKPSDM yang dapat memberikan peran.")
    if peran not in {Peran.ADMIN_BKPSDM, Peran.INSPEKTORAT, Peran.PIMPINAN_DAERAH}:
        raise ApplicationError("Peran ini tidak diberikan manual; ia mengikuti struktur organisasi.")
    if not actor.is_superuser and user.instansi_id != actor.instansi_id:
        raise Forbidden("Akun ini bukan dari instansi Anda.")
    with audit_actor(actor):
        obj, _ = PeranPengguna.objects.get_or_create(
            user=user, peran=peran, defaults={"instansi_id": user.instansi_id, "keterangan": keterangan}
        )
    forget_roles(user)
    return obj


def notifikasi_create(*, user: User, judul: str, pesan: str = "", url: str = "", jenis: str = "umum",
                      email: bool = False) -> Notifikasi:
    """Notify one account in-app; also by email when `email` is asked and the account has an address."""
    notif = Notifikasi.objects.create(user=user, judul=judul[:200], pesan=pesan, url=url[:300], jenis=jenis)
    if email and user.email:
        transaction.on_commit(
            lambda: send_mail(judul, f"{pesan}\n\n{url}".strip(), None, [user.email], fail_silently=True)
        )
    return notif


def notifikasi_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    qs = Notifikasi.objects.filter(user=user, dibaca_pada__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(dibaca_pada=timezone.now())


@transaction.atomic
def catatan_audit_create(*, actor: User, judul: str, isi: str, objek: str = "") -> CatatanAudit:
    if not has_role(actor, Peran.INSPEKTORAT):
        raise Forbidden("Hanya Inspektorat yang dapat menulis catatan audit.")
    judul, isi = (judul or "").strip(), (isi or "").strip()
    errors = {}
    if not judul:
        errors["judul"] = ["Judul wajib diisi."]
    if not isi:
        errors["isi"] = ["Isi catatan wajib diisi."]
    if errors:
        raise ApplicationError("Periksa kembali isian catatan.", detail=errors)
    with audit_actor(actor):
        return CatatanAudit.objects.create(
            instansi_id=actor.instansi_id, penulis=actor, judul=judul[:200], isi=isi, objek=objek[:200]
        )
