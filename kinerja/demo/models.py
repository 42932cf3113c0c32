from django.conf import settings
from django.db import models


class AkunDemo(models.Model):
    """Which demo account stands for which role (printed by `kinerja demo_logins`)."""

    peran = models.CharField(max_length=30, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    keterangan = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "akun demo"
        verbose_name_plural = "akun demo"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.peran}: {self.user}"
