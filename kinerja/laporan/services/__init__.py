"""Every write to daily reports: atomic, permission-checked, validated, audited.

Split by subdomain (ARCHITECTURE-GUIDE §8.12): the report itself, its review, its evidence, the instansi policy and
unlocks, and the reminders. Import from here: `from kinerja.laporan import services`.
"""

from kinerja.laporan.services.bukti import bukti_dukung_add, bukti_dukung_delete
from kinerja.laporan.services.kebijakan import buka_kunci_create, kebijakan_laporan_update
from kinerja.laporan.services.laporan import (
    laporan_harian_create,
    laporan_harian_delete,
    laporan_harian_submit,
    laporan_harian_update,
    parse_idempotency_key,
)
from kinerja.laporan.services.pengingat import pengingat_laporan_kirim, pengingat_tinjauan_kirim
from kinerja.laporan.services.tinjauan import (
    HasilSetujuiMassal,
    laporan_harian_approve,
    laporan_harian_approve_many,
    laporan_harian_mark_opened,
    laporan_harian_request_revision,
    laporan_komentar_create,
)

__all__ = [
    "HasilSetujuiMassal",
    "buka_kunci_create",
    "bukti_dukung_add",
    "bukti_dukung_delete",
    "kebijakan_laporan_update",
    "laporan_harian_approve",
    "laporan_harian_approve_many",
    "laporan_harian_create",
    "laporan_harian_delete",
    "laporan_harian_mark_opened",
    "laporan_harian_request_revision",
    "laporan_harian_submit",
    "laporan_harian_update",
    "laporan_komentar_create",
    "parse_idempotency_key",
    "pengingat_laporan_kirim",
    "pengingat_tinjauan_kirim",
]
