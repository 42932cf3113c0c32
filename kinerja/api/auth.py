"""Token authentication for apps: obtain, inspect and revoke bearer tokens."""

from datetime import datetime

from ninja import Router, Schema, Status
from pydantic import Field

from kinerja.core.apikit import ERRORS, ErrorOut
from kinerja.core.models import ApiToken
from kinerja.core.services import api_token_login, api_token_revoke

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str = Field(..., max_length=40, description="NIP (atau nama pengguna untuk akun non-ASN)")
    password: str = Field(..., max_length=200)
    device: str = Field("", max_length=100, description="Nama perangkat, mis. 'Ponsel Android'")


class TokenOut(Schema):
    token: str
    expires_at: datetime


@router.post("/token", auth=None, response={200: TokenOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut,
                                            429: ErrorOut})
def token_obtain(request, payload: TokenIn):
    """Tukar NIP + kata sandi dengan token. Percobaan gagal berulang mengunci akun sementara."""
    token, key = api_token_login(request=request, username=payload.username, password=payload.password,
                                 nama=payload.device)
    return {"token": key, "expires_at": token.expires_at}


@router.post("/token/revoke", response={204: None, **ERRORS})
def token_revoke(request):
    """Cabut token yang sedang dipakai (keluar dari aplikasi)."""
    token: ApiToken | None = getattr(request.user, "_api_token", None)
    if token is not None:
        api_token_revoke(actor=request.user, token=token)
    return Status(204, None)
