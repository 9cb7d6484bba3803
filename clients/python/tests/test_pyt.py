"""The PyTorch adapter on a tiny model with BatchNorm (skipped without torch)."""
import unittest
import warnings

import numpy as np

from openswarm import safetensors
from openswarm.errors import SwarmError

from helpers import FAST_RETRY, capture_logger
from sl_protocol_double import TOKEN, SlProtocolDouble

try:
    import torch
    from torch.utils.data import DataLoader, TensorDataset
except ImportError:  # pragma: no cover
    torch = None

if torch is not None:
    from openswarm.pyt import SwarmCallback
    from swarmlearning.pyt import SwarmCallback as RefSwarmCallback

    class TinyNet(torch.nn.Module):
        """Linear + BatchNorm, a float64 and a float16 parameter, a bfloat16 buffer and an int buffer."""

        def __init__(self):
            super(TinyNet, self).__init__()
            self.fc = torch.nn.Linear(4, 3)
            self.bn = torch.nn.BatchNorm1d(3)
            self.scale64 = torch.nn.Parameter(torch.ones(3, dtype=torch.float64))
            self.p16 = torch.nn.Parameter(torch.full((2,), 0.5, dtype=torch.float16))
            self.register_buffer("bf", torch.tensor([1.5, -0.25], dtype=torch.bfloat16))
            self.register_buffer("counter", torch.tensor([7], dtype=torch.int32))
            self.modes = []

        def forward(self, x):
            self.modes.append(self.training)
            return self.bn(self.fc(x)) * self.scale64.float()


def loader(n=10, batch=4, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 4, generator=g)
    y = torch.randint(0, 3, (n,), generator=g)
    return DataLoader(TensorDataset(x, y), batch_size=batch)


