import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kinerja.demo.seeding import database_is_empty, demo_logins, seed_demo
from kinerja.organisasi.demo import MIN_PEGAWAI


class Command(BaseCommand):
    help = "Isi basis data dengan Kabupaten Bukitintan demo (deterministik untuk --seed yang sama)."

    def add_arguments(self, parser):
        parser.add_argument("--pegawai", type=int, default=2000, help="jumlah pegawai (bawaan 2000)")
        parser.add_argument("--seed", type=int, default=2026, help="benih acak (bawaan 2026)")
        parser.add_argument("--if-empty", action="store_true", help="hanya bila basis data masih kosong")

    def handle(self, *args, pegawai, seed, if_empty, **options):
        if not database_is_empty():
            if if_empty:
                self.stdout.write("Data sudah ada; pengisian demo dilewati.")
                return
            raise CommandError("Basis data sudah berisi data. Kosongkan dulu (mis. hapus var/kinerja.sqlite3).")
        if pegawai < MIN_PEGAWAI:
            raise CommandError(f"--pegawai minimal {MIN_PEGAWAI}.")
        started = time.perf_counter()
        self.stdout.write(f"Mengisi Kabupaten Bukitintan demo: {pegawai} pegawai, seed {seed} …")
        seed_demo(n_pegawai=pegawai, seed=seed, log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Selesai dalam {time.perf_counter() - started:.1f} s."))
        self.stdout.write(f"Kata sandi semua akun demo: {settings.DEMO_PASSWORD}")
        for role, username in demo_logins().items():
            self.stdout.write(f"  {role:16} {username}")
