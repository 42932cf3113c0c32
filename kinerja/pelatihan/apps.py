"""Socialisation, training, adoption."""

from django.apps import AppConfig


class PelatihanConfig(AppConfig):
    name = "kinerja.pelatihan"
    label = "pelatihan"
    verbose_name = "Adopsi & Pelatihan"
