#!/usr/bin/python3
"""A real SMTP server for the tests (Debian's python3-aiosmtpd): accepts mail on 127.0.0.1:PORT and saves each as one
JSON file in DIR (envelope, decoded and raw headers, text and HTML bodies, Message-ID, whether it came over TLS, the
AUTH user, the client's address and port, which tells connections apart), written atomically.
Prints READY when listening; runs until killed.

  --starttls            offer STARTTLS and require it before MAIL, with a throwaway self-signed certificate for
                        127.0.0.1/localhost that `openssl` generates into DIR/server.crt (reused on a restart)
  --auth USER:PASSWORD  require AUTH PLAIN/LOGIN with these credentials (only after STARTTLS)
  --reject ADDRESS      answer RCPT TO:<ADDRESS> with a permanent 550 (repeatable)
"""
import argparse
import email
import email.parser
import email.policy
import json
import os
import signal
import ssl
import subprocess
import threading
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

REJECT_REPLY = "550 5.1.1 <{}>: mailbox unavailable (the test sink refuses this recipient)"


class SaveToDirectory:
    def __init__(self, directory, reject):
        self.directory = directory
        self.reject = {a.lower() for a in reject}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return REJECT_REPLY.format(address)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        message = email.message_from_bytes(content, policy=email.policy.default)
        raw = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(content)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        record = {
            "mailFrom": envelope.mail_from,
            "rcptTos": list(envelope.rcpt_tos),
            "from": str(message.get("From", "")),
            "to": str(message.get("To", "")),
            "subject": str(message.get("Subject", "")),
            "rawSubject": unfold(raw.get("Subject", "")),
            "rawFrom": unfold(raw.get("From", "")),
            "messageId": str(message.get("Message-ID", "")),
            "contentType": message.get_content_type(),
            "body": text.get_content() if text is not None else "",
            "html": html.get_content() if html is not None else "",
            "tls": session.ssl is not None,
            "authUser": getattr(session, "rolw_user", None),
            "peer": "{}:{}".format(*session.peer[:2]),
        }
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.json"
        temporary = os.path.join(self.directory, name + ".tmp")
        with open(temporary, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(temporary, os.path.join(self.directory, name))
        return "250 Message accepted"


def unfold(value):
    return " ".join(str(value).replace("\r\n", "\n").split("\n")).strip()


def throwaway_certificate(directory):
    cert, key = os.path.join(directory, "server.crt"), os.path.join(directory, "server.key")
    if not (os.path.exists(cert) and os.path.exists(key)):
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key + ".tmp", "-out", cert + ".tmp"],
            check=True, capture_output=True)
        os.replace(key + ".tmp", key)
        os.replace(cert + ".tmp", cert)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def authenticator_for(credentials):
    user, password = credentials.split(":", 1)

    def authenticate(server, session, envelope, mechanism, auth_data):
        if (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
                and auth_data.password.decode() == password):
            session.rolw_user = user
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    return authenticate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--starttls", action="store_true")
    parser.add_argument("--auth")
    parser.add_argument("--reject", action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    settings = {}
    if args.starttls:
        settings.update(tls_context=throwaway_certificate(args.dir), require_starttls=True)
    if args.auth:
        settings.update(auth_required=True, authenticator=authenticator_for(args.auth))
    controller = Controller(SaveToDirectory(args.dir, args.reject), hostname="127.0.0.1", port=args.port,
                            server_hostname="localhost", **settings)
    controller.start()
    print("READY", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
