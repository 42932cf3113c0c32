"""Evaluation, predikat, dialogues."""

from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    name = "kinerja.penilaian"
    label = "penilaian"
    verbose_name = "Penilaian Kinerja"

    def ready(self) -> None:
        from kinerja.penilaian import wiring  # noqa: F401  (audit registration, navigation, panels, slots)
