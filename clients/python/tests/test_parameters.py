"""Parameter rules of reference §6.2, the §6.3 countdown, SWARM_LOOPBACK and the default logger."""
import logging
import os
import sys
import unittest
from unittest import mock

from openswarm.callback import SwarmCallbackBase, SyncCountdown, default_logger, program_name
from openswarm.errors import SwarmError
from swarmlearning.client.swarm import SwarmCallbackBase as RefBase, SwarmError as RefError

from helpers import NumpyStandInCallback, capture_logger
from sl_protocol_double import SlProtocolDouble


def make(*args, **kwargs):
    if "logger" not in kwargs:
        kwargs["logger"] = capture_logger()[0]
    kwargs.setdefault("loopback", True)
    return NumpyStandInCallback(*args, **kwargs)


class ParameterRulesTest(unittest.TestCase):
    def assertRejected(self, message_part, *args, **kwargs):
        with self.assertRaises(SwarmError) as ctx:
            make(*args, **kwargs)
        self.assertIn(message_part, str(ctx.exception))

    def test_reference_names(self):
        self.assertIs(RefBase, SwarmCallbackBase)
        self.assertIs(RefError, SwarmError)
        self.assertTrue(issubclass(SwarmError, Exception))

    def test_defaults(self):
        cb = make(128, 2)
        self.assertEqual(cb.syncFrequency, 128)
        self.assertEqual(cb.minPeers, 2)
        self.assertEqual(cb.maxPeers, 0)
        self.assertEqual(cb.trainingContract, "defaultbb.cqdb.sml.hpe")
        self.assertFalse(cb.useAdaptiveSync)
        self.assertEqual(cb.checkinModelOnTrainEnd, "snapshot")
        self.assertEqual(cb.nodeWeightage, 1)
        self.assertEqual(cb.mergeMethod, "mean")
        self.assertEqual(dict(cb.mergeParams), {})
        self.assertEqual(cb.totalEpochs, 0)

    def test_sync_frequency(self):
        for bad in (0, -1, "x", None, 1.5, True):
            self.assertRejected("syncFrequency has to be a positive integer", bad, 1)
        self.assertEqual(make("16", 1).syncFrequency, 16)  # "must cast to int"
        self.assertEqual(make(4.0, 1).syncFrequency, 4)

    def test_min_peers(self):
        for bad in (0, -3, "two", None):
            self.assertRejected("minPeers has to be a positive integer", 1, bad)

    def test_max_peers(self):
        self.assertEqual(make(1, 2, maxPeers=0).maxPeers, 0)
        self.assertEqual(make(1, 2, maxPeers=3).maxPeers, 3)
        self.assertRejected("maxPeers has to be 0 (no limit) or at least minPeers (2)", 1, 2, maxPeers=1)

    def test_training_contract(self):
        self.assertRejected("trainingContract must not be None", 1, 1, None)
        self.assertRejected("trainingContract has to be 1 to 160 bytes long, got 0", 1, 1, "")
        self.assertRejected("trainingContract has to be 1 to 160 bytes long, got 161", 1, 1, "c" * 161)
        self.assertEqual(make(1, 1, "mycontract").trainingContract, "mycontract")
        self.assertEqual(make(1, 1, trainingContract="kw").trainingContract, "kw")

    def test_adaptive_sync_needs_validation_data(self):
        self.assertRejected("adsValData is mandatory when useAdaptiveSync is True", 1, 1, useAdaptiveSync=True)
        self.assertTrue(make(1, 1, useAdaptiveSync=True, adsValData=[1]).useAdaptiveSync)

    def test_node_weightage(self):
        for bad in (0, 101, -1, "a", 2.5):
            self.assertRejected("nodeWeightage has to be an integer between 1 and 100", 1, 1, nodeWeightage=bad)
        self.assertEqual(make(1, 1, nodeWeightage=100).nodeWeightage, 100)
        self.assertEqual(make(1, 1, nodeWeightage=1).nodeWeightage, 1)

    def test_checkin_model_on_train_end(self):
        for value, mode in (("INACTIVE", "inactive"), ("Snapshot", "snapshot"), ("active", "active"),
                            (1, "inactive"), (2, "active"), (3, "snapshot")):
            self.assertEqual(make(1, 1, checkinModelOnTrainEnd=value).checkinModelOnTrainEnd, mode)
        for bad in ("sometimes", 0, 4, None):
            self.assertRejected("checkinModelOnTrainEnd has to be one of inactive, snapshot, active", 1, 1,
                                checkinModelOnTrainEnd=bad)

    def test_merge_method(self):
        for value, method in (("MEAN", "mean"), ("CoordMedian", "coordmedian"), ("geomedian", "geomedian"),
                              ("TrimmedMean", "trimmedmean"), ("krum", "krum"), (1, "mean"), (2, "coordmedian"),
                              (3, "geomedian")):
            self.assertEqual(make(1, 1, mergeMethod=value).mergeMethod, method)
        self.assertRejected("mergeMethod has to be one of mean, coordmedian, geomedian, trimmedmean, krum", 1, 1,
                            mergeMethod="median")

    def test_merge_params(self):
        self.assertEqual(dict(make(1, 1, mergeMethod="trimmedmean", mergeParams={"beta": 0.2}).mergeParams),
                         {"beta": 0.2})
        self.assertEqual(dict(make(1, 1, mergeMethod="krum", mergeParams={"f": 2}).mergeParams), {"f": 2})
        self.assertRejected("mergeParams beta of trimmedmean has to be in [0, 0.5)", 1, 1, mergeMethod="trimmedmean",
                            mergeParams={"beta": 0.5})
        self.assertRejected("mergeParams beta of trimmedmean has to be in [0, 0.5)", 1, 1, mergeMethod="trimmedmean",
                            mergeParams={"beta": -0.1})
        self.assertRejected("mergeParams f of krum has to be a non-negative integer", 1, 1, mergeMethod="krum",
                            mergeParams={"f": 1.5})
        self.assertRejected("mergeParams f of krum has to be a non-negative integer", 1, 1, mergeMethod="krum",
                            mergeParams={"f": -1})
        self.assertRejected("mergeParams key 'beta' does not apply to mergeMethod mean, which takes none", 1, 1,
                            mergeParams={"beta": 0.1})
        self.assertRejected("mergeParams key 'f' does not apply to mergeMethod trimmedmean; it takes beta", 1, 1,
                            mergeMethod="trimmedmean", mergeParams={"f": 1})
        self.assertRejected("mergeParams has to be a dict", 1, 1, mergeParams=[1])

    def test_total_epochs(self):
        self.assertEqual(make(1, 1, totalEpochs=5).totalEpochs, 5)
        for bad in (0, -1, "x"):
            self.assertRejected("totalEpochs has to be a positive integer", 1, 1, totalEpochs=bad)

    def test_total_epochs_missing_warns(self):
        logger, stream = capture_logger()
        make(1, 1, logger=logger)
        self.assertIn("Training progress or ETA to complete training may not be supported", stream.getvalue())

    def test_logger_type(self):
        self.assertRejected("logger has to be a logging.Logger", 1, 1, logger="nope")

    def test_program_and_model_dir(self):
        self.assertRejected("program has to be 1 to 100 characters", 1, 1, program="a b")
        self.assertRejected("modelDir has to be an absolute directory", 1, 1, modelDir="rel/dir")
        self.assertEqual(program_name("/x/y/mnist_pyt.py"), "mnist_pyt")
        self.assertEqual(program_name("train"), "train")
        self.assertEqual(program_name(""), "ml")
        self.assertEqual(program_name("-c"), "c")
        self.assertEqual(program_name("/x/my prog.py"), "my_prog")
        with mock.patch.object(sys, "argv", ["/opt/prog/cifar10.py"]):
            self.assertEqual(make(1, 1).program, "cifar10")

    def test_ml_platform_alias(self):
        self.assertEqual(make(1, 1, ml_platform="X").mlPlatform, "X")
        self.assertEqual(make(1, 1, mlPlatform="Y").mlPlatform, "Y")

    def test_session_body(self):
        cb = make(8, 2, "c1", maxPeers=3, useAdaptiveSync=True, adsValData=[1], checkinModelOnTrainEnd="ACTIVE",
                  nodeWeightage=7, mergeMethod="Krum", mergeParams={"f": 1}, totalEpochs=3, program="p",
                  modelDir="/tmp/m", ml_platform="pytorch")
        self.assertEqual(dict(cb.sessionParameters()), {
            "syncFrequency": 8, "minPeers": 2, "maxPeers": 3, "trainingContract": "c1", "useAdaptiveSync": True,
            "checkinModelOnTrainEnd": "active", "nodeWeightage": 7, "mergeMethod": "krum", "mergeParams": {"f": 1},
            "totalEpochs": 3, "program": "p", "modelDir": "/tmp/m", "platform": "PYTORCH"})

    def test_parameter_dump_log_lines(self):
        logger, stream = capture_logger()
        make(5, 2, logger=logger, totalEpochs=2)
        text = stream.getvalue()
        self.assertIn(" : SwarmCallbackTest : INFO : ***Swarm Callback Params: Inside SwarmCallbackBase at user "
                      "side***", text)
        self.assertIn("syncFrequency: 5, minPeers: 2", text)
        self.assertIn("***** Is Swarm callback in loopback mode: True *****", text)

    def test_default_logger(self):
        logger = default_logger()
        self.assertEqual(logger.name, "SwarmCallback")
        self.assertEqual(logger.level, logging.INFO)
        handlers = [h for h in logger.handlers if getattr(h, "_openswarm_default", False)]
        self.assertEqual(len(handlers), 1)
        self.assertIs(handlers[0].stream, sys.stdout)
        self.assertEqual(handlers[0].formatter._fmt, "%(asctime)s : %(name)s : %(levelname)s : %(message)s")
        default_logger()
        self.assertEqual(len([h for h in logger.handlers if getattr(h, "_openswarm_default", False)]), 1)

    def test_missing_sl_url_outside_loopback(self):
        with mock.patch.dict(os.environ, {"SWARM_LOOPBACK": "", "SWARM_SL_URL": "", "SWARM_SL_TOKEN": ""}):
            with self.assertRaises(SwarmError) as ctx:
                NumpyStandInCallback(1, 1, logger=capture_logger()[0])
            self.assertIn("SWARM_SL_URL is not set", str(ctx.exception))
            with self.assertRaises(SwarmError) as ctx:
                NumpyStandInCallback(1, 1, logger=capture_logger()[0], slUrl="http://127.0.0.1:1")
            self.assertIn("SWARM_SL_TOKEN is not set", str(ctx.exception))

    def test_poll_seconds(self):
        env = {"SWARM_LOOPBACK": "false", "SWARM_SL_URL": "http://127.0.0.1:1", "SWARM_SL_TOKEN": "t"}
        with mock.patch.dict(os.environ, dict(env, SWARM_SL_POLL_SECONDS="7")):
            self.assertEqual(NumpyStandInCallback(1, 1, logger=capture_logger()[0]).client.wait_seconds, 7)
        for bad in ("0", "301", "x"):
            with mock.patch.dict(os.environ, dict(env, SWARM_SL_POLL_SECONDS=bad)):
                with self.assertRaises(SwarmError) as ctx:
                    NumpyStandInCallback(1, 1, logger=capture_logger()[0])
                self.assertIn("SWARM_SL_POLL_SECONDS must be a whole number of seconds within 1..300",
                              str(ctx.exception))
        with mock.patch.dict(os.environ, dict(env, SWARM_SL_URL="ftp://x")):
            with self.assertRaises(SwarmError):
                NumpyStandInCallback(1, 1, logger=capture_logger()[0])


