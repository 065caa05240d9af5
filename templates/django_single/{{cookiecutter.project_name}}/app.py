{%- from "python.jinja" import assignment -%}
"""A single-file Django app that greets whoever asks.

Run it with `python app.py runserver`; serve it with `gunicorn app:app`.
"""

import os
import sys

from django.conf import settings
from django.core.management.utils import get_random_secret_key
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path
from django.utils.html import escape

{{ assignment("GREETING", cookiecutter.greeting) }}

HTTPS = os.environ.get("DJANGO_HTTPS") == "1"

settings.configure(
    DEBUG=os.environ.get("DJANGO_DEBUG") == "1",
    # Without DJANGO_SECRET_KEY each start makes a new key, which is enough for
    # an app that keeps no sessions.
    SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY") or get_random_secret_key(),
    ALLOWED_HOSTS=os.environ.get(
        "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]"
    ).split(","),
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        # Checks every request's Host against ALLOWED_HOSTS: others get 400.
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    SECURE_SSL_REDIRECT=HTTPS,
    SECURE_HSTS_SECONDS=60 * 60 * 24 * 365 if HTTPS else 0,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=HTTPS,
    SECURE_HSTS_PRELOAD=HTTPS,
    CSRF_COOKIE_SECURE=HTTPS,
)


def index(request):
    name = request.GET.get("name") or "World"
    return HttpResponse(f"{GREETING}, {escape(name)}!")


urlpatterns = [path("", index)]

app = get_wsgi_application()

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
