"""Dashboards, warnings, anomalies."""

from django.apps import AppConfig


class PengawasanConfig(AppConfig):
    name = "kinerja.pengawasan"
    label = "pengawasan"
    verbose_name = "Pengawasan"

    def ready(self) -> None:
        from kinerja.pengawasan import tasks, wiring  # noqa: F401  (audit, navigation, panels, periodic jobs)
