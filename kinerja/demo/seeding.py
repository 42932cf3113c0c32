"""Seed the demo regency: organisasi first, then each later app's `demo.seed(ctx)` in dependency order."""

from __future__ import annotations

import datetime as dt
import importlib
import random
import time
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kinerja.core.models import Instansi
from kinerja.demo.models import AkunDemo
from kinerja.organisasi.demo import DemoContext, hash_password

# Apps in the order their demo data depends on each other.
APPS = ["organisasi", "perencanaan", "laporan", "partisipasi", "penilaian", "pelatihan", "pengawasan"]

ROLE_LABELS = {
    "pegawai": "Pegawai (perawat di UPT Puskesmas Sukamaju)",
    "atasan": "Atasan / pejabat penilai (Kepala UPT Puskesmas Sukamaju)",
    "pimpinan_opd": "Pimpinan OPD (Kepala Dinas Kesehatan)",
    "admin_bkpsdm": "Admin BKPSDM",
    "inspektorat": "Inspektorat (auditor)",
    "pimpinan_daerah": "Pimpinan daerah (Bupati)",
}


def database_is_empty() -> bool:
    return not Instansi.objects.exists()


def seed_demo(*, n_pegawai: int, seed: int, today: dt.date | None = None,
              log: Callable[[str], None] = print) -> DemoContext:
    ctx = DemoContext(seed=seed, n_pegawai=n_pegawai, today=today or timezone.localdate(),
                      rng=random.Random(seed), password_hash=hash_password(settings.DEMO_PASSWORD))
    with transaction.atomic():
        for app in APPS:
            try:
                module = importlib.import_module(f"kinerja.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"kinerja.{app}.demo":
                    raise
                continue
            started = time.perf_counter()
            ctx.rng = random.Random(f"{seed}:{app}")  # each app's data stays stable when another app changes
            module.seed(ctx)
            log(f"  {app}: {time.perf_counter() - started:.1f} s")
        AkunDemo.objects.all().delete()
        AkunDemo.objects.bulk_create([AkunDemo(peran=role, user=user, keterangan=ROLE_LABELS.get(role, ""))
                                      for role, user in ctx.accounts.items()])
    return ctx


def demo_logins() -> dict[str, str]:
    return {a.peran: a.user.username for a in AkunDemo.objects.select_related("user")}
