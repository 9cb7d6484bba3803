"""The framework-neutral SwarmCallback (reference §6.1-§6.3) over the SL's ML API (docs/ml-api.md).

``SwarmCallbackBase(syncFrequency, minPeers, trainingContract='defaultbb.cqdb.sml.hpe', **kwargs)`` validates every
parameter of reference §6.2, reads ``SWARM_LOOPBACK`` (and ``SWARM_SL_URL``, ``SWARM_SL_TOKEN``,
``SWARM_SL_POLL_SECONDS``) at construction, and drives the lifecycle: ``on_train_begin`` opens the session and syncs
the initial parameters; ``on_batch_end`` counts down and syncs when the countdown was already 0; ``on_epoch_end``
counts epochs; ``on_train_end`` closes and loads the final model. A framework adapter implements the five hooks.
"""
import logging
import math
import os
import re
import sys
from collections import OrderedDict

from . import safetensors
from .client import DEFAULT_WAIT_SECONDS, MlApiClient
from .errors import SwarmError

__all__ = ["SwarmCallbackBase", "SwarmError", "SyncCountdown", "DEFAULT_CONTRACT", "MERGE_METHODS", "CHECKIN_MODES",
           "default_logger", "program_name"]

DEFAULT_CONTRACT = "defaultbb.cqdb.sml.hpe"
MERGE_METHODS = ("mean", "coordmedian", "geomedian", "trimmedmean", "krum")
#: the reference's enum values (1, 2, 3)
MERGE_METHOD_ENUM = {1: "mean", 2: "coordmedian", 3: "geomedian"}
CHECKIN_MODES = ("inactive", "snapshot", "active")
CHECKIN_ENUM = {1: "inactive", 2: "active", 3: "snapshot"}
MAX_PEERS = 0
NUMBER_OF_NODES = 1
MAX_CONTRACT_BYTES = 160
LOG_FORMAT = "%(asctime)s : %(name)s : %(levelname)s : %(message)s"
LOGGER_NAME = "SwarmCallback"

_KNOWN_KWARGS = {
    "useAdaptiveSync", "adsValData", "adsValBatchSize", "checkinModelOnTrainEnd", "nodeWeightage", "mergeMethod",
    "mergeParams", "ml_platform", "mlPlatform", "logger", "totalEpochs", "model", "lossFunction", "lossFunctionArgs",
    "metricFunction", "metricFunctionArgs", "hfMode", "maxPeers", "program", "modelDir", "slUrl", "slToken",
    "loopback", "tf", "sess", "_retry",
}


