"""The built-in metrics (used when torchmetrics is missing) against hand-computed values."""
import unittest

import numpy as np

from openswarm.metrics import Accuracy, F1Score, Precision, Recall

# targets and predicted classes; confusion (rows = target, columns = prediction):
# class 0: tp 2, fn 1 (predicted 1), fp 1 (a 2 predicted 0)
TARGET = np.array([0, 0, 0, 1, 1, 2, 2, 2])
PRED = np.array([0, 0, 1, 1, 1, 2, 0, 2])
# per class: precision 0: 2/3, 1: 2/3, 2: 2/2; recall 0: 2/3, 1: 2/2, 2: 2/3
P = [2 / 3, 2 / 3, 1.0]
R = [2 / 3, 1.0, 2 / 3]
F = [2 * p * r / (p + r) for p, r in zip(P, R)]


class MetricsTest(unittest.TestCase):
    def args(self, **kw):
        return dict(task="multiclass", num_classes=3, **kw)

    def test_accuracy(self):
        self.assertAlmostEqual(Accuracy(**self.args())(PRED, TARGET), 6 / 8)
        self.assertAlmostEqual(Accuracy(**self.args(average="macro"))(PRED, TARGET), np.mean(R))

    def test_precision_recall_f1_macro(self):
        self.assertAlmostEqual(Precision(**self.args())(PRED, TARGET), np.mean(P))
        self.assertAlmostEqual(Recall(**self.args())(PRED, TARGET), np.mean(R))
        self.assertAlmostEqual(F1Score(**self.args())(PRED, TARGET), np.mean(F))

    def test_micro_and_weighted(self):
        self.assertAlmostEqual(F1Score(**self.args(average="micro"))(PRED, TARGET), 6 / 8)
        support = np.array([3, 2, 3])
        self.assertAlmostEqual(F1Score(**self.args(average="weighted"))(PRED, TARGET), float((F * support).sum() / 8))
        np.testing.assert_allclose(Recall(**self.args(average="none"))(PRED, TARGET), R)

    def test_scores_are_argmaxed_and_batches_accumulate(self):
        scores = np.eye(3)[PRED] * 5.0 - 1.0
        m = Accuracy(**self.args())
        m.update(scores[:4], TARGET[:4])
        m.update(scores[4:], TARGET[4:])
        self.assertAlmostEqual(m.compute(), 6 / 8)

    def test_binary(self):
        target = np.array([1, 0, 1, 1, 0])
        probs = np.array([0.9, 0.6, 0.2, 0.7, 0.1])  # predictions 1 1 0 1 0: tp 2, fp 1, fn 1
        self.assertAlmostEqual(Accuracy(task="binary")(probs, target), 3 / 5)
        self.assertAlmostEqual(Precision(task="binary")(probs, target), 2 / 3)
        self.assertAlmostEqual(Recall(task="binary")(probs, target), 2 / 3)
        self.assertAlmostEqual(F1Score(task="binary")(probs, target), 2 / 3)

    def test_arguments(self):
        with self.assertRaises(ValueError):
            Accuracy(task="multiclass")
        with self.assertRaises(ValueError):
            F1Score(task="multilabel", num_classes=3)
        with self.assertRaises(ValueError):
            F1Score(task="multiclass", num_classes=3, average="bad")


if __name__ == "__main__":
    unittest.main()