class CountdownTest(unittest.TestCase):
    def test_first_merge_after_batch_n_plus_1_then_every_n(self):
        c = SyncCountdown()
        c.reset(3)  # the sync at train begin answered 3
        syncs = []
        for batch in range(1, 12):
            if c.due():
                syncs.append(batch)
                c.reset(3)
            c.decrement()
        self.assertEqual(syncs, [4, 7, 10])

    def test_interval_change(self):
        c = SyncCountdown()
        c.reset(2)
        syncs, intervals = [], [5]
        for batch in range(1, 15):
            if c.due():
                syncs.append(batch)
                c.reset(intervals.pop(0) if intervals else 1)
            c.decrement()
        # after 2 -> sync at batch 3; then 5 -> 8; then 1 -> 9, 10, ...
        self.assertEqual(syncs[:4], [3, 8, 9, 10])

    def test_rejects_non_positive(self):
        with self.assertRaises(ValueError):
            SyncCountdown().reset(0)


class LoopbackTest(unittest.TestCase):
    def test_env_any_case(self):
        for value in ("true", "TRUE", "True", " tRuE "):
            with mock.patch.dict(os.environ, {"SWARM_LOOPBACK": value}):
                self.assertTrue(NumpyStandInCallback(1, 1, logger=capture_logger()[0]).isLoopback)

    def test_validation_still_applies(self):
        with mock.patch.dict(os.environ, {"SWARM_LOOPBACK": "true"}):
            with self.assertRaises(SwarmError):
                NumpyStandInCallback(0, 1, logger=capture_logger()[0])

    def test_no_http_call(self):
        with SlProtocolDouble() as sl:
            env = {"SWARM_LOOPBACK": "True", "SWARM_SL_URL": sl.url, "SWARM_SL_TOKEN": "test-token"}
            with mock.patch.dict(os.environ, env):
                cb = NumpyStandInCallback(1, 1, logger=capture_logger()[0], adsValData=[1], totalEpochs=2)
                self.assertIsNone(cb.client)
                cb.on_train_begin()
                for _ in range(2):
                    for _ in range(5):
                        cb.on_batch_end()
                    cb.on_epoch_end()
                cb.on_train_end()
            self.assertEqual(sl.requests, [])
            self.assertEqual(cb.epochsCompleted, 2)
            self.assertEqual(cb.evaluations, 0)
            self.assertEqual(cb.loaded, [])


if __name__ == "__main__":
    unittest.main()
