"""Sending the desk's mail through Django's email backend without ever holding up, or breaking, a request.

`send()` is called after the transaction committed (articles.notifications). With
EMAIL_IN_BACKGROUND (the default) the mail goes from a thread of its own, so a slow or dead
mail server costs the request nothing; the thread is not a daemon, so a worker that is
restarting finishes sending first (at most about EMAIL_TIMEOUT per stalled step). Every
failure is caught and logged once, with how many recipients it cost: never the password,
never a traceback in the request.
"""

import logging
import threading

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

logger = logging.getLogger(__name__)


def send(subject, body, addresses, *, what):
    """Send one message to each of `addresses` (each sees only their own); `what` names it in the log."""
    messages = [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    if not messages:
        return None
    if not settings.EMAIL_IN_BACKGROUND:
        deliver(messages, what)
        return None
    thread = threading.Thread(target=deliver, args=(messages, what), name="newsroom-mail")
    thread.start()
    return thread


def deliver(messages, what):
    """Send `messages` over one connection; returns how many went. Failures are logged, never raised."""
    sent, error = 0, None
    try:
        connection = get_connection(fail_silently=False)
        connection.open()
    except Exception as exc:  # refused, timed out, TLS or login refused, a bad backend setting
        error = exc
    else:
        try:
            for message in messages:
                message.connection = connection
                try:
                    sent += message.send() or 0
                except Exception as exc:
                    error = exc
        finally:
            try:
                connection.close()
            except Exception:  # the server went away after sending: nothing left to lose
                pass
    if sent < len(messages):
        # Only the exception's class and text: smtplib's never carry the password.
        reason = f"{type(error).__name__}: {error}" if error else "not accepted"
        logger.error(
            "Notification mail not sent to %d of %d recipient(s) (%s): %s",
            len(messages) - sent,
            len(messages),
            what,
            reason,
        )
    return sent
