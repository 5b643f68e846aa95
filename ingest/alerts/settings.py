"""The saved searches' settings section, ``cfg.alerts`` (part of :class:`ingest.settings.Settings`)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from ingest.settings import Section, _http_url


class AlertSettings(Section):
    """Saved searches (``ingest watch``): where their alerts link to, how webhooks are signed and retried,
    the SMTP server their e-mails go through outside Airflow (inside it: the ``smtp_default`` connection)."""

    alert_secret: str = Field("", repr=False)  # HMAC-SHA256 key of X-Ingest-Signature on every webhook body
    alert_base_url: str = "http://127.0.0.1:8008"  # the workspace: each alert item links to <this>/article/<id>
    alert_timeout: float = Field(10.0, gt=0)  # seconds per webhook or SMTP attempt
    alert_retries: int = Field(3, ge=0, le=10)  # further attempts of a failed delivery within one run
    alert_backoff: float = Field(1.0, ge=0)  # seconds before the first retry, doubled each time
    alert_max_stories: int = Field(50, ge=1, le=1000)  # stories per saved search per run
    smtp_host: str = ""  # empty: e-mail deliveries fail (and are retried) until one is set
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_user: str = ""
    smtp_password: str = Field("", repr=False)
    smtp_from: str = "ingest@localhost"
    smtp_starttls: bool = False

    @field_validator("alert_base_url")
    @classmethod
    def _check_alert_url(cls, v: Any) -> Any:
        return _http_url(v)


__all__ = ["AlertSettings"]
