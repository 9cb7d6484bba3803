"""PROTOCOL TEST DOUBLE of an SL's ML API (docs/ml-api.md), for the client tests only.

A small ``http.server`` in a thread that implements the contract minimally: sessions, idempotent sync PUTs, long-poll
GETs answering ``202`` first and then ``200`` with a "merged" model, metrics, close and final, abort. The merge is
fake on purpose: the merged model is the node's own parameters with every float tensor plus ``merge_offset`` (plus
``final_offset`` for the final model), so tests can see that merged weights were loaded. Faults to inject: ``503``
answers (``fail_503``), and an SL restart (``lose_sessions()``: every call of an old session answers
``404 Unknown session``). It records every request for the tests to inspect.
"""
import hashlib
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs, urlparse


from openswarm import safetensors

TOKEN = "test-token"


def shift_floats(body, offset):
    tensors = safetensors.decode(body)
    out = {}
    for name, (array, dtype) in tensors.items():
        if dtype.startswith("F"):
            out[name] = ((array + offset).astype(array.dtype), dtype)
        elif dtype == "BF16":
            out[name] = (safetensors.bf16_bits_to_float32(array) + offset, dtype)
        else:
            out[name] = (array, dtype)
    return safetensors.encode(out)


class _Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class SlProtocolDouble(object):
    def __init__(self, intervals=None, merge_offset=1.0, final_offset=10.0, polls_before_ready=1,
                 training_over_at=None):
        self.intervals = list(intervals or [])  # next sync intervals handed out, one per merged answer
        self.merge_offset = merge_offset
        self.final_offset = final_offset
        self.polls_before_ready = polls_before_ready
        self.training_over_at = training_over_at  # session seq whose answer says the training is over
        self.requests = []  # (method, path with query)
        self.opened = []  # session open bodies
        self.syncs = []  # (session, seq, body, query)
        self.metrics = []
        self.closes = []
        self.sessions = {}
        self.fail_503 = 0  # this many next requests answer 503
        self.lock = threading.Lock()
        self.round = 0
        double = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _body(self):
                n = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(n) if n else b""

            def _send(self, status, body=b"", content_type="application/json", headers=None):
                if isinstance(body, (dict, list)):
                    body = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def _error(self, status, code, message):
                self._send(status, {"error": code, "message": message})

            def _handle(self, method):
                body = self._body() if method in ("POST", "PUT") else b""
                with double.lock:
                    double.requests.append((method, self.path))
                    if double.fail_503 > 0:
                        double.fail_503 -= 1
                        return self._error(503, "UNAVAILABLE", "SN unreachable (test double)")
                url = urlparse(self.path)
                query = parse_qs(url.query)
                parts = [p for p in url.path.split("/") if p]
                if parts == ["v1", "ping"]:
                    return self._send(200, {"sl": "double", "uid": "u1", "apiVersion": 1})
                if self.headers.get("Authorization") != "Bearer " + TOKEN:
                    return self._error(401, "UNAUTHORIZED", "no token or the wrong one")
                if parts == ["v1", "sessions"] and method == "POST":
                    params = json.loads(body.decode("utf-8"))
                    sid = uuid.uuid4().hex
                    with double.lock:
                        double.opened.append(params)
                        double.sessions[sid] = {"syncs": {}, "polls": {}, "close": None, "final_polls": 0}
                    return self._send(201, {"sessionId": sid, "uid": "u1", "trainingContract":
                                            params.get("trainingContract"), "round": double.round + 1,
                                            "syncInterval": params["syncFrequency"], "resumed": len(double.opened) > 1})
                if len(parts) < 3 or parts[:2] != ["v1", "sessions"]:
                    return self._error(404, "NOT_FOUND", "no such path")
                session = double.sessions.get(parts[2])
                if session is None:
                    return self._error(404, "NOT_FOUND", "Unknown session %s: open a new one" % parts[2])
                rest = parts[3:]
                if rest[:1] == ["syncs"] and method == "PUT":
                    seq = int(rest[1])
                    expected = len(session["syncs"]) + 1
                    if seq in session["syncs"]:
                        return self._send(202, {"seq": seq, "round": seq, "state": "CHECKED_IN"})
                    if seq != expected:
                        return self._error(409, "CONFLICT", "expected sync %d" % expected)
                    session["syncs"][seq] = body
                    double.syncs.append((parts[2], seq, body, query))
                    return self._send(202, {"seq": seq, "round": seq, "state": "CHECKED_IN"})
                if rest[:1] == ["syncs"] and method == "GET":
                    seq = int(rest[1])
                    if seq not in session["syncs"]:
                        return self._error(404, "NOT_FOUND", "unknown sync %d" % seq)
                    polls = session["polls"].get(seq, 0)
                    session["polls"][seq] = polls + 1
                    if polls < double.polls_before_ready:
                        return self._send(202, {"seq": seq, "round": seq, "state": "WAITING_FOR_QUORUM",
                                                "detail": "1 of minPeers 2 checked in; waiting"})
                    merged = shift_floats(session["syncs"][seq], double.merge_offset)
                    with double.lock:
                        double.round += 1
                        nxt = double.intervals.pop(0) if double.intervals else 0
                    headers = {"X-Swarm-Round": str(double.round),
                               "X-Swarm-Training-Over": "true" if double.training_over_at == seq else "false",
                               "X-Swarm-Contributed": "true",
                               "X-Swarm-Sha256": hashlib.sha256(merged).hexdigest()}
                    if nxt:
                        headers["X-Swarm-Next-Sync-Interval"] = str(nxt)
                    return self._send(200, merged, "application/octet-stream", headers)
                if rest == ["metrics"] and method == "POST":
                    double.metrics.append(json.loads(body.decode("utf-8")))
                    return self._send(204)
                if rest == ["close"] and method == "PUT":
                    session["close"] = body
                    double.closes.append((parts[2], body, query))
                    return self._send(202, {"state": "CLOSING"})
                if rest == ["final"] and method == "GET":
                    if session["close"] is None:
                        return self._error(409, "CONFLICT", "not closed")
                    session["final_polls"] += 1
                    if session["final_polls"] <= double.polls_before_ready:
                        return self._send(202, {"state": "WAITING_FOR_PEERS_TO_FINISH"})
                    final = shift_floats(session["close"], double.final_offset)
                    return self._send(200, final, "application/octet-stream", {
                        "X-Swarm-Round": str(double.round), "X-Swarm-Training-Over": "true",
                        "X-Swarm-Sha256": hashlib.sha256(final).hexdigest()})
                if rest == [] and method == "DELETE":
                    del double.sessions[parts[2]]
                    return self._send(204)
                if rest == [] and method == "GET":
                    return self._send(200, {"sessionId": parts[2], "state": "TRAINING"})
                return self._error(404, "NOT_FOUND", "no such operation")

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

            def do_PUT(self):
                self._handle("PUT")

            def do_DELETE(self):
                self._handle("DELETE")

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def lose_sessions(self):
        """Simulates an SL restart: every session is forgotten."""
        with self.lock:
            self.sessions.clear()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
