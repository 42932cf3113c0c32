"""Django settings for Kinerja, driven by environment variables (see docs/settings.md).

`KINERJA_ENV` selects the profile: `development` (default, what `make run` uses), `test` or `production`.
Production refuses to start without SECRET_KEY and ALLOWED_HOSTS; nothing exists only in production,
differences are switched by variables.
"""

import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import APPS_DIR, BASE_DIR, env

KINERJA_ENV = env.str("KINERJA_ENV", default="development")
if KINERJA_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("KINERJA_ENV must be development, test or production")
PRODUCTION = KINERJA_ENV == "production"

VAR_DIR = Path(env.str("KINERJA_VAR_DIR", default=str(BASE_DIR / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DJANGO_DEBUG", default=False)


def _development_secret_key() -> str:
    """A random key kept under var/ so sessions survive restarts of `make run`."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


if PRODUCTION:
    # No defaults: production must say what it is.
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must not be empty in production")
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG must be off in production")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="") or _development_secret_key()
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "axes",
    "rules",
    "auditlog",
    "django_htmx",
    "huey.contrib.djhuey",
    "ninja",
    # Kinerja, in dependency order (docs/ARCHITECTURE.md)
    "kinerja.core",
    "kinerja.organisasi",
    "kinerja.perencanaan",
    "kinerja.pelatihan",
    "kinerja.laporan",
    "kinerja.partisipasi",
    "kinerja.penilaian",
    "kinerja.pengawasan",
    "kinerja.api",
    "kinerja.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kinerja.core.middleware.AuditActorMiddleware",
    "kinerja.core.middleware.TundaMiddleware",  # writes usage marks behind, in batches (core/tunda.py)
    "kinerja.pelatihan.middleware.AktivitasMiddleware",  # weekly active pegawai (adoption metrics)
    "kinerja.core.middleware.SecurityHeadersMiddleware",
    "kinerja.core.middleware.ApplicationErrorMiddleware",
    # axes last: it reads the result of authentication
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [APPS_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kinerja.core.context_processors.navigation",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# SQLite in WAL mode under var/ is the embedded default; DATABASE_URL selects PostgreSQL.
SQLITE_PATH = VAR_DIR / "kinerja.sqlite3"
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}")}
_db = DATABASES["default"]
_db["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
_db["CONN_HEALTH_CHECKS"] = True
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db.setdefault("OPTIONS", {}).update(
        {
            # STACK-NOTES §5: WAL + IMMEDIATE + busy_timeout survives concurrent writers.
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=10000;PRAGMA cache_size=-20000",
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# django-axes: lock a username+IP after repeated failures, without telling whether the NIP exists.
# Usage marks (API token last use, active days) are written behind in batches at most this often (core/tunda.py).
KINERJA_TUNDA_DETIK = env.float("KINERJA_TUNDA_DETIK", default=2.0)
# PostgreSQL: the fixed statements of the hottest paths are prepared once per connection (core/cepat.py). Turn off
# behind a pooler in transaction mode that does not keep prepared statements (PgBouncer before 1.21).
KINERJA_PG_PREPARE = env.bool("KINERJA_PG_PREPARE", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "kinerja.core.views.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# --- Sessions, CSRF, security headers --------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 10)
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env.bool("HTTPS", default=PRODUCTION)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = env.str(
    "CONTENT_SECURITY_POLICY",
    default="default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
)

# --- Internationalisation: Bahasa Indonesia by default, English available ----------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [APPS_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [APPS_DIR / "static"]
_node_assets = BASE_DIR / "node_modules"
if _node_assets.exists():
    STATICFILES_DIRS.append(("vendor", _node_assets))
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # files go through permission-checked views only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=20 * 1024 * 1024)

# --- Email: console by default ----------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kinerja Bukitintan <noreply@bukitintan.go.id>")

# --- Background jobs: huey (SQLite storage by default, Redis when HUEY_REDIS_URL is set) -------
HUEY_REDIS_URL = env.str("HUEY_REDIS_URL", default="")
HUEY_IMMEDIATE = env.bool("HUEY_IMMEDIATE", default=False)
if HUEY_REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "kinerja",
        "url": HUEY_REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": env.int("HUEY_WORKERS", default=2), "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "kinerja",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": env.int("HUEY_WORKERS", default=2), "worker_type": "thread"},
    }

# --- Kinerja --------------------------------------------------------------------------------
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="bukitintan")
API_TOKEN_TTL_HOURS = env.int("API_TOKEN_TTL_HOURS", default=24 * 30)
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {"axes": {"level": "WARNING"}},
}
