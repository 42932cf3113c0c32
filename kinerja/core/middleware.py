"""Request middleware: audit actor and security headers."""

from auditlog.context import set_actor
from django.conf import settings

from kinerja.core import tunda


class AuditActorMiddleware:
    """Attribute writes made during a request to the signed-in user and their address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            with set_actor(user, remote_addr=request.META.get("REMOTE_ADDR")):
                return self.get_response(request)
        return self.get_response(request)


class TundaMiddleware:
    """After the response, write the usage marks gathered in this process when they are due (core/tunda.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        tunda.flush_if_due()
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy (Django 5.2 has no CSP of its own)."""

    ADMIN_CSP = (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith("/admin/") or request.path.startswith("/api/v1/docs")
            response["Content-Security-Policy"] = self.ADMIN_CSP if admin else settings.CONTENT_SECURITY_POLICY
        response.setdefault("Permissions-Policy", "geolocation=(self), camera=(self), microphone=()")
        return response


class ApplicationErrorMiddleware:
    """HTML views: an `ApplicationError` that escapes a view becomes a friendly page with its 4xx status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render

        from kinerja.core.exceptions import ApplicationError

        if isinstance(exception, ApplicationError) and not request.path.startswith("/api/"):
            return render(request, "core/error.html", {"message": exception.message}, status=exception.status)
        return None
