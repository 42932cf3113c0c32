"""Units, positions, people and their postings."""

from django.apps import AppConfig


class OrganisasiConfig(AppConfig):
    name = "kinerja.organisasi"
    label = "organisasi"
    verbose_name = "Organisasi & Kepegawaian"

    def ready(self) -> None:
        from kinerja.organisasi import wiring  # noqa: F401  (audit registration, navigation, permissions)
