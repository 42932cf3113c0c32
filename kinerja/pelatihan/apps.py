"""Socialisation, training, adoption."""

from django.apps import AppConfig


class PelatihanConfig(AppConfig):
    name = "kinerja.pelatihan"
    label = "pelatihan"
    verbose_name = "Adopsi & Pelatihan"

    def ready(self) -> None:
        from kinerja.pelatihan import wiring  # noqa: F401  (audit registration, navigation, panels, profile slot)
