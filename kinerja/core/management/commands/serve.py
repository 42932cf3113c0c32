"""`kinerja serve`: the web server (gunicorn, sync workers) and the huey worker together, stopped together."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Jalankan server web (gunicorn) dan pekerja latar (huey) bersama-sama."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "3")))

    def handle(self, *args, port, host, workers, **options):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings")}
        web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"{host}:{port}",
             "--workers", str(workers), "--worker-class", "sync", "--timeout", "60", "--graceful-timeout", "10",
             "--max-requests", "2000", "--max-requests-jitter", "200", "--access-logfile", "-"],
            env=env,
        )
        worker = subprocess.Popen([sys.executable, "-m", "kinerja", "run_huey", "--quiet"], env=env)
        children = [web, worker]
        self.stdout.write(self.style.SUCCESS(f"Kinerja berjalan di http://{host}:{port}/  (Ctrl+C untuk berhenti)"))

        def stop(*_):
            for child in children:
                if child.poll() is None:
                    child.terminate()
            deadline = time.time() + 15
            for child in children:
                try:
                    child.wait(timeout=max(0.1, deadline - time.time()))
                except subprocess.TimeoutExpired:
                    child.kill()
            sys.exit(0)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            for child in children:
                if child.poll() is not None:
                    self.stderr.write(f"Proses {child.args[2]} berhenti (kode {child.returncode}); menghentikan semua.")
                    stop()
            time.sleep(1)
