"""A small real SMTP server for tests: enough ESMTP for smtplib (and Django's SMTP backend); it keeps the mail.

`SmtpSink` listens on a free local port in a thread of the test process. It advertises
AUTH PLAIN, records the credentials it was given, accepts them (or refuses them, for a
login failure), and stores each message as an `email.message.EmailMessage` with its envelope.
"""

import base64
import email
import socketserver
import threading
from dataclasses import dataclass, field
from email import policy

from tests.servers import wait_for


@dataclass
class Received:
    mail_from: str
    rcpt_to: list
    message: email.message.EmailMessage = field(repr=False)


class _Session(socketserver.StreamRequestHandler):
    timeout = 10

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        sink = self.server.sink
        self.reply("220 sink.test ESMTP")
        mail_from, rcpt_to = None, []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250-sink.test\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 AUTH PLAIN\r\n")
            elif verb == "AUTH":
                _plain, _sep, token = command.partition(" ")[2].partition(" ")
                _authzid, user, password = base64.b64decode(token).decode().split("\x00")
                sink.logins.append((user, password))
                self.reply("535 5.7.8 Authentication credentials invalid" if sink.refuse_login else "235 2.7.0 OK")
            elif verb == "MAIL":
                mail_from, rcpt_to = command.split(":", 1)[1].split()[0].strip("<>"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                rcpt_to.append(command.split(":", 1)[1].split()[0].strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                message = email.message_from_bytes(data, policy=policy.default)
                with sink.lock:
                    sink.received.append(Received(mail_from, rcpt_to, message))
                self.reply("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    def __init__(self, refuse_login=False):
        self.refuse_login = refuse_login
        self.received = []
        self.logins = []
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Session)
        self._server.sink = self
        self.port = self._server.server_address[1]

    def start(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def wait_for(self, count, timeout=20):
        wait_for(lambda: len(self.received) >= count, timeout=timeout, what=f"{count} message(s) at the SMTP sink")
        return self.received

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
