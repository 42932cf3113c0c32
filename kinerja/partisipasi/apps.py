"""Citizen feedback, IKM, complaints."""

from django.apps import AppConfig


class PartisipasiConfig(AppConfig):
    name = "kinerja.partisipasi"
    label = "partisipasi"
    verbose_name = "Partisipasi Masyarakat"

    def ready(self) -> None:
        from kinerja.partisipasi import tasks, wiring  # noqa: F401  (audit, navigation, panels, periodic jobs)
