"""Core: tenancy, accounts, permissions, audit, errors, notifications."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kinerja.core"
    label = "core"
    verbose_name = "Inti"

    def ready(self) -> None:
        from kinerja.core import wiring  # noqa: F401  (audit registration, navigation, permissions)
