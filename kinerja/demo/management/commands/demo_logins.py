import json

from django.conf import settings
from django.core.management.base import BaseCommand

from kinerja.demo.seeding import ROLE_LABELS, demo_logins


class Command(BaseCommand):
    help = "Cetak satu akun demo per peran."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="keluaran JSON {peran: nama pengguna}")

    def handle(self, *args, as_json: bool = False, **options):
        logins = demo_logins()
        if as_json:
            self.stdout.write(json.dumps(logins, indent=2))
            return
        if not logins:
            self.stdout.write("Belum ada akun demo. Jalankan: kinerja seed_demo")
            return
        self.stdout.write(f"Akun demo (kata sandi: {settings.DEMO_PASSWORD}):")
        for role, username in logins.items():
            self.stdout.write(f"  {ROLE_LABELS.get(role, role):60} {username}")
