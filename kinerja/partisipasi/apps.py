"""Citizen feedback, IKM, complaints."""

from django.apps import AppConfig


class PartisipasiConfig(AppConfig):
    name = "kinerja.partisipasi"
    label = "partisipasi"
    verbose_name = "Partisipasi Masyarakat"
