"""The SL's ML API over HTTP (docs/ml-api.md) on the standard library.

Mirrors the Java client's ``HttpBackend``: JSON and safetensors bodies, the bearer token, long polls whose read timeout
is the poll's ``wait`` plus ``min(30, max(5, wait))`` seconds, retries of ``503`` answers and lost connections with a
back-off of 1 s doubling to 30 s (``503`` and waits without limit, other connection failures ``connect_attempts``
times), the SHA-256 check of merged models against ``X-Swarm-Sha256``, and the reopen rule: after an SL restart every
call of the old session answers ``404 Unknown session``; the client opens a new session with the same parameters and
repeats its current step in it (a sync becomes sync 1 of the new session, a close is sent again).
"""
import hashlib
import http.client
import json
import logging
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import namedtuple

from .errors import SwarmError

__all__ = ["SwarmError", "MlApiClient", "MergedModel", "SessionLost", "poll_timeout"]

OCTETS = "application/octet-stream"
DEFAULT_WAIT_SECONDS = 60
UPLOAD_TIMEOUT_SECONDS = 600

#: A merged (or final) model as the SL answered it.
MergedModel = namedtuple("MergedModel", "body round next_interval training_over contributed")


class SessionLost(Exception):
    """The SL no longer knows this session: it restarted (its sessions live in memory)."""


def poll_timeout(wait_seconds):
    """The read timeout of a long poll: its wait plus a margin of at least 5 and at most 30 seconds."""
    return wait_seconds + max(5, min(30, wait_seconds))


def _header_bool(value, default):
    if value is None:
        return default
    return value.strip().lower() == "true"


def _header_int(value, default=0):
    try:
        return int(value.strip()) if value is not None else default
    except ValueError:
        return default


class _Response(object):
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name) if self.headers is not None else None

    def json(self):
        try:
            value = json.loads(self.body.decode("utf-8"))
            return value if isinstance(value, dict) else {}
        except (ValueError, UnicodeDecodeError):
            return {}

    def error_text(self):
        error = self.json()
        if "message" in error:
            return ("%s: " % error["error"] if "error" in error else "") + str(error["message"])
        raw = self.body.decode("utf-8", "replace").strip()
        return raw[:500] if raw else "(no body)"


