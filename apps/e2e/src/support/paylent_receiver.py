"""A Paylent customer's receiver, in Python, verifying deliveries exactly as Paylent documents it.

Usage: paylent_receiver.py SECRET_FILE. Listens on 127.0.0.1 (port 0), prints its port on the first line of stdout, answers 200 to a
delivery whose X-Paylent-Signature matches the raw body and 401 to anything else, and prints one
line per request: "<status> <X-Paylent-Event> <event_id>".
"""
import hashlib
import hmac
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# The webhook's signing secret is written to this file once the webhook exists (its URL comes first).
SECRET_FILE = sys.argv[1]


def signing_secret() -> str:
    try:
        with open(SECRET_FILE, encoding="utf-8") as file:
            return file.read().strip()
    except FileNotFoundError:
        return ""


def verify_webhook(raw_body: bytes, signature_header: str, secret: str) -> bool:
    expected = hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    received = signature_header.replace("sha256=", "")
    return hmac.compare_digest(expected, received)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        raw_body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        secret = signing_secret()
        ok = secret != "" and verify_webhook(raw_body, self.headers.get("X-Paylent-Signature", ""), secret)
        status = 200 if ok else 401
        try:
            event_id = json.loads(raw_body).get("event_id", "")
        except ValueError:
            event_id = ""
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"ok" if ok else b"bad signature")
        print(f"{status} {self.headers.get('X-Paylent-Event', '')} {event_id}", flush=True)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
print(server.server_address[1], flush=True)
server.serve_forever()
