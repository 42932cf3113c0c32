"""Two writes for the same pegawai at the same moment (PostgreSQL, where writers do not queue for the whole
database): a report being written holds the pegawai's lock, and a concurrent create or edit waits for it, then
sees that report and refuses the overlap. SQLite serialises every write transaction (IMMEDIATE), so the question
does not arise there."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from kinerja.core.exceptions import ApplicationError
from kinerja.laporan import rules, services
from kinerja.laporan.models import LaporanHarian
from kinerja.laporan.tests.factories import build_dunia, data_laporan
from kinerja.organisasi.tests.factories import fresh

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises all writers"),
]
T = dt.time


def _writer_holding_the_lock(dunia, dikunci: threading.Event, lepas: threading.Event, errors: list) -> None:
    """What a concurrent submission does inside its transaction: the pegawai's lock, then its insert; it commits
    only when told to."""
    try:
        with transaction.atomic():
            with connection.cursor() as c:
                c.execute("SELECT id FROM organisasi_pegawai WHERE id = %s FOR NO KEY UPDATE", [dunia.staff_1.pk])
            base = LaporanHarian.objects.filter(pegawai=dunia.staff_1).first()
            LaporanHarian.objects.create(
                instansi=base.instansi, pegawai=base.pegawai, skp=base.skp, rhk=base.rhk, indikator=base.indikator,
                tanggal=base.tanggal, jam_mulai=T(13), jam_selesai=T(14), durasi_menit=60, uraian="Dari ponsel",
                output_jumlah=1, output_satuan="dokumen", zona_waktu=base.zona_waktu)
            dikunci.set()
            lepas.wait(10)
    except Exception as exc:  # pragma: no cover - reported by the test
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.mark.parametrize("kind", ["create", "update"])
def test_a_concurrent_write_waits_for_the_pegawai_lock_and_sees_the_other_report(kind):
    dunia = build_dunia()
    actor = fresh(dunia.staff_1.user)
    first, _ = services.laporan_harian_create(actor=actor, data=data_laporan(dunia, jam_mulai=T(8),
                                                                            jam_selesai=T(9)))
    dikunci, lepas, errors = threading.Event(), threading.Event(), []
    other = threading.Thread(target=_writer_holding_the_lock, args=(dunia, dikunci, lepas, errors))
    other.start()
    try:
        assert dikunci.wait(10)
        threading.Timer(0.5, lepas.set).start()  # the other writer commits while this one waits for the lock
        with pytest.raises(ApplicationError) as exc:
            if kind == "create":
                services.laporan_harian_create(actor=actor, data=data_laporan(dunia, jam_mulai=T(13, 30),
                                                                              jam_selesai=T(14, 30)))
            else:
                services.laporan_harian_update(actor=actor, laporan=first,
                                               data={"jam_mulai": T(13, 30), "jam_selesai": T(14, 30)})
        assert exc.value.message == rules.MSG_TUMPANG_TINDIH.format(mulai="13.00", selesai="14.00")
    finally:
        lepas.set()
        other.join(10)
    assert not errors
    first.refresh_from_db()
    assert (first.jam_mulai, LaporanHarian.objects.filter(pegawai=dunia.staff_1).count()) == (T(8), 2)
