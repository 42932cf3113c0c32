from django.conf import settings

from kinerja.core.models import Peran
from kinerja.core.navigation import nav_for
from kinerja.core.roles import primary_role, roles_of


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": [], "user_role_labels": [], "kinerja_env": settings.KINERJA_ENV}
    roles = roles_of(user)
    labels = [Peran(r).label for r in Peran.values if r in roles]
    return {
        "nav_items": nav_for(user),
        "user_roles": sorted(roles),
        "user_role_labels": labels,
        "primary_role": primary_role(user),
        "unread_notifications": user.notifikasi.filter(dibaca_pada__isnull=True).count(),
        "kinerja_env": settings.KINERJA_ENV,
    }
