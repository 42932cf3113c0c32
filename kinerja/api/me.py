"""GET /api/v1/me: who am I, my roles, my position and my atasan."""

from ninja import Router, Schema

from kinerja.core.apikit import ERRORS
from kinerja.core.roles import roles_of
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.api import AtasanOut, PegawaiOut
from kinerja.organisasi.selectors import pejabat_penilai

router = Router(tags=["auth"])


class MeOut(Schema):
    id: int
    username: str
    nama_lengkap: str
    instansi_id: int | None
    peran: list[str]
    pegawai: PegawaiOut | None = None
    atasan: AtasanOut | None = None


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request):
    """Akun yang sedang masuk, perannya, dan data kepegawaiannya."""
    user = request.user
    scope = scope_for(user)
    atasan = pejabat_penilai(scope.pegawai)[0] if scope.pegawai else None
    return {
        "id": user.pk,
        "username": user.username,
        "nama_lengkap": user.get_full_name(),
        "instansi_id": user.instansi_id,
        "peran": sorted(roles_of(user)),
        "pegawai": scope.pegawai,
        "atasan": atasan,
    }
