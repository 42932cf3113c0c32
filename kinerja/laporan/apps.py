"""Daily performance reports."""

from django.apps import AppConfig


class LaporanConfig(AppConfig):
    name = "kinerja.laporan"
    label = "laporan"
    verbose_name = "Laporan Harian"

    def ready(self) -> None:
        from kinerja.laporan import wiring  # noqa: F401  (audit registration, navigation, panels, SKP slot)