def default_logger():
    """The reference's default: a ``SwarmCallback`` logger at INFO on stdout in the reference format."""
    logger = logging.getLogger(LOGGER_NAME)
    if not any(getattr(h, "_openswarm_default", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        handler._openswarm_default = True
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger


def program_name(argv0=None):
    """The basename of ``sys.argv[0]`` without its extension, made safe for ``<program>_sw.log`` (default ``ml``)."""
    argv0 = sys.argv[0] if argv0 is None and sys.argv else (argv0 or "")
    name = os.path.splitext(os.path.basename(argv0))[0]
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip("-.")[:100]
    return name if name and name.strip("._-") else "ml"


class SyncCountdown(object):
    """The batch countdown of reference §6.3: a sync answer sets it to the next interval; every batch end first checks
    it for 0 (sync due) and then decrements. So the first in-training sync comes after batch N+1 (N from the sync at
    train begin) and the following ones every N batches."""

    def __init__(self):
        self.interval = 0
        self.remaining = 0

    def reset(self, next_interval):
        if next_interval <= 0:
            raise ValueError("a sync interval has to be positive, got %r" % (next_interval,))
        self.interval = next_interval
        self.remaining = next_interval

    def due(self):
        return self.remaining == 0

    def decrement(self):
        if self.remaining > 0:
            self.remaining -= 1


def _positive_int(value, message):
    if isinstance(value, bool):
        raise SwarmError(message)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise SwarmError(message)
    if isinstance(value, float) and value != number:
        raise SwarmError(message)
    if number <= 0:
        raise SwarmError(message)
    return number


def _int_in(value, low, high, message):
    if isinstance(value, bool):
        raise SwarmError(message)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise SwarmError(message)
    if (isinstance(value, float) and value != number) or not low <= number <= high:
        raise SwarmError(message)
    return number


def _truthy_env(value):
    return value is not None and str(value).strip().lower() == "true"


class SwarmCallbackBase(object):
    """The framework-neutral callback; adapters implement ``_verifyAndSetPlatformContext``,
    ``_getValidationDataForAdaptiveSync``, ``_saveModelWeightsToDict``, ``_loadModelWeightsFromDict`` and
    ``_calculateLocalLossAndMetrics``."""

    #: the ``platform`` sent when the session opens (PYTORCH, KERAS, ...)
    defaultPlatform = None

    def __init__(self, syncFrequency, minPeers, trainingContract=DEFAULT_CONTRACT, **kwargs):
        logger = kwargs.get("logger")
        if logger is not None and not isinstance(logger, logging.Logger):
            raise SwarmError("logger has to be a logging.Logger, got %s" % type(logger).__name__)
        self.logger = logger if logger is not None else default_logger()
        unknown = sorted(set(kwargs) - _KNOWN_KWARGS)
        if unknown:
            self.logger.warning("Ignoring unknown SwarmCallback parameters: %s", ", ".join(unknown))

        self.syncFrequency = _positive_int(syncFrequency, "syncFrequency has to be a positive integer")
        self.minPeers = _positive_int(minPeers, "minPeers has to be a positive integer")
        maxPeers = kwargs.get("maxPeers", MAX_PEERS)
        try:
            self.maxPeers = int(maxPeers)
        except (TypeError, ValueError):
            self.maxPeers = -1
        if isinstance(maxPeers, bool) or not (self.maxPeers == 0 or self.maxPeers >= self.minPeers):
            raise SwarmError("maxPeers has to be 0 (no limit) or at least minPeers (%d), got %r"
                             % (self.minPeers, maxPeers))
        if trainingContract is None:
            raise SwarmError("trainingContract must not be None")
        if not isinstance(trainingContract, str):
            raise SwarmError("trainingContract has to be a string, got %s" % type(trainingContract).__name__)
        size = len(trainingContract.encode("utf-8"))
        if not 1 <= size <= MAX_CONTRACT_BYTES:
            raise SwarmError("trainingContract has to be 1 to %d bytes long, got %d" % (MAX_CONTRACT_BYTES, size))
        self.trainingContract = trainingContract

        self.useAdaptiveSync = bool(kwargs.get("useAdaptiveSync", False))
        self.adsValBatchSize = kwargs.get("adsValBatchSize")
        if self.adsValBatchSize is not None:
            self.adsValBatchSize = _positive_int(self.adsValBatchSize, "adsValBatchSize has to be a positive integer")
        rawValData = kwargs.get("adsValData")
        if self.useAdaptiveSync and rawValData is None:
            raise SwarmError("adsValData is mandatory when useAdaptiveSync is True: give the validation data the SL "
                             "derives the sync interval from")

        self.nodeWeightage = _int_in(kwargs.get("nodeWeightage", 1), 1, 100,
                                     "nodeWeightage has to be an integer between 1 and 100, got %r"
                                     % (kwargs.get("nodeWeightage", 1),))
        self.checkinModelOnTrainEnd = self._checkinMode(kwargs.get("checkinModelOnTrainEnd", "snapshot"))
        self.mergeMethod = self._mergeMethod(kwargs.get("mergeMethod", "mean"))
        self.mergeParams = self._mergeParams(self.mergeMethod, kwargs.get("mergeParams"))

        totalEpochs = kwargs.get("totalEpochs")
        self.totalEpochsGiven = totalEpochs is not None
        self.totalEpochs = (_positive_int(totalEpochs, "totalEpochs has to be a positive integer, got %r"
                                          % (totalEpochs,)) if totalEpochs is not None else 0)
        program = kwargs.get("program")
        if program is None:
            program = program_name()
        elif not isinstance(program, str) or not re.match(r"^[A-Za-z0-9._-]{1,100}$", program):
            raise SwarmError("program has to be 1 to 100 characters of letters, digits, '.', '_' or '-', got %r"
                             % (program,))
        self.program = program
        modelDir = kwargs.get("modelDir")
        if modelDir is not None and not os.path.isabs(str(modelDir)):
            raise SwarmError("modelDir has to be an absolute directory, got '%s'" % modelDir)
        self.modelDir = modelDir

        self.mlPlatform = kwargs.get("ml_platform", kwargs.get("mlPlatform", self.defaultPlatform))
        loopback = kwargs.get("loopback")
        self.isLoopback = bool(loopback) if loopback is not None else _truthy_env(os.environ.get("SWARM_LOOPBACK"))

        # the adapter's checks: the model, the loss and metric, the platform
        self._verifyAndSetPlatformContext(kwargs)
        self.valData = (self._getValidationDataForAdaptiveSync(rawValData, self.adsValBatchSize)
                        if rawValData is not None else None)

        self.countdown = SyncCountdown()
        self.training = False
        self.trainingOver = False
        self.seq = 0
        self.epochsCompleted = 0
        self.mergesDuringTraining = 0
        self._noValDataWarned = False
        self._logParameters()
        self.client = None if self.isLoopback else self._makeClient(kwargs)

    # ------------------------------------------------------------------ validation helpers
    @staticmethod
    def _checkinMode(value):
        if isinstance(value, int) and not isinstance(value, bool) and value in CHECKIN_ENUM:
            return CHECKIN_ENUM[value]
        mode = value.strip().lower() if isinstance(value, str) else None
        if mode not in CHECKIN_MODES:
            raise SwarmError("checkinModelOnTrainEnd has to be one of inactive, snapshot, active (or 1, 2, 3 for "
                             "inactive, active, snapshot), got %r" % (value,))
        return mode

    @staticmethod
    def _mergeMethod(value):
        if isinstance(value, int) and not isinstance(value, bool) and value in MERGE_METHOD_ENUM:
            return MERGE_METHOD_ENUM[value]
        method = value.strip().lower() if isinstance(value, str) else None
        if method not in MERGE_METHODS:
            raise SwarmError("mergeMethod has to be one of %s, got %r" % (", ".join(MERGE_METHODS), value))
        return method

    @staticmethod
    def _mergeParams(method, params):
        if params is None:
            return OrderedDict()
        if not isinstance(params, dict):
            raise SwarmError("mergeParams has to be a dict, got %s" % type(params).__name__)
        allowed = {"trimmedmean": ("beta",), "krum": ("f",)}.get(method, ())
        out = OrderedDict()
        for key, value in params.items():
            if key not in allowed:
                raise SwarmError("mergeParams key '%s' does not apply to mergeMethod %s%s" % (
                    key, method, ", which takes none" if not allowed else "; it takes " + ", ".join(allowed)))
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise SwarmError("mergeParams %s has to be a number, got %r" % (key, value))
            if key == "beta":
                if not (0 <= value < 0.5):
                    raise SwarmError("mergeParams beta of trimmedmean has to be in [0, 0.5), got %r" % (value,))
                out[key] = float(value)
            else:
                if not (math.isfinite(value) and value >= 0 and value == int(value)):
                    raise SwarmError("mergeParams f of krum has to be a non-negative integer, got %r" % (value,))
                out[key] = int(value)
        return out

    def _makeClient(self, kwargs):
        url = kwargs.get("slUrl") or os.environ.get("SWARM_SL_URL")
        token = kwargs.get("slToken") or os.environ.get("SWARM_SL_TOKEN")
        hint = (": start the ML program through SWOP, or set SWARM_SL_URL and SWARM_SL_TOKEN from the SL's ml.env "
                "(<karaf data>/openswarm/sl/<name>/ml.env, or swarm:sl-info <name>); SWARM_LOOPBACK=true trains alone")
        if not url or not url.strip():
            raise SwarmError("SWARM_SL_URL is not set" + hint)
        if not token or not token.strip():
            raise SwarmError("SWARM_SL_TOKEN is not set" + hint)
        wait = DEFAULT_WAIT_SECONDS
        poll = os.environ.get("SWARM_SL_POLL_SECONDS")
        if poll is not None and poll.strip():
            try:
                wait = int(poll.strip())
            except ValueError:
                wait = 0
            if not 1 <= wait <= 300:
                raise SwarmError("SWARM_SL_POLL_SECONDS must be a whole number of seconds within 1..300, got '%s'"
                                 % poll)
        retry = kwargs.get("_retry") or {}
        return MlApiClient(url.strip(), token.strip(), self.logger, wait_seconds=retry.get("wait", wait),
                           initial_delay=retry.get("initial", 1.0), max_delay=retry.get("max", 30.0),
                           connect_attempts=retry.get("attempts", 12))

    def _logParameters(self):
        log = self.logger
        log.info("***Swarm Callback Params: Inside SwarmCallbackBase at user side***")
        log.info("syncFrequency: %s, minPeers: %s, maxPeers: %s, trainingContract: %s, useAdaptiveSync: %s, "
                 "adsValData: %s, adsValBatchSize: %s, checkinModelOnTrainEnd: %s, nodeWeightage: %s, "
                 "mergeMethod: %s, mergeParams: %s, totalEpochs: %s, mlPlatform: %s, program: %s",
                 self.syncFrequency, self.minPeers, self.maxPeers, self.trainingContract, self.useAdaptiveSync,
                 self.valData is not None, self.adsValBatchSize, self.checkinModelOnTrainEnd, self.nodeWeightage,
                 self.mergeMethod, dict(self.mergeParams), self.totalEpochs, self.mlPlatform, self.program)
        if not self.totalEpochsGiven:
            log.warning("totalEpochs not given: Training progress or ETA to complete training may not be supported")
        log.info("***** Is Swarm callback in loopback mode: %s *****", self.isLoopback)

    def sessionParameters(self):
        """The body of ``POST /v1/sessions``."""
        body = OrderedDict([
            ("syncFrequency", self.syncFrequency), ("minPeers", self.minPeers), ("maxPeers", self.maxPeers),
            ("trainingContract", self.trainingContract), ("useAdaptiveSync", self.useAdaptiveSync),
            ("checkinModelOnTrainEnd", self.checkinModelOnTrainEnd), ("nodeWeightage", self.nodeWeightage),
            ("mergeMethod", self.mergeMethod), ("mergeParams", dict(self.mergeParams)),
            ("totalEpochs", self.totalEpochs), ("program", self.program)])
        if self.modelDir is not None:
            body["modelDir"] = str(self.modelDir)
        if self.mlPlatform:
            body["platform"] = str(self.mlPlatform).upper()
        return body

    # ------------------------------------------------------------------ hooks (reference §6.1)
    def _verifyAndSetPlatformContext(self, params):
        """Checks the adapter's own parameters (the model, loss, metric, platform)."""

    def _getValidationDataForAdaptiveSync(self, valData, valBatchSize):
        """Checks the validation data and returns it in the form ``_calculateLocalLossAndMetrics`` uses."""
        return valData

    def _saveModelWeightsToDict(self):
        """The model's parameters as an ordered ``dict[str, numpy.ndarray]``."""
        raise NotImplementedError("a SwarmCallback adapter implements _saveModelWeightsToDict")

    def _loadModelWeightsFromDict(self, weights):
        """Loads ``dict[str, numpy.ndarray]`` (the merged model) into the live model."""
        raise NotImplementedError("a SwarmCallback adapter implements _loadModelWeightsFromDict")

    def _calculateLocalLossAndMetrics(self):
        """``(loss, metric)`` of the live model on the validation data."""
        raise NotImplementedError("a SwarmCallback adapter implements _calculateLocalLossAndMetrics")

    def _wireDtypes(self):
        """Optional ``{name: "BF16"}`` for tensors whose wire dtype numpy cannot hold (bfloat16)."""
        return None

    # ------------------------------------------------------------------ lifecycle (reference §6.3)
    def on_train_begin(self, logs=None):
        """Opens the session and syncs the initial parameters, so every node starts from the same model."""
        if self.training:
            raise SwarmError("on_train_begin was called twice without on_train_end in between")
        self.training = True
        self.trainingOver = False
        self.seq = 0
        self.epochsCompleted = 0
        self.mergesDuringTraining = 0
        if self.isLoopback:
            return
        session = self.client.open(self.sessionParameters())
        self.logger.info("Swarm session %s opened on training contract %s (round %s%s)", session.get("sessionId"),
                         session.get("trainingContract", self.trainingContract), session.get("round"),
                         ", resumed" if session.get("resumed") else "")
        interval = session.get("syncInterval") or 0
        try:
            interval = int(interval)
        except (TypeError, ValueError):
            interval = 0
        self.countdown.reset(interval if interval > 0 else self.syncFrequency)
        self._syncRound(inTraining=False)

    def on_batch_end(self, batch=None, logs=None):
        """Counts a batch down; when the countdown was already 0, syncs first."""
        if self.isLoopback or not self.training or self.trainingOver:
            return
        if self.countdown.due():
            self._syncRound(inTraining=True)
        self.countdown.decrement()

    def on_epoch_end(self, epoch=None, logs=None):
        """Counts an epoch; the count travels with the next sync or metrics."""
        self.epochsCompleted += 1

    def on_train_end(self, logs=None):
        """Hands in the final local parameters, waits for every peer to finish and loads the final model."""
        if not self.training:
            raise SwarmError("on_train_end was called without on_train_begin")
        self.training = False
        self.logger.info("Finished local training !!!")
        if self.isLoopback:
            return
        if self.mergesDuringTraining == 0:
            self.logger.warning("No Swarm merge happened during training: syncFrequency (%d) may be high for the "
                                "number of batches trained; lower it so the peers merge while they train",
                                self.syncFrequency)
        self.client.close(self._parametersBytes(), self.epochsCompleted)
        self.logger.info("Final merging starts at training end. Waiting for other peers to complete ...")
        final = self.client.final()
        self._load("End", final)
        self.trainingOver = True
        self.logger.info("All peers and Swarm training rounds finished. Final Swarm model was loaded.")

    def abort(self):
        """Gives the training up (the reference's kill): the SL checks this node out as inactive."""
        self.training = False
        if not self.isLoopback and self.client is not None:
            self.client.abort()

    def isTrainingOver(self):
        return self.trainingOver

    def syncsDone(self):
        return self.seq

    def syncInterval(self):
        return self.countdown.interval if self.countdown.interval > 0 else self.syncFrequency

    # ------------------------------------------------------------------ internals
    def _syncRound(self, inTraining):
        self.seq += 1
        self.logger.info("Starting Swarm merging round ...")
        merged = self.client.sync(self.seq, self._parametersBytes(), self.epochsCompleted)
        self._load("Sync", merged)
        cur = self.countdown.interval
        nxt = merged.next_interval if merged.next_interval > 0 else cur
        self.countdown.reset(nxt)
        self.logger.info("Merge Done: RVInt [cur: %d Nxt: %d]", cur, nxt)
        if not merged.contributed:
            self.logger.info("This node's parameters were not part of round %d (late or behind); it continues from "
                             "the merged model", merged.round)
        if inTraining:
            self.mergesDuringTraining += 1
        if merged.training_over:
            self.trainingOver = True
            self.logger.info("The SL reports the Swarm training is over; stop training and call on_train_end")
        if inTraining:
            self._reportMetrics()

    def _reportMetrics(self):
        if self.valData is None:
            if not self._noValDataWarned:
                self._noValDataWarned = True
                self.logger.warning("No adsValData: merged models are not evaluated and no loss or metric reaches "
                                    "the SL")
            return
        loss, metric = self._calculateLocalLossAndMetrics()
        self.logger.info("Calculated local loss using merged parameters = %s", loss)
        try:
            loss, metric = float(loss), float(metric)
        except (TypeError, ValueError):
            loss = metric = float("nan")
        if math.isfinite(loss) and math.isfinite(metric):
            self.client.metrics(self.seq, loss, metric, self.epochsCompleted, self.totalEpochs)
        else:
            self.logger.warning("Loss or metric is not a finite number; not reported to the SL")

    def _parametersBytes(self):
        weights = self._saveModelWeightsToDict()
        if not weights:
            raise SwarmError("the model has no parameters to sync: _saveModelWeightsToDict returned none")
        try:
            return safetensors.save(weights, dtypes=self._wireDtypes())
        except ValueError as e:
            raise SwarmError("the model's parameters cannot be written as safetensors: %s" % e)

    def _load(self, what, merged):
        try:
            weights = safetensors.load(merged.body)
        except ValueError as e:
            raise SwarmError("%s Swarm call to SL container failed - the model it answered is not safetensors: %s"
                             % (what, e))
        self._loadModelWeightsFromDict(weights)
