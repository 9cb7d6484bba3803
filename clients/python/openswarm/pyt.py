"""PyTorch adapter: ``SwarmCallback(syncFrequency, minPeers, model=..., ...)`` (reference §6.2-§6.4).

The user calls ``on_train_begin()`` before the loop, ``on_batch_end()`` after every ``optimizer.step()``,
``on_epoch_end(epoch)`` after every epoch and ``on_train_end()`` after the loop. The whole ``state_dict()`` (buffers
included: BatchNorm running statistics, ``num_batches_tracked``) is synced and loaded back with
``load_state_dict(strict=False)``, each tensor in its own dtype and on the device it was on.
"""
from collections import OrderedDict

import numpy as np

from .callback import SwarmCallbackBase
from .errors import SwarmError
from . import metrics as _builtin_metrics

try:
    import torch
except ImportError:  # pragma: no cover - depends on the environment
    torch = None

try:  # the reference's metric classes, when installed
    import torchmetrics
except ImportError:  # pragma: no cover - depends on the environment
    torchmetrics = None

__all__ = ["SwarmCallback", "SwarmError"]


def _require_torch():
    if torch is None:
        raise SwarmError("swarmlearning.pyt needs PyTorch: install torch")


class SwarmCallback(SwarmCallbackBase):
    defaultPlatform = "PYTORCH"

    def __init__(self, syncFrequency, minPeers, trainingContract="defaultbb.cqdb.sml.hpe", **kwargs):
        _require_torch()
        self.model = kwargs.get("model")
        self.lossFunction = kwargs.get("lossFunction")
        self.lossFunctionArgs = kwargs.get("lossFunctionArgs") or {}
        self.metricFunction = kwargs.get("metricFunction")
        self.metricFunctionArgs = kwargs.get("metricFunctionArgs") or {}
        self._bf16 = set()
        super(SwarmCallback, self).__init__(syncFrequency, minPeers, trainingContract, **kwargs)

    # ------------------------------------------------------------------ hooks
    def _verifyAndSetPlatformContext(self, params):
        platform = params.get("ml_platform", params.get("mlPlatform", "PYTORCH"))
        if str(platform).upper() != "PYTORCH":
            raise SwarmError("ml_platform of swarmlearning.pyt has to be PYTORCH, got %r" % (platform,))
        self.mlPlatform = "PYTORCH"
        if self.model is None:
            raise SwarmError("Pytorch model is None")
        if not isinstance(self.model, torch.nn.Module):
            raise SwarmError("model has to be a torch.nn.Module, got %s" % type(self.model).__name__)
        if self.lossFunction is not None:
            if not isinstance(self.lossFunction, str) or not isinstance(getattr(torch.nn, self.lossFunction, None),
                                                                         type):
                raise SwarmError("lossFunction has to be the name of a torch.nn loss class, e.g. 'CrossEntropyLoss',"
                                 " got %r" % (self.lossFunction,))
            if not isinstance(self.lossFunctionArgs, dict):
                raise SwarmError("lossFunctionArgs has to be a dict")
        if self.metricFunction is not None:
            if not isinstance(self.metricFunction, str) or self._metricClass(self.metricFunction) is None:
                raise SwarmError("metricFunction has to be the name of a torchmetrics class%s, got %r" % (
                    "" if torchmetrics is not None else " (built in without torchmetrics: "
                    + ", ".join(sorted(_builtin_metrics.BUILTIN_METRICS)) + ")", self.metricFunction))
            if not isinstance(self.metricFunctionArgs, dict):
                raise SwarmError("metricFunctionArgs has to be a dict")

    @staticmethod
    def _metricClass(name):
        if torchmetrics is not None and isinstance(getattr(torchmetrics, name, None), type):
            return getattr(torchmetrics, name)
        return _builtin_metrics.BUILTIN_METRICS.get(name)

    def _getValidationDataForAdaptiveSync(self, valData, valBatchSize):
        if not isinstance(valData, torch.utils.data.DataLoader):
            raise SwarmError("adsValData has to be a torch.utils.data.DataLoader for PyTorch, got %s"
                             % type(valData).__name__)
        return valData

    def _saveModelWeightsToDict(self):
        weights = OrderedDict()
        self._bf16 = set()
        for name, tensor in self.model.state_dict().items():
            t = tensor.detach()
            if t.device.type != "cpu":
                t = t.cpu()  # CUDA (or other device) tensors are copied to host memory for the wire
            if t.dtype == torch.bfloat16:
                # numpy has no bfloat16: widen exactly to float32 and mark the tensor BF16 on the wire
                self._bf16.add(name)
                t = t.to(torch.float32)
            weights[name] = t.contiguous().numpy().copy()
        return weights

    def _wireDtypes(self):
        return {name: "BF16" for name in self._bf16}

    def _loadModelWeightsFromDict(self, weights):
        current = self.model.state_dict()
        state = OrderedDict()
        for name, array in weights.items():
            target = current.get(name)
            tensor = torch.from_numpy(np.array(array, copy=True, order="C"))  # (ascontiguousarray makes 0-d 1-d)
            if target is not None:
                if tuple(target.shape) != tuple(tensor.shape):
                    raise SwarmError("merged tensor %s has shape %s, the model's is %s"
                                     % (name, tuple(tensor.shape), tuple(target.shape)))
                # the model's own dtype (bfloat16 from float32 is exact) and device (CUDA when it lives there;
                # load_state_dict copies into the existing parameter either way)
                tensor = tensor.to(dtype=target.dtype, device=target.device)
            state[name] = tensor
        missing = [n for n in current if n not in state]
        if missing:
            self.logger.debug("Tensors not in the merged model, kept as they are: %s", ", ".join(missing))
        self.model.load_state_dict(state, strict=False)

    def _calculateLocalLossAndMetrics(self):
        try:
            return self._evaluate()
        except SwarmError:
            raise
        except Exception as e:
            raise SwarmError("Exception in method pyt.py:_calculateLocalLossAndMetrics %s: %s"
                             % (type(e).__name__, e))

    def _evaluate(self):
        model = self.model
        loss_fn = (getattr(torch.nn, self.lossFunction)(**self.lossFunctionArgs)
                   if self.lossFunction is not None else None)
        metric = (self._metricClass(self.metricFunction)(**self.metricFunctionArgs)
                  if self.metricFunction is not None else None)
        try:
            device = next(model.parameters()).device
        except StopIteration:
            device = torch.device("cpu")
        total_loss = 0.0
        model.eval()
        try:
            with torch.no_grad():
                for batch in self.valData:
                    data, target = batch[0], batch[1]
                    data, target = data.to(device), target.to(device)
                    output = model(data)
                    if loss_fn is not None:
                        total_loss += float(loss_fn(output, target).item())
                    if metric is not None:
                        if torchmetrics is not None and isinstance(metric, torch.nn.Module):
                            metric = metric.to(device)
                            metric.update(output, target)
                        else:
                            metric.update(output.detach().cpu().numpy(), target.detach().cpu().numpy())
        finally:
            model.train()  # the reference puts the model back in train mode
        size = len(self.valData.dataset)
        loss = total_loss / size if size else 0.0
        value = 0.0
        if metric is not None:
            value = metric.compute()
            value = float(value.item() if hasattr(value, "item") else value)
        return loss, value
