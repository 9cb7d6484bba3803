"""Shared test helpers: a numpy "model" adapter (a stand-in for a framework) and quiet loggers."""
import io
import logging
from collections import OrderedDict

import numpy as np

from openswarm.callback import SwarmCallbackBase

FAST_RETRY = {"initial": 0.01, "max": 0.02, "attempts": 3, "wait": 1}


def capture_logger(name="SwarmCallbackTest"):
    """A logger writing into a StringIO in the reference format; returns (logger, stream)."""
    logger = logging.getLogger(name)
    for h in list(logger.handlers):
        logger.removeHandler(h)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s : %(name)s : %(levelname)s : %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    return logger, stream


class NumpyStandInCallback(SwarmCallbackBase):
    """A framework stand-in: the "model" is an ordered dict of numpy arrays; evaluation returns fixed numbers."""

    defaultPlatform = "NUMPY"

    def __init__(self, *args, **kwargs):
        self.weights = OrderedDict([("w", np.zeros((2, 2), np.float32)), ("steps", np.array(0, np.int64))])
        self.loaded = []
        self.evaluations = 0
        super(NumpyStandInCallback, self).__init__(*args, **kwargs)

    def _saveModelWeightsToDict(self):
        return OrderedDict((k, v.copy()) for k, v in self.weights.items())

    def _loadModelWeightsFromDict(self, weights):
        self.loaded.append(weights)
        self.weights = OrderedDict((k, np.array(v)) for k, v in weights.items())

    def _calculateLocalLossAndMetrics(self):
        self.evaluations += 1
        return 0.5, 0.75
