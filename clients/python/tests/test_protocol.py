"""The ML API protocol (docs/ml-api.md) against the PROTOCOL TEST DOUBLE in sl_protocol_double.py (a real HTTP
server in a thread): sessions, 202-then-200 polls, metrics, close/final, 503 retries, the 404 reopen rule."""
import hashlib
import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer

import numpy as np

from openswarm import safetensors
from openswarm.client import MlApiClient, MergedModel, poll_timeout
from openswarm.errors import SwarmError

from helpers import FAST_RETRY, NumpyStandInCallback, capture_logger
from sl_protocol_double import TOKEN, SlProtocolDouble


def callback(sl, sync_frequency=2, **kwargs):
    logger, stream = capture_logger()
    kwargs.setdefault("totalEpochs", 2)
    cb = NumpyStandInCallback(sync_frequency, 1, logger=logger, slUrl=sl.url, slToken=TOKEN, loopback=False,
                              _retry=FAST_RETRY, program="proto", **kwargs)
    return cb, stream


def run_training(cb, batches_per_epoch, epochs):
    cb.on_train_begin()
    for _ in range(epochs):
        for _ in range(batches_per_epoch):
            cb.weights["w"] = cb.weights["w"] + 0.25  # "training"
            cb.on_batch_end()
        cb.on_epoch_end()
    cb.on_train_end()


def paths(sl, method=None):
    return [p.split("?")[0] for m, p in sl.requests if method is None or m == method]


