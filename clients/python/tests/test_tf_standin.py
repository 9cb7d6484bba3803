"""The Keras adapter's weight and evaluate logic, driven by a STAND-IN for a Keras model (TensorFlow is not installed
here; the adapter is untested against real Keras)."""
import unittest

import numpy as np

from openswarm import safetensors
from openswarm.errors import SwarmError
from openswarm.tf import HAVE_TENSORFLOW, SwarmCallback
from swarmlearning.tf import SwarmCallback as RefSwarmCallback

from helpers import FAST_RETRY, capture_logger
from sl_protocol_double import TOKEN, SlProtocolDouble


class _StandInWeight(object):
    def __init__(self, name):
        self.name = name


class _StandInLayer(object):
    def __init__(self, names):
        self.weights = [_StandInWeight(n) for n in names]


class KerasModelStandIn(object):
    """STAND-IN for a tf.keras Model: layers with named weights, get/set_weights, evaluate, stop_training."""

    def __init__(self):
        self.layers = [_StandInLayer(["dense/kernel:0", "dense/bias:0"]), _StandInLayer([]),
                       _StandInLayer(["bn/gamma:0", "bn/moving_mean:0"]), _StandInLayer(["dense/kernel:0"])]
        self._weights = [np.full((2, 3), 0.5, np.float32), np.zeros(3, np.float32), np.ones(3, np.float32),
                         np.zeros(3, np.float32), np.arange(4, dtype=np.float64).reshape(2, 2)]
        self.evaluated = []
        self.stop_training = False

    def get_weights(self):
        return [w.copy() for w in self._weights]

    def set_weights(self, weights):
        self._weights = [np.array(w) for w in weights]

    def evaluate(self, x, y=None, **kwargs):
        self.evaluated.append((x, y, kwargs))
        return [0.25, 0.8]


@unittest.skipIf(HAVE_TENSORFLOW, "these tests use a stand-in model; TensorFlow is installed")
class KerasAdapterStandInTest(unittest.TestCase):
    def make(self, **kwargs):
        kwargs.setdefault("loopback", True)
        kwargs.setdefault("logger", capture_logger()[0])
        return SwarmCallback(2, 1, **kwargs)

    def test_reference_import_and_platform(self):
        self.assertIs(RefSwarmCallback, SwarmCallback)
        self.assertEqual(self.make().mlPlatform, "KERAS")
        with self.assertRaises(SwarmError):
            self.make(ml_platform="TF")
        with self.assertRaises(SwarmError):
            self.make(ml_platform="PYTORCH")

    def test_model_captured_at_train_begin(self):
        cb = self.make()
        with self.assertRaises(SwarmError):
            cb.on_train_begin()
        cb = self.make()
        model = KerasModelStandIn()
        cb.set_model(model)  # what Keras does before on_train_begin
        cb.on_train_begin()
        self.assertIs(cb.model, model)
        cb.on_batch_end(0)
        cb.on_train_batch_end(1)
        cb.on_epoch_end(0)
        cb.on_epoch_end(1)
        self.assertEqual(cb.epochsCompleted, 2)  # routed to SwarmCallbackBase, not Keras' no-op hook
        cb.on_train_end()
        self.assertFalse(cb.training)

    def test_weights_by_layer_weight_names_and_back(self):
        model = KerasModelStandIn()
        cb = self.make(model=model)
        weights = cb._saveModelWeightsToDict()
        self.assertEqual(list(weights), ["dense/kernel:0", "dense/bias:0", "bn/gamma:0", "bn/moving_mean:0",
                                         "dense/kernel:0#4"])  # a repeated name is made unique
        merged = safetensors.load(safetensors.save({k: v + 1 for k, v in weights.items()}))
        cb._loadModelWeightsFromDict(merged)
        for before, after in zip(KerasModelStandIn().get_weights(), model.get_weights()):
            self.assertEqual(after.dtype, before.dtype)
            np.testing.assert_array_equal(after, before + 1)
        with self.assertRaises(SwarmError):
            cb._loadModelWeightsFromDict({"x": np.zeros(1)})

    def test_evaluate_tuple(self):
        model = KerasModelStandIn()
        x, y, w = np.zeros((4, 2)), np.zeros(4), np.ones(4)
        cb = self.make(model=model, adsValData=(x, y), adsValBatchSize=8)
        self.assertEqual(cb._calculateLocalLossAndMetrics(), (0.25, 0.8))
        self.assertIs(model.evaluated[0][0], x)
        self.assertEqual(model.evaluated[0][2], {"verbose": 0, "batch_size": 8})
        cb = self.make(model=model, adsValData=(x, y, w))
        cb._calculateLocalLossAndMetrics()
        self.assertIs(model.evaluated[1][2]["sample_weight"], w)
        with self.assertRaises(SwarmError):
            self.make(model=model, adsValData=(x,))

    def test_training_over_stops_training(self):
        model = KerasModelStandIn()
        with SlProtocolDouble(training_over_at=2) as sl:
            cb = SwarmCallback(1, 1, model=model, adsValData=(np.zeros((2, 2)), np.zeros(2)), totalEpochs=1,
                               logger=capture_logger()[0], slUrl=sl.url, slToken=TOKEN, loopback=False,
                               _retry=FAST_RETRY)
            cb.on_train_begin()
            np.testing.assert_array_equal(model.get_weights()[0], np.full((2, 3), 1.5))  # merged (+1) loaded
            self.assertFalse(model.stop_training)
            cb.on_batch_end(0)
            cb.on_batch_end(1)
            self.assertTrue(model.stop_training)
            self.assertEqual(len(sl.metrics), 1)
            self.assertEqual(sl.metrics[0]["loss"], 0.25)
            self.assertEqual(sl.opened[0]["platform"], "KERAS")
            cb.on_train_end()


if __name__ == "__main__":
    unittest.main()
