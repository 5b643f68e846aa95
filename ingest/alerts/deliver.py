"""Delivering alerts: the payload, its signature, the webhook and e-mail channels, the delivery records.

**Webhook.** One JSON POST per story (one per day for a daily digest), body :func:`payload`, headers
``X-Ingest-Signature: sha256=<hex HMAC-SHA256 of the body with INGEST_ALERT_SECRET>`` and
``Idempotency-Key`` (the delivery record's id: the same for every attempt at the same story of the same
saved search). Retried with backoff on connection failures, 429 and 5xx; the connection goes through
the fetcher's SSRF guard (:class:`ingest.fetch.guard.GuardedTransport`), redirects are not followed.

**E-mail.** One message per saved search and run (or day), a text and an HTML part; every piece of
article text in the HTML is escaped. Sent by a :class:`Mailer`: :class:`SmtpMailer` from the SMTP
settings outside Airflow, or from Airflow's ``smtp_default`` connection (the DAG resolves it).

**Records.** ``ingest-alerts`` keeps one document per (saved search, story), id :func:`record_id`.
It is written ``pending`` (or ``queued`` for a digest) before anything is sent and ``delivered`` as
soon as a channel answered, per channel, so a story recorded delivered is never sent again.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import random
import smtplib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Protocol

import httpx

from ingest.errors import IngestError
from ingest.settings import AlertSettings, FetchSettings

SIGNATURE_HEADER = "X-Ingest-Signature"
NOT_RETRIED = {501, 505}


class DeliveryError(IngestError):
    """A channel did not take a delivery (after its retries); ``reason`` is short, never the URL or a secret."""


def record_id(watch: str, story: str) -> str:
    """The delivery record of a story for a saved search: the same id whoever computes it, whenever."""
    return hashlib.sha256(f"{watch}\x00{story}".encode()).hexdigest()[:40]


def sign(body: bytes, secret: str) -> str:
    """``sha256=<hex>``: the HMAC-SHA256 of the exact body bytes with the shared secret."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, header: str, secret: str) -> bool:
    """What a receiver does: the signature it was sent against the one it computes (constant time)."""
    return hmac.compare_digest(sign(body, secret), header or "")


def payload(watch: Any, stories: Sequence[dict[str, Any]], *, kind: str = "story",
            day: str | None = None) -> dict[str, Any]:
    """The JSON a webhook receives: the saved search, and its stories (one, or a day's for a digest)."""
    out: dict[str, Any] = {"type": f"ingest.alert.{kind}", "watch": watch.name, "query": watch.query,
                           "stories": list(stories)}
    if day:
        out["day"] = day
    return out


