"""SKP, RHK cascade, indicators."""

from django.apps import AppConfig


class PerencanaanConfig(AppConfig):
    name = "kinerja.perencanaan"
    label = "perencanaan"
    verbose_name = "Perencanaan Kinerja"

    def ready(self) -> None:
        from kinerja.perencanaan import wiring  # noqa: F401  (audit registration, navigation, home panels)
