"""gunicorn settings for production: `triage serve --production` runs gunicorn with this file.

Every value can be set from the environment; see docs/operations.md. Keep gunicorn on the loopback interface behind a
TLS-terminating reverse proxy (nginx, Apache, a load balancer) that sets X-Forwarded-For and X-Forwarded-Proto.
"""

import os

wsgi_app = "triage:create_app()"
bind = os.environ.get("TRIAGE_BIND", "127.0.0.1:8000")
# Rate limits and sign-in lockouts count per worker unless RATELIMIT_STORAGE_URI points at a shared store
# (redis://...), so keep the default small or configure one.
workers = int(os.environ.get("TRIAGE_WORKERS", "2"))
threads = int(os.environ.get("TRIAGE_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("TRIAGE_TIMEOUT", "60"))  # the longest request: PDF rendering of a large case
graceful_timeout = int(os.environ.get("TRIAGE_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
max_requests = int(os.environ.get("TRIAGE_MAX_REQUESTS", "1000"))  # recycle workers to bound memory growth
max_requests_jitter = 100
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
forwarded_allow_ips = os.environ.get("TRIAGE_FORWARDED_ALLOW_IPS", "127.0.0.1")
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Access log: one JSON object per request, the path *without its query string* (%(U)s, never %(r)s or %(q)s,
# which could carry tokens or search terms), no user agent or referrer.
accesslog = os.environ.get("TRIAGE_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("TRIAGE_LOG_LEVEL", "info")
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "request_id": "%({x-request-id}o)s"}'
)
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "triage.logging_config.PersonalDataFilter"}},
    "formatters": {
        "json": {"()": "triage.logging_config.JsonFormatter"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["personal_data"],
            "stream": "ext://sys.stderr",
        },
        "access": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stdout"},
    },
    "root": {"handlers": ["error"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": loglevel.upper(), "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}