@unittest.skipIf(torch is None, "torch is not installed")
class PytorchAdapterTest(unittest.TestCase):
    def make(self, model=None, **kwargs):
        kwargs.setdefault("loopback", True)
        kwargs.setdefault("logger", capture_logger()[0])
        return SwarmCallback(2, 1, model=model if model is not None else TinyNet(), **kwargs)

    def test_reference_import(self):
        self.assertIs(RefSwarmCallback, SwarmCallback)
        self.assertEqual(self.make().mlPlatform, "PYTORCH")

    def test_model_required(self):
        with self.assertRaises(SwarmError) as ctx:
            SwarmCallback(2, 1, loopback=True, logger=capture_logger()[0])
        self.assertEqual(str(ctx.exception), "Pytorch model is None")
        with self.assertRaises(SwarmError):
            self.make(model=object())

    def test_validation_data_must_be_a_dataloader(self):
        with self.assertRaises(SwarmError) as ctx:
            self.make(adsValData=[(torch.zeros(1, 4), torch.zeros(1))])
        self.assertIn("adsValData has to be a torch.utils.data.DataLoader", str(ctx.exception))
        self.assertIsNotNone(self.make(adsValData=loader()).valData)

    def test_loss_and_metric_names(self):
        with self.assertRaises(SwarmError):
            self.make(lossFunction="NoSuchLoss")
        with self.assertRaises(SwarmError):
            self.make(lossFunction="Linear_")
        with self.assertRaises(SwarmError):
            self.make(metricFunction="NoSuchMetric")
        with self.assertRaises(SwarmError):
            self.make(ml_platform="KERAS")
        self.make(lossFunction="CrossEntropyLoss", metricFunction="F1Score",
                  metricFunctionArgs={"task": "multiclass", "num_classes": 3})

    def test_state_dict_round_trip_dtypes_kept(self):
        source = TinyNet()
        with torch.no_grad():
            source.fc.weight.normal_()
            source.scale64.mul_(1.0 / 3)
            source.p16.fill_(0.125)
            source.bf.fill_(2.5)
        source.train()
        source(torch.randn(5, 4))  # BatchNorm running statistics and num_batches_tracked move
        cb = self.make(model=source)
        weights = cb._saveModelWeightsToDict()
        self.assertEqual(list(weights), list(source.state_dict()))
        self.assertIn("bn.running_mean", weights)
        self.assertEqual(weights["bn.num_batches_tracked"].dtype, np.int64)
        self.assertEqual(int(weights["bn.num_batches_tracked"]), 1)
        self.assertEqual(weights["scale64"].dtype, np.float64)
        self.assertEqual(weights["p16"].dtype, np.float16)
        self.assertEqual(weights["counter"].dtype, np.int32)
        body = cb._parametersBytes()
        wire = {k: d for k, (_, d) in safetensors.decode(body).items()}
        self.assertEqual(wire["bf"], "BF16")
        self.assertEqual(wire["scale64"], "F64")
        self.assertEqual(wire["p16"], "F16")
        self.assertEqual(wire["bn.num_batches_tracked"], "I64")
        target = TinyNet()
        tcb = self.make(model=target)
        tcb._loadModelWeightsFromDict(safetensors.load(body))
        for name, tensor in source.state_dict().items():
            loaded = target.state_dict()[name]
            self.assertEqual(loaded.dtype, tensor.dtype, name)
            self.assertEqual(loaded.device, tensor.device, name)
            self.assertTrue(torch.equal(loaded, tensor), name)

    def test_bfloat16_parameter_round_trip(self):
        model = torch.nn.Linear(3, 2).to(torch.bfloat16)
        cb = self.make(model=model)
        body = cb._parametersBytes()
        before = {k: v.clone() for k, v in model.state_dict().items()}
        with torch.no_grad():
            model.weight.zero_()
        cb._loadModelWeightsFromDict(safetensors.load(body))
        for name, tensor in model.state_dict().items():
            self.assertEqual(tensor.dtype, torch.bfloat16)
            self.assertTrue(torch.equal(tensor, before[name]))

    def test_shape_mismatch(self):
        cb = self.make()
        weights = cb._saveModelWeightsToDict()
        weights["fc.weight"] = np.zeros((1, 1), np.float32)
        with self.assertRaises(SwarmError):
            cb._loadModelWeightsFromDict(weights)

    def test_loss_and_metric_match_hand_computation(self):
        model = TinyNet()
        model.train()
        val = loader(n=10, batch=4)
        cb = self.make(model=model, adsValData=val, lossFunction="CrossEntropyLoss",
                       lossFunctionArgs={"reduction": "sum"}, metricFunction="Accuracy",
                       metricFunctionArgs={"task": "multiclass", "num_classes": 3})
        model.modes.clear()
        loss, metric = cb._calculateLocalLossAndMetrics()
        self.assertEqual(set(model.modes), {False})  # evaluated in eval mode
        self.assertTrue(model.training)  # and back in train mode
        model.eval()
        total, correct = 0.0, 0
        with torch.no_grad():
            for x, y in val:
                out = model(x)
                total += torch.nn.functional.cross_entropy(out, y, reduction="sum").item()
                correct += int((out.argmax(1) == y).sum())
        self.assertAlmostEqual(loss, total / 10, places=5)  # per-batch losses summed, divided by len(dataset)
        self.assertAlmostEqual(metric, correct / 10, places=6)

    def test_mean_reduction_divided_by_dataset_size_as_the_reference(self):
        model = TinyNet()
        val = loader(n=8, batch=4)
        cb = self.make(model=model, adsValData=val, lossFunction="CrossEntropyLoss")
        loss, metric = cb._calculateLocalLossAndMetrics()
        self.assertEqual(metric, 0.0)  # no metricFunction
        model.eval()
        with torch.no_grad():
            batch_means = [torch.nn.functional.cross_entropy(model(x), y).item() for x, y in val]
        self.assertAlmostEqual(loss, sum(batch_means) / 8, places=5)

    def test_exception_in_loss_is_a_swarm_error(self):
        model = torch.nn.Linear(4, 3)
        cb = self.make(model=model, adsValData=loader(), lossFunction="MSELoss")  # shapes do not fit
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with self.assertRaises(SwarmError) as ctx:
                cb._calculateLocalLossAndMetrics()
        self.assertTrue(str(ctx.exception).startswith("Exception in method pyt.py:_calculateLocalLossAndMetrics"))
        self.assertTrue(model.training)

    def test_training_against_the_protocol_double(self):
        torch.manual_seed(0)
        model = TinyNet()
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        data = loader(n=16, batch=4, seed=1)
        logger, stream = capture_logger()
        with SlProtocolDouble(merge_offset=1.0, final_offset=10.0) as sl:
            cb = SwarmCallback(2, 1, model=model, adsValData=loader(n=6, batch=3), lossFunction="CrossEntropyLoss",
                               metricFunction="Accuracy", metricFunctionArgs={"task": "multiclass", "num_classes": 3},
                               totalEpochs=2, logger=logger, slUrl=sl.url, slToken=TOKEN, loopback=False,
                               _retry=FAST_RETRY)
            before = model.fc.bias.detach().clone()
            cb.on_train_begin()
            self.assertTrue(torch.allclose(model.fc.bias, before + 1))  # the "merged" model was loaded
            for epoch in range(2):
                for x, y in data:
                    opt.zero_grad()
                    torch.nn.functional.cross_entropy(model(x), y).backward()
                    opt.step()
                    cb.on_batch_end()
                cb.on_epoch_end(epoch)
            cb.on_train_end()
            self.assertEqual(len(sl.syncs), 4)  # begin + after batches 3, 5, 7
            self.assertEqual(len(sl.metrics), 3)
            self.assertEqual(sl.opened[0]["platform"], "PYTORCH")
            closed = safetensors.load(sl.closes[0][1])
            self.assertTrue(np.allclose(model.fc.bias.detach().numpy(), closed["fc.bias"] + 10))
            self.assertEqual(model.bn.num_batches_tracked.dtype, torch.int64)
            self.assertEqual(int(model.bn.num_batches_tracked), int(closed["bn.num_batches_tracked"]))
            self.assertEqual(model.p16.dtype, torch.float16)
            self.assertIn("Calculated local loss using merged parameters = ", stream.getvalue())


if __name__ == "__main__":
    unittest.main()
