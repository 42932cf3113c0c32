"""Dashboards, warnings, anomalies."""

from django.apps import AppConfig


class PengawasanConfig(AppConfig):
    name = "kinerja.pengawasan"
    label = "pengawasan"
    verbose_name = "Pengawasan"
