"""Daily performance reports."""

from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "kinerja.laporan"
    label = "laporan"
    verbose_name = "Laporan Harian"
