"""Keras adapter: ``SwarmCallback(syncFrequency, minPeers, ...)`` as a ``tf.keras.callbacks.Callback``.

Keras calls ``on_train_begin``/``on_batch_end``/``on_epoch_end``/``on_train_end``; ``on_train_begin`` captures
``self.model`` (set by Keras). Weights go out as ``dict(zip([w.name for layer in model.layers for w in
layer.weights], model.get_weights()))`` and come back with ``model.set_weights`` in the same order; ``adsValData`` is
an ``(x, y)`` or ``(x, y, sample_weight)`` tuple or a generator / ``tf.data`` dataset evaluated with
``model.evaluate``. When the SL says the training is over, ``model.stop_training`` is set.

Without TensorFlow the module still imports: the class then derives from a plain base with the same hooks (tests
drive it with a stand-in model). It is not tested against real Keras here.
"""
from collections import OrderedDict

import numpy as np

from .callback import SwarmCallbackBase
from .errors import SwarmError

try:
    import tensorflow as tf
    _KerasCallback = tf.keras.callbacks.Callback
    HAVE_TENSORFLOW = True
except ImportError:  # TensorFlow is optional: the module imports without it
    tf = None
    HAVE_TENSORFLOW = False

    class _KerasCallback(object):
        """Stands in for ``tf.keras.callbacks.Callback`` when TensorFlow is not installed."""

        def __init__(self):
            self.model = None

        def set_model(self, model):
            self.model = model

        def set_params(self, params):
            self.params = params

        # Keras' Callback defines every hook as a no-op; so does this stand-in, so the MRO below behaves the same
        # with and without TensorFlow (SwarmCallback has to route each hook to SwarmCallbackBase explicitly)
        def on_train_begin(self, logs=None):
            pass

        def on_train_end(self, logs=None):
            pass

        def on_epoch_begin(self, epoch, logs=None):
            pass

        def on_epoch_end(self, epoch, logs=None):
            pass

        def on_batch_begin(self, batch, logs=None):
            pass

        def on_batch_end(self, batch, logs=None):
            pass

        def on_train_batch_begin(self, batch, logs=None):
            pass

        def on_train_batch_end(self, batch, logs=None):
            pass

__all__ = ["SwarmCallback", "SwarmError", "HAVE_TENSORFLOW"]


class SwarmCallback(_KerasCallback, SwarmCallbackBase):
    defaultPlatform = "KERAS"

    def __init__(self, syncFrequency, minPeers, trainingContract="defaultbb.cqdb.sml.hpe", **kwargs):
        _KerasCallback.__init__(self)
        if kwargs.get("model") is not None:
            self.model = kwargs["model"]
        SwarmCallbackBase.__init__(self, syncFrequency, minPeers, trainingContract, **kwargs)

    # ------------------------------------------------------------------ hooks
    def _verifyAndSetPlatformContext(self, params):
        platform = str(params.get("ml_platform", params.get("mlPlatform", "KERAS"))).upper()
        if platform == "TF":
            raise SwarmError("ml_platform TF (TensorFlow 1 graph mode) is not supported by this client; use KERAS")
        if platform != "KERAS":
            raise SwarmError("ml_platform of swarmlearning.tf has to be KERAS, got %r" % (platform,))
        self.mlPlatform = "KERAS"

    def _getValidationDataForAdaptiveSync(self, valData, valBatchSize):
        if isinstance(valData, tuple) and len(valData) not in (2, 3):
            raise SwarmError("adsValData has to be an (x, y) or (x, y, sample_weight) tuple, a generator or a "
                             "tf.data dataset, got a tuple of %d" % len(valData))
        return valData

    def _weightNames(self):
        names = []
        for layer in self.model.layers:
            for w in layer.weights:
                names.append(w.name)
        return names

    def _saveModelWeightsToDict(self):
        names = self._weightNames()
        values = self.model.get_weights()
        if len(names) != len(values):
            raise SwarmError("the model's layers name %d weights but get_weights() returned %d"
                             % (len(names), len(values)))
        weights = OrderedDict()
        for i, (name, value) in enumerate(zip(names, values)):
            # Keras names need not be unique across layers (e.g. two "kernel:0"); the wire needs unique names
            key = name if name not in weights else "%s#%d" % (name, i)
            weights[key] = np.asarray(value)
        return weights

    def _loadModelWeightsFromDict(self, weights):
        current = self.model.get_weights()
        values = list(weights.values())
        if len(values) != len(current):
            raise SwarmError("the merged model has %d weights, the Keras model %d" % (len(values), len(current)))
        out = []
        for mine, merged in zip(current, values):
            mine = np.asarray(mine)
            if tuple(mine.shape) != tuple(np.shape(merged)):
                raise SwarmError("a merged weight has shape %s, the model's is %s" % (np.shape(merged), mine.shape))
            out.append(np.asarray(merged).astype(mine.dtype, copy=False))
        self.model.set_weights(out)

    def _calculateLocalLossAndMetrics(self):
        data = self.valData
        kwargs = {"verbose": 0}
        if self.adsValBatchSize is not None:
            kwargs["batch_size"] = self.adsValBatchSize
        if isinstance(data, tuple):
            x, y = data[0], data[1]
            if len(data) == 3:
                kwargs["sample_weight"] = data[2]
            result = self.model.evaluate(x, y, **kwargs)
        else:
            kwargs.pop("batch_size", None)
            result = self.model.evaluate(data, **kwargs)
        if isinstance(result, (list, tuple)):
            loss = float(result[0]) if result else 0.0
            metric = float(result[1]) if len(result) > 1 else 0.0
        else:
            loss, metric = float(result), 0.0
        return loss, metric

    # ------------------------------------------------------------------ Keras lifecycle
    def on_train_begin(self, logs=None):
        if self.model is None:
            raise SwarmError("Keras model is None: use the callback in model.fit(callbacks=[...]) or pass model=")
        SwarmCallbackBase.on_train_begin(self, logs)
        self._stopIfOver()

    def on_batch_end(self, batch=None, logs=None):
        SwarmCallbackBase.on_batch_end(self, batch, logs)
        self._stopIfOver()

    def on_train_batch_end(self, batch, logs=None):
        self.on_batch_end(batch, logs)

    def on_epoch_end(self, epoch=None, logs=None):
        SwarmCallbackBase.on_epoch_end(self, epoch, logs)

    def on_train_end(self, logs=None):
        SwarmCallbackBase.on_train_end(self, logs)
        self._stopIfOver()

    def _stopIfOver(self):
        if self.trainingOver and self.model is not None:
            self.model.stop_training = True
