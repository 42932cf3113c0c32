"""ruff and import-linter run as part of the suite, so `make test` enforces the house rules."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_ruff_clean():
    result = subprocess.run([str(BIN / "ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_layers():
    result = subprocess.run([str(BIN / "lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_missing_migrations():
    result = subprocess.run([sys.executable, "-m", "kinerja", "makemigrations", "--check", "--dry-run"], cwd=ROOT,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "KINERJA_ENV": "test",
                                                                 "DJANGO_SETTINGS_MODULE": "config.settings_test"})
    assert result.returncode == 0, result.stdout + result.stderr