def encode(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def post_webhook(url: str, body: bytes, key: str, alerts: AlertSettings, fetch: FetchSettings,
                 sleep: Callable[[float], None] = time.sleep) -> int:
    """POST a signed body with retries and backoff; the final status, or :class:`DeliveryError`."""
    from ingest.errors import Blocked
    from ingest.fetch.guard import GuardedTransport, check_url

    try:
        check_url(url, fetch)
    except Blocked as exc:
        raise DeliveryError(f"webhook refused by the guard: {exc.detail}", reason="blocked") from None
    except OSError:
        raise DeliveryError("webhook host does not resolve", reason="unreachable") from None
    headers = {"Content-Type": "application/json", "Idempotency-Key": key, "User-Agent": fetch.user_agent}
    if alerts.alert_secret:
        headers[SIGNATURE_HEADER] = sign(body, alerts.alert_secret)
    why = "no attempt"
    transport = GuardedTransport(fetch)
    with httpx.Client(transport=transport, timeout=alerts.alert_timeout, follow_redirects=False) as client:
        for attempt in range(alerts.alert_retries + 1):
            if attempt:
                base = alerts.alert_backoff * 2 ** (attempt - 1)
                sleep(base + random.uniform(0, base / 10))
            try:
                answer = client.post(url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                why = type(exc).__name__
                continue
            if 200 <= answer.status_code < 300:
                return answer.status_code
            why = f"HTTP {answer.status_code}"
            if answer.status_code != 429 and (answer.status_code < 500 or answer.status_code in NOT_RETRIED):
                break
    raise DeliveryError(f"webhook failed: {why}", reason="webhook_failed")


# -- e-mail ------------------------------------------------------------------------------------------

class Mailer(Protocol):
    def send(self, to: Sequence[str], subject: str, text: str, html_body: str) -> None: ...


@dataclass(frozen=True)
class SmtpMailer:
    """Sends through one SMTP server: the ``smtp_*`` settings, or Airflow's ``smtp_default`` connection."""

    host: str
    port: int = 25
    user: str = ""
    password: str = ""
    sender: str = "ingest@localhost"
    starttls: bool = False
    timeout: float = 10.0

    def __repr__(self) -> str:  # never the password
        return f"SmtpMailer({self.host}:{self.port})"

    @classmethod
    def from_settings(cls, alerts: AlertSettings) -> SmtpMailer | None:
        if not alerts.smtp_host:
            return None
        return cls(alerts.smtp_host, alerts.smtp_port, alerts.smtp_user, alerts.smtp_password, alerts.smtp_from,
                   alerts.smtp_starttls, alerts.alert_timeout)

    def send(self, to: Sequence[str], subject: str, text: str, html_body: str) -> None:
        msg = EmailMessage()
        msg["Subject"], msg["From"], msg["To"] = subject, self.sender, ", ".join(to)
        msg.set_content(text)
        msg.add_alternative(html_body, subtype="html")
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(msg)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"e-mail failed: {type(exc).__name__}", reason="email_failed") from None


def render_email(watch: Any, stories: Sequence[dict[str, Any]], day: str | None = None) -> tuple[str, str, str]:
    """(subject, text, HTML) of a digest of stories; the HTML escapes every value it shows."""
    n = len(stories)
    subject = f"[ingest] {watch.name}: {n} new stor{'y' if n == 1 else 'ies'}" + (f" on {day}" if day else "")
    text_lines = [subject, ""]
    parts = [f"<h1>{html.escape(subject)}</h1>"]
    for s in stories:
        dates = s.get("dates") or {}
        when = (dates.get("first") or "")[:10]
        text_lines += [f"* {s.get('title', '')}", f"  {s.get('summary', '')} · {when}", f"  {s.get('url', '')}"]
        items = []
        for a in s.get("articles", []):
            day_of = (a.get("date") or "")[:10]
            text_lines.append(f"    - [{a.get('language')}] {a.get('outlet')} {day_of}: {a.get('title')}")
            for h in a.get("highlights", [])[:1]:
                text_lines.append(f"      “{h}”")
            hl = "".join(f"<blockquote>{html.escape(h)}</blockquote>" for h in a.get("highlights", [])[:1])
            items.append(f"<li>[{html.escape(str(a.get('language')))}] {html.escape(str(a.get('outlet')))} "
                         f"{html.escape(day_of)}: <a href=\"{html.escape(str(a.get('url')), quote=True)}\">"
                         f"{html.escape(str(a.get('title')))}</a>{hl}</li>")
        text_lines.append("")
        link = html.escape(str(s.get("url")), quote=True)
        parts.append(f"<h2><a href=\"{link}\">{html.escape(str(s.get('title')))}</a></h2>"
                     f"<p>{html.escape(str(s.get('summary', '')))} · {html.escape(when)}</p><ul>{''.join(items)}</ul>")
    return subject, "\n".join(text_lines), "<html><body>" + "".join(parts) + "</body></html>"


__all__ = [
    "SIGNATURE_HEADER",
    "DeliveryError",
    "Mailer",
    "SmtpMailer",
    "encode",
    "payload",
    "post_webhook",
    "record_id",
    "render_email",
    "sign",
    "verify",
]