class MlApiClient(object):
    """One ML program's connection to its SL. Not thread-safe: one training loop drives it."""

    def __init__(self, base_url, token, logger=None, wait_seconds=DEFAULT_WAIT_SECONDS, initial_delay=1.0,
                 max_delay=30.0, connect_attempts=12, sleep=time.sleep):
        if not base_url or not (base_url.startswith("http://") or base_url.startswith("https://")):
            raise SwarmError("SWARM_SL_URL has to be an http:// or https:// URL, got '%s'" % base_url)
        self.base = base_url.strip().rstrip("/")
        self.token = token.strip()
        self.log = logger or logging.getLogger("SwarmCallback")
        self.wait_seconds = int(wait_seconds)
        self.initial_delay = initial_delay
        self.max_delay = max_delay
        self.connect_attempts = connect_attempts
        self._sleep = sleep
        # no proxies: the SL listens on loopback, and an http_proxy in the environment must not reroute it
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        self.session_id = None
        self._opened = None
        self._seq_base = 0  # client sync numbers run on across sessions; the SL's start at 1 in each session
        self._closed_with = None
        self._closed_epochs = 0

    # ------------------------------------------------------------------ operations
    def ping(self):
        return self._call("Ping", "GET", "/v1/ping", expected=200).json()

    def open(self, params):
        """``POST /v1/sessions`` with the callback's parameters; returns the SL's answer (sessionId, syncInterval...)."""
        answer = self._call("Init", "POST", "/v1/sessions", body=json.dumps(params).encode("utf-8"),
                            content_type="application/json", expected=201).json()
        if not answer.get("sessionId"):
            raise SwarmError("Init Swarm call to SL container failed - the answer names no sessionId")
        self.session_id = str(answer["sessionId"])
        self._opened = dict(params)
        return answer

    def sync(self, seq, body, epochs_done=0):
        """Hands in the parameters of client sync ``seq`` and waits for the merged model."""
        while True:
            path = "%s/syncs/%d" % (self._session(), seq - self._seq_base)
            try:
                self._call("Sync", "PUT", "%s?epochsDone=%d" % (path, epochs_done), body=body, content_type=OCTETS,
                           expected=202, timeout=UPLOAD_TIMEOUT_SECONDS)
                return self._poll("Sync", path)
            except SessionLost as lost:
                # the new session's first sync answers with the latest merged model: the node rejoins from it
                self._reopen(lost)
                self._seq_base = seq - 1

    def metrics(self, seq, loss, metric, epochs_done=0, total_epochs=0):
        body = {"loss": float(loss), "metric": float(metric),
                "epochsDone": min(epochs_done, total_epochs) if total_epochs > 0 else epochs_done}
        if total_epochs > 0:
            body["totalEpochs"] = total_epochs
        body["seq"] = seq - self._seq_base
        try:
            self._call("Metrics", "POST", self._session() + "/metrics", body=json.dumps(body).encode("utf-8"),
                       content_type="application/json", expected=204)
        except SessionLost:
            self.log.warning("Metrics of sync %d not recorded: the SL lost this node's session", seq)

    def close(self, body, epochs_done=0):
        self._closed_with = body
        self._closed_epochs = epochs_done
        while True:
            try:
                self._call("End", "PUT", "%s/close?epochsDone=%d" % (self._session(), epochs_done), body=body,
                           content_type=OCTETS, expected=202, timeout=UPLOAD_TIMEOUT_SECONDS)
                return
            except SessionLost as lost:
                self._reopen(lost)

    def final(self):
        while True:
            try:
                return self._poll("End", self._session() + "/final")
            except SessionLost as lost:
                self._reopen(lost)
                self.close(self._closed_with, self._closed_epochs)

    def abort(self):
        if self.session_id is not None:
            self._call("Abort", "DELETE", self._session(), expected=204)

    def status(self):
        return self._call("Status", "GET", self._session(), expected=200).json()

    # ------------------------------------------------------------------ internals
    def _reopen(self, lost):
        self.log.warning("The SL lost this node's session (%s): it restarted. Opening a new session; this node "
                         "rejoins from the latest merged model", lost)
        self.open(self._opened)

    def _session(self):
        if self.session_id is None:
            raise SwarmError("no Swarm session: on_train_begin has not opened one")
        return "/v1/sessions/" + urllib.parse.quote(self.session_id, safe="")

    def _poll(self, what, path):
        last_state = None
        polls = 0
        while True:
            polls += 1
            response = self._call(what, "GET", "%s?wait=%d" % (path, self.wait_seconds), expected=200, wait=True,
                                  timeout=poll_timeout(self.wait_seconds))
            if response.status == 200:
                return self._merged(what, response)
            status = response.json()
            state = status.get("state")
            if state != last_state or polls == 2:
                detail = status.get("detail")
                self.log.log(logging.INFO if polls >= 2 else logging.DEBUG, "Waiting for the merged model: %s%s",
                             state, " (%s)" % detail if detail else "")
                last_state = state

    @staticmethod
    def _merged(what, response):
        body = response.body
        sha = response.header("X-Swarm-Sha256")
        digest = hashlib.sha256(body).hexdigest()
        if sha and sha.strip().lower() != digest:
            raise SwarmError("%s Swarm call to SL container failed - the merged model's SHA-256 %s differs from "
                             "X-Swarm-Sha256 %s" % (what, digest, sha.strip()))
        return MergedModel(body=body, round=_header_int(response.header("X-Swarm-Round")),
                           next_interval=_header_int(response.header("X-Swarm-Next-Sync-Interval")),
                           training_over=_header_bool(response.header("X-Swarm-Training-Over"), False),
                           contributed=_header_bool(response.header("X-Swarm-Contributed"), True))

    def _send(self, method, path, body, content_type, timeout):
        request = urllib.request.Request(self.base + path, data=body if body is not None else None, method=method)
        if path != "/v1/ping":
            request.add_header("Authorization", "Bearer " + self.token)
        if content_type:
            request.add_header("Content-Type", content_type)
        if method in ("PUT", "POST") and body is None:
            request.data = b""
        try:
            with self._opener.open(request, timeout=timeout) as r:
                return _Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            try:
                data = e.read()
            except (OSError, http.client.HTTPException):
                data = b""
            finally:
                e.close()
            return _Response(e.code, e.headers, data or b"")

    def _call(self, what, method, path, body=None, content_type=None, expected=200, wait=False, timeout=None):
        """Sends until the SL answers something other than 503; raises any status other than ``expected`` (and 202
        for waits), SessionLost for ``404 Unknown session``."""
        if timeout is None:
            timeout = poll_timeout(self.wait_seconds)
        delay = self.initial_delay
        failed_connects = 0
        while True:
            try:
                response = self._send(method, path, body, content_type, timeout)
            except (OSError, http.client.HTTPException, socket.timeout) as e:
                failed_connects += 1
                reason = "no answer from the SL at %s (%s: %s)" % (self.base, type(e).__name__, e)
                if not wait and failed_connects >= self.connect_attempts:
                    raise SwarmError("%s Swarm call to SL container failed - %s after %d tries; is the SL running "
                                     "and SWARM_SL_URL right?" % (what, reason, failed_connects))
            else:
                if response.status == expected or (wait and response.status == 202):
                    return response
                text = response.error_text()
                if (response.status == 404 and self.session_id is not None and path.startswith("/v1/sessions/")
                        and "Unknown session" in text):
                    raise SessionLost(text)
                if response.status != 503:
                    raise SwarmError("%s Swarm call to SL container failed - %s %s answered %d: %s"
                                     % (what, method, path.split("?")[0], response.status, text))
                reason = "SL unavailable (503): " + text
            self.log.warning("%s call: %s; retrying in %d ms", what, reason, int(delay * 1000))
            self._sleep(delay)
            delay = min(self.max_delay, delay * 2)
