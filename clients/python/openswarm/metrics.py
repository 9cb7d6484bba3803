"""Built-in metrics for the PyTorch adapter when torchmetrics is not installed.

``Accuracy``, ``F1Score``, ``Precision`` and ``Recall`` take torchmetrics' argument names (``task``, ``num_classes``,
``average``, ``threshold``, ``num_labels`` is not supported) and follow its defaults: ``average='micro'`` for
Accuracy, ``'macro'`` for the others in the multiclass case, as this package documents. They work on numpy arrays
(the PyTorch adapter hands them predictions and targets as numpy): ``update(preds, target)`` then ``compute()``.
``preds`` may be class indices, or scores/probabilities with a class dimension (argmax is taken), or for the binary
task probabilities/logits thresholded at ``threshold``.
"""
import numpy as np

__all__ = ["Accuracy", "F1Score", "Precision", "Recall", "BUILTIN_METRICS"]


class _ClassificationMetric(object):
    default_average = "macro"

    def __init__(self, task="multiclass", num_classes=None, average=None, threshold=0.5, **kwargs):
        task = (task or "multiclass").lower()
        if task not in ("binary", "multiclass"):
            raise ValueError("task has to be 'binary' or 'multiclass', got %r" % (task,))
        if task == "multiclass" and (num_classes is None or int(num_classes) < 2):
            raise ValueError("num_classes has to be given (>= 2) for the multiclass task")
        self.task = task
        self.num_classes = 2 if task == "binary" else int(num_classes)
        self.average = (average or self.default_average).lower()
        if self.average not in ("micro", "macro", "weighted", "none"):
            raise ValueError("average has to be micro, macro, weighted or none, got %r" % (average,))
        self.threshold = threshold
        self.reset()

    def reset(self):
        self.confusion = np.zeros((self.num_classes, self.num_classes), dtype=np.int64)

    def _labels(self, preds):
        preds = np.asarray(preds)
        if self.task == "binary":
            if preds.dtype.kind == "f":
                if preds.ndim >= 2 and preds.shape[-1] == 2:
                    return preds.argmax(-1).reshape(-1)
                p = preds.reshape(-1)
                if p.size and (p.min() < 0 or p.max() > 1):
                    p = 1.0 / (1.0 + np.exp(-p))  # logits, as torchmetrics does
                return (p >= self.threshold).astype(np.int64)
            return preds.reshape(-1).astype(np.int64)
        if preds.dtype.kind == "f" and preds.ndim >= 2:
            return preds.argmax(1).reshape(-1)
        return preds.reshape(-1).astype(np.int64)

    def update(self, preds, target):
        p = self._labels(preds)
        t = np.asarray(target).reshape(-1).astype(np.int64)
        if p.shape != t.shape:
            raise ValueError("predictions (%d) and targets (%d) differ in number" % (p.size, t.size))
        np.add.at(self.confusion, (t, p), 1)

    def __call__(self, preds, target):
        self.update(preds, target)
        return self.compute()

    def _reduce(self, per_class, counted):
        support = self.confusion.sum(1)
        if self.average == "none":
            return per_class
        if self.average == "weighted":
            total = support.sum()
            return float((per_class * support).sum() / total) if total else 0.0
        return float(per_class[counted].mean()) if counted.any() else 0.0

    def _stats(self):
        c = self.confusion
        tp = np.diag(c).astype(np.float64)
        fp = c.sum(0) - tp
        fn = c.sum(1) - tp
        return tp, fp, fn

    @staticmethod
    def _div(a, b):
        return np.divide(a, b, out=np.zeros_like(a, dtype=np.float64), where=b != 0)


class Accuracy(_ClassificationMetric):
    default_average = "micro"

    def compute(self):
        tp, fp, fn = self._stats()
        if self.task == "binary" or self.average == "micro":
            total = self.confusion.sum()
            return float(tp.sum() / total) if total else 0.0
        return self._reduce(self._div(tp, tp + fn), (tp + fn + fp) > 0)


class Precision(_ClassificationMetric):
    def compute(self):
        tp, fp, fn = self._stats()
        if self.task == "binary":
            return float(self._div(tp[1:], (tp + fp)[1:])[0])
        if self.average == "micro":
            return float(tp.sum() / (tp + fp).sum()) if (tp + fp).sum() else 0.0
        return self._reduce(self._div(tp, tp + fp), (tp + fp + fn) > 0)


class Recall(_ClassificationMetric):
    def compute(self):
        tp, fp, fn = self._stats()
        if self.task == "binary":
            return float(self._div(tp[1:], (tp + fn)[1:])[0])
        if self.average == "micro":
            return float(tp.sum() / (tp + fn).sum()) if (tp + fn).sum() else 0.0
        return self._reduce(self._div(tp, tp + fn), (tp + fp + fn) > 0)


class F1Score(_ClassificationMetric):
    def compute(self):
        tp, fp, fn = self._stats()
        if self.task == "binary":
            return float(self._div(2 * tp[1:], (2 * tp + fp + fn)[1:])[0])
        if self.average == "micro":
            d = (2 * tp + fp + fn).sum()
            return float(2 * tp.sum() / d) if d else 0.0
        return self._reduce(self._div(2 * tp, 2 * tp + fp + fn), (tp + fp + fn) > 0)


BUILTIN_METRICS = {"Accuracy": Accuracy, "F1Score": F1Score, "Precision": Precision, "Recall": Recall}