class ProtocolTest(unittest.TestCase):
    def test_poll_timeout(self):
        self.assertEqual(poll_timeout(60), 90)
        self.assertEqual(poll_timeout(1), 6)
        self.assertEqual(poll_timeout(10), 20)

    def test_full_training(self):
        with SlProtocolDouble() as sl:
            cb, stream = callback(sl, 2, adsValData=[1])
            run_training(cb, batches_per_epoch=4, epochs=2)
            # 8 batches, interval 2: sync 1 at begin, then after batches 3, 5, 7
            self.assertEqual([s[1] for s in sl.syncs], [1, 2, 3, 4])
            self.assertEqual(len(sl.opened), 1)
            opened = sl.opened[0]
            self.assertEqual(opened["syncFrequency"], 2)
            self.assertEqual(opened["program"], "proto")
            self.assertEqual(opened["platform"], "NUMPY")
            self.assertEqual(opened["checkinModelOnTrainEnd"], "snapshot")
            # polls: every sync first got a 202 and then a 200
            gets = [p for p in paths(sl, "GET") if "/syncs/" in p]
            self.assertEqual(len(gets), 8)
            self.assertTrue(all("wait=1" in p for m, p in sl.requests if m == "GET"))
            # metrics after every in-training merge, none for the sync at train begin
            self.assertEqual([m["seq"] for m in sl.metrics], [2, 3, 4])
            self.assertEqual(sl.metrics[0], {"loss": 0.5, "metric": 0.75, "epochsDone": 0, "totalEpochs": 2,
                                             "seq": 2})
            self.assertEqual(sl.syncs[2][3]["epochsDone"], ["1"])
            # close with the final local parameters, and epochsDone
            self.assertEqual(len(sl.closes), 1)
            self.assertEqual(sl.closes[0][2]["epochsDone"], ["2"])
            closed = safetensors.load(sl.closes[0][1])
            # the final model (close body + 10) was loaded, int64 kept
            np.testing.assert_allclose(cb.weights["w"], closed["w"] + 10)
            self.assertEqual(cb.weights["steps"].dtype, np.int64)
            self.assertTrue(cb.isTrainingOver())
            text = stream.getvalue()
            for line in ("Starting Swarm merging round ...", "Merge Done: RVInt [cur: 2 Nxt: 2]",
                         "Calculated local loss using merged parameters = 0.5", "Finished local training !!!",
                         "Final merging starts at training end. Waiting for other peers to complete ...",
                         "All peers and Swarm training rounds finished. Final Swarm model was loaded."):
                self.assertIn(line, text)
            self.assertNotIn("No Swarm merge happened during training", text)

    def test_proxy_environment_is_ignored(self):
        import os
        from unittest import mock
        with SlProtocolDouble() as sl, mock.patch.dict(os.environ, {"http_proxy": "http://127.0.0.1:9",
                                                                    "HTTP_PROXY": "http://127.0.0.1:9"}):
            cb, _ = callback(sl, 1)
            cb.on_train_begin()
            self.assertEqual(len(sl.syncs), 1)

    def test_merged_weights_loaded_each_round(self):
        with SlProtocolDouble(merge_offset=1.0) as sl:
            cb, _ = callback(sl, 1)
            cb.on_train_begin()
            np.testing.assert_allclose(cb.weights["w"], np.ones((2, 2)))  # 0 + 1 from the "merge"
            cb.on_batch_end()  # countdown 1 -> 0
            self.assertEqual(len(sl.syncs), 1)
            cb.on_batch_end()  # due: sync 2
            self.assertEqual(len(sl.syncs), 2)
            np.testing.assert_allclose(cb.weights["w"], 2 * np.ones((2, 2)))
            self.assertEqual(len(cb.loaded), 2)

    def test_next_interval_obeyed(self):
        with SlProtocolDouble(intervals=[3, 1, 2]) as sl:
            cb, stream = callback(sl, 5)
            cb.on_train_begin()  # answer: next interval 3
            synced_at = []
            for batch in range(1, 12):
                before = len(sl.syncs)
                cb.on_batch_end()
                if len(sl.syncs) > before:
                    synced_at.append(batch)
            # 3 -> sync at batch 4 (answer 1) -> batch 5 (answer 2) -> batch 7 (no header: keep 2) -> 9 -> 11
            self.assertEqual(synced_at, [4, 5, 7, 9, 11])
            text = stream.getvalue()
            self.assertIn("Merge Done: RVInt [cur: 5 Nxt: 3]", text)
            self.assertIn("Merge Done: RVInt [cur: 3 Nxt: 1]", text)
            self.assertIn("Merge Done: RVInt [cur: 1 Nxt: 2]", text)

    def test_no_validation_data_warns_once_and_sends_no_metrics(self):
        with SlProtocolDouble() as sl:
            cb, stream = callback(sl, 1)
            run_training(cb, 4, 1)
            self.assertEqual(sl.metrics, [])
            self.assertEqual(stream.getvalue().count("No adsValData: merged models are not evaluated"), 1)

    def test_no_merge_warning(self):
        with SlProtocolDouble() as sl:
            cb, stream = callback(sl, 100)
            run_training(cb, 3, 1)
            self.assertIn("No Swarm merge happened during training: syncFrequency (100) may be high",
                          stream.getvalue())

    def test_training_over_stops_syncs(self):
        with SlProtocolDouble(training_over_at=2) as sl:
            cb, stream = callback(sl, 1)
            cb.on_train_begin()
            for _ in range(6):
                cb.on_batch_end()
            self.assertTrue(cb.isTrainingOver())
            self.assertEqual(len(sl.syncs), 2)
            self.assertIn("The SL reports the Swarm training is over", stream.getvalue())
            cb.on_train_end()

    def test_503_is_retried(self):
        with SlProtocolDouble() as sl:
            cb, stream = callback(sl, 1)
            sl.fail_503 = 2
            cb.on_train_begin()
            self.assertEqual(paths(sl)[:3], ["/v1/sessions"] * 3)
            self.assertEqual(len(sl.opened), 1)
            self.assertIn("Init call: SL unavailable (503): UNAVAILABLE: SN unreachable (test double); retrying",
                          stream.getvalue())
            sl.fail_503 = 3  # during the sync PUT and its polls
            cb.on_batch_end()
            cb.on_batch_end()
            self.assertEqual(len(sl.syncs), 2)
            cb.on_train_end()

    def test_lost_session_reopens_and_rejoins(self):
        with SlProtocolDouble() as sl:
            cb, stream = callback(sl, 1, adsValData=[1])
            cb.on_train_begin()
            cb.on_batch_end()
            cb.on_batch_end()  # client sync 2
            sl.lose_sessions()  # the SL restarted
            cb.on_batch_end()  # client sync 3 -> 404 Unknown session -> reopen -> sync 1 of the new session
            self.assertEqual(len(sl.opened), 2)
            self.assertEqual(sl.opened[0], sl.opened[1])
            first, second = sl.syncs[0][0], sl.syncs[-1][0]
            self.assertNotEqual(first, second)
            self.assertEqual(sl.syncs[-1][1], 1)
            self.assertEqual(sl.metrics[-1]["seq"], 1)
            cb.on_batch_end()  # client sync 4 = sync 2 of the new session
            self.assertEqual((sl.syncs[-1][0], sl.syncs[-1][1]), (second, 2))
            self.assertIn("The SL lost this node's session (NOT_FOUND: Unknown session", stream.getvalue())
            # lost again before close: the close is sent again in a new session, then final answers
            sl.lose_sessions()
            cb.on_train_end()
            self.assertEqual(len(sl.opened), 3)
            self.assertEqual(len(sl.closes), 1)
            self.assertTrue(cb.isTrainingOver())

    def test_lost_session_during_final_wait_closes_again(self):
        with SlProtocolDouble(polls_before_ready=1) as sl:
            cb, _ = callback(sl, 1)
            cb.on_train_begin()
            client = cb.client
            client.close(cb._parametersBytes(), 0)
            sl.lose_sessions()
            merged = client.final()
            self.assertEqual(len(sl.closes), 2)
            self.assertEqual(len(sl.opened), 2)
            self.assertIsInstance(merged, MergedModel)
            self.assertTrue(merged.training_over)

    def test_wrong_token_is_an_error(self):
        with SlProtocolDouble() as sl:
            client = MlApiClient(sl.url, "wrong", capture_logger()[0], wait_seconds=1, initial_delay=0.01)
            with self.assertRaises(SwarmError) as ctx:
                client.open({"syncFrequency": 1, "minPeers": 1})
            self.assertIn("Init Swarm call to SL container failed - POST /v1/sessions answered 401: UNAUTHORIZED",
                          str(ctx.exception))
            self.assertEqual(client.ping()["apiVersion"], 1)  # ping needs no token

    def test_connection_refused_bounded_tries(self):
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        slept = []
        client = MlApiClient("http://127.0.0.1:%d" % port, "t", capture_logger()[0], wait_seconds=1,
                             initial_delay=1.0, max_delay=30.0, connect_attempts=12, sleep=slept.append)
        with self.assertRaises(SwarmError) as ctx:
            client.open({"syncFrequency": 1})
        self.assertIn("after 12 tries; is the SL running and SWARM_SL_URL right?", str(ctx.exception))
        self.assertEqual(slept, [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0, 30.0, 30.0, 30.0])

    def test_abort_and_status(self):
        with SlProtocolDouble() as sl:
            cb, _ = callback(sl, 1)
            cb.on_train_begin()
            self.assertEqual(cb.client.status()["state"], "TRAINING")
            cb.abort()
            self.assertEqual(paths(sl, "DELETE"), ["/v1/sessions/" + sl.syncs[0][0]])


class _BadShaHandler(BaseHTTPRequestHandler):
    """PROTOCOL TEST DOUBLE answering one session whose merged model does not match X-Swarm-Sha256."""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _reply(self, status, body, headers=None):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._reply(201, json.dumps({"sessionId": "s", "syncInterval": 1}).encode())

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._reply(202, b'{"state":"CHECKED_IN"}')

    def do_GET(self):
        body = safetensors.save({"w": np.zeros(1, np.float32)})
        self._reply(200, body, {"X-Swarm-Sha256": hashlib.sha256(b"other").hexdigest()})


class ShaCheckTest(unittest.TestCase):
    def test_sha_mismatch_is_an_error(self):
        server = HTTPServer(("127.0.0.1", 0), _BadShaHandler)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        try:
            client = MlApiClient("http://127.0.0.1:%d" % server.server_address[1], "t", capture_logger()[0],
                                 wait_seconds=1)
            client.open({})
            with self.assertRaises(SwarmError) as ctx:
                client.sync(1, b"x")
            self.assertIn("differs from X-Swarm-Sha256", str(ctx.exception))
        finally:
            server.shutdown()
            server.server_close()


if __name__ == "__main__":
    unittest.main()
