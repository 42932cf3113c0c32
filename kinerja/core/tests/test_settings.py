"""Production settings refuse to start without what production needs; `check --deploy` is clean."""

import os
import subprocess
import sys

import pytest


def _run(env_extra: dict, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env_extra})
    return subprocess.run([sys.executable, "-m", "kinerja", *args], env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing, tmp_path):
    env = {"KINERJA_ENV": "production", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "kinerja.bukitintan.go.id",
           "KINERJA_VAR_DIR": str(tmp_path)}
    env.pop(missing)
    result = _run(env, "check")
    assert result.returncode != 0
    assert missing in result.stderr


def test_check_deploy_is_clean_in_production(tmp_path):
    env = {"KINERJA_ENV": "production", "SECRET_KEY": "k" * 20 + "Z9!q" * 15,
           "ALLOWED_HOSTS": "kinerja.bukitintan.go.id",
           "KINERJA_VAR_DIR": str(tmp_path)}
    result = _run(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
