"""The single `env` object (django-environ) and the project's base paths.

Real environment variables win; a `.env` file at the repository root is read when present.
Every variable is listed in `.env.example` and documented in `docs/settings.md`.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
APPS_DIR = BASE_DIR / "kinerja"

env = environ.Env()
_dotenv = BASE_DIR / ".env"
if _dotenv.exists():  # pragma: no cover - depends on the developer's machine
    environ.Env.read_env(str(_dotenv), overwrite=False)
