"""Evaluation, predikat, dialogues."""

from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    name = "kinerja.penilaian"
    label = "penilaian"
    verbose_name = "Penilaian Kinerja"
