"""Production headers and assets: a CSP without inline or evaluated scripts and with no framing,
nosniff and Referrer-Policy on every page; HSTS on HTTPS behind the proxy; collectstatic's hashed
storage finds every file the minified assets name (it failed on missing source maps before)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings


@pytest.mark.django_db
def test_every_page_sends_a_strict_csp_and_the_other_headers(client, login, personas):
    login(client, personas.leader)
    for url in ("/", "/cases/", "/accounts/login/"):
        answer = client.get(url)
        policy = answer["Content-Security-Policy"]
        script = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
        assert script.split() == ["script-src", "'self'"], url
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
        assert answer["X-Content-Type-Options"] == "nosniff"
        assert answer["Referrer-Policy"] == "same-origin"
        assert answer["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_hsts_is_sent_over_tls_behind_the_proxy(client):
    with override_settings(
        SECURE_HSTS_SECONDS=31536000, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
    ):
        plain = client.get("/accounts/login/")
        secure = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in plain
    assert secure["Strict-Transport-Security"] == "max-age=31536000"


def test_no_page_template_holds_an_inline_script_or_handler():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "zhifa"
    found = []
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        if "/pdf/" in str(template):
            continue  # PDF layouts are never served to a browser
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            found.append(f"{template}: inline <script>")
        if re.search(r"\son[a-z]+\s*=\s*[\"']|javascript:", text):
            found.append(f"{template}: inline handler")
    assert found == []


def test_collectstatic_with_hashed_names_finds_every_referenced_file(tmp_path):
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
    ):
        call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
