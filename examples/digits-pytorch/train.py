#!/usr/bin/env python3
"""Swarm Learning of handwritten digits split non-IID across nodes, with PyTorch and the OpenSwarm Python client.

  train.py node --index i --nodes N --seed s [--contract C] [--out dir] [--min-peers n]
      one swarm node: trains node i's split with swarmlearning.pyt.SwarmCallback (SWARM_SL_URL and SWARM_SL_TOKEN
      from the SL's ml.env, or SWARM_LOOPBACK=true to train alone with every Swarm call skipped), then prints
      "node_<i> acc=<x>" and "node_<i> sha256=<hex>" (also written to <out>/node_<i>.txt)
  train.py baseline --nodes N --seed s
      every node's split trained alone ("local node_<i> acc=<x>"), then one model on all the training data
      ("central acc=<x>")
  train.py simulate --nodes N --seeds a-b [--lr --batch --steps --sync]
      the in-process stand-in for the swarm used to choose the hyperparameters: N models trained side by side and
      their state_dicts averaged at train begin, every --sync steps and at the end (no SL); prints local, swarm and
      central accuracy per seed and their means

Common options: --data file.csv.gz (default data/digits.csv.gz beside this file), --lr, --batch, --steps, --sync,
--alpha, --test-share, --batchnorm. The split is a function of --seed only (see README.md).
"""
import argparse
import gzip
import hashlib
import os
import sys

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
FEATURES = 64
CLASSES = 10

# The hyperparameters every mode uses (chosen with `simulate` on seeds 101-110; README.md).
DEFAULTS = dict(lr=0.5, batch=32, steps=600, sync=20, alpha=0.3, test_share=0.2)


# ------------------------------------------------------------------------------------------------------------ data

def load(path):
    """Samples scaled from 0..16 to 0..1 (float32) and labels 0..9 (int64)."""
    with gzip.open(path, "rt", encoding="ascii") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.float32)
    return rows[:, :FEATURES] / 16.0, rows[:, FEATURES].astype(np.int64)


def split(y, nodes, alpha, test_share, seed):
    """Row indices of the pooled test set and of every node's training split, a pure function of the seed.

    Per class (0..9, in order): the class's rows shuffled, the first round(share * count) to the pooled test set, the
    rest dealt to the nodes in Dirichlet(alpha, ..., alpha) proportions (cut points floor(cumsum(p) * count)).
    """
    rng = np.random.default_rng(seed)
    test, parts = [], [[] for _ in range(nodes)]
    for c in range(CLASSES):
        rows = np.flatnonzero(y == c)
        rng.shuffle(rows)
        n_test = int(np.floor(len(rows) * test_share + 0.5))
        test.append(rows[:n_test])
        train = rows[n_test:]
        p = rng.dirichlet([alpha] * nodes)
        cuts = (np.cumsum(p) * len(train)).astype(int)[:-1]
        for n, part in enumerate(np.split(train, cuts)):
            parts[n].append(part)
    return np.concatenate(test), [np.concatenate(p) for p in parts]


# ----------------------------------------------------------------------------------------------------------- model

def make_model(seed, batchnorm=False):
    """A 64-64-10 MLP with ReLU; every node starts from the same weights (seeded by the repeat's seed)."""
    torch.manual_seed(seed)
    layers = [nn.Linear(FEATURES, 64)]
    if batchnorm:
        layers.append(nn.BatchNorm1d(64))
    layers += [nn.ReLU(), nn.Linear(64, CLASSES)]
    return nn.Sequential(*layers)


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        predicted = model(torch.from_numpy(x)).argmax(dim=1).numpy()
    return float((predicted == y).mean())


def state_hash(model):
    """SHA-256 over the state_dict: every entry's name, dtype, shape and raw (C-order) bytes, in state_dict order."""
    digest = hashlib.sha256()
    for name, tensor in model.state_dict().items():
        array = tensor.detach().cpu().contiguous().numpy()
        digest.update(f"{name}|{array.dtype.str}|{list(array.shape)}\n".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


class Batches:
    """Endless mini-batches over one split, reshuffled before every epoch (the node's own seeded order)."""

    def __init__(self, size, batch, seed):
        self.size, self.batch = size, max(1, min(batch, size)) if size else batch
        self.rng = np.random.default_rng(seed)
        self.order, self.position = np.arange(size), size
        self.epoch = 0

    def next(self):
        if self.position + self.batch > self.size:
            self.rng.shuffle(self.order)
            self.position = 0
        rows = self.order[self.position:self.position + self.batch]
        self.position += self.batch
        epoch_done = self.position + self.batch > self.size
        return rows, epoch_done

    def epochs_for(self, steps):
        if self.size == 0:
            return 1
        per_epoch = max(1, self.size // self.batch)
        return max(1, -(-steps // per_epoch))


def sgd_step(model, optimizer, x, y):
    model.train()
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(torch.from_numpy(x)), torch.from_numpy(y))
    loss.backward()
    optimizer.step()


def train(model, x, y, hp, shuffle_seed, hooks=None):
    """hp['steps'] SGD steps (the same for every model, so all nodes reach the same sync points)."""
    batches = Batches(len(y), hp["batch"], shuffle_seed)
    optimizer = torch.optim.SGD(model.parameters(), lr=hp["lr"])
    if hooks:
        hooks.on_train_begin()
    epoch = 0
    for _ in range(hp["steps"]):
        if hooks and hooks.stop():
            break
        if len(y):
            rows, epoch_done = batches.next()
            sgd_step(model, optimizer, x[rows], y[rows])
        else:
            epoch_done = False
        if hooks:
            hooks.on_batch_end()
            if epoch_done:
                hooks.on_epoch_end(epoch)
        if epoch_done:
            epoch += 1
    if hooks:
        hooks.on_train_end()
    return batches


def shuffle_seed(seed, index):
    return seed * 1000 + index


# ----------------------------------------------------------------------------------------------------------- modes

def node(args, hp, x, y):
    from torch.utils.data import DataLoader, TensorDataset
    from swarmlearning.pyt import SwarmCallback

    if not 0 <= args.index < args.nodes:
        raise SystemExit(f"train.py: --index has to be 0..{args.nodes - 1}")
    test, parts = split(y, args.nodes, hp["alpha"], hp["test_share"], args.seed)
    local = parts[args.index]
    xl, yl = x[local], y[local]
    model = make_model(args.seed, args.batchnorm)
    val = DataLoader(TensorDataset(torch.from_numpy(x[test]), torch.from_numpy(y[test])), batch_size=128)
    epochs = Batches(len(yl), hp["batch"], 0).epochs_for(hp["steps"])
    callback = SwarmCallback(
        hp["sync"], args.min_peers if args.min_peers is not None else args.nodes,
        trainingContract=args.contract,
        model=model,
        adsValData=val,
        adsValBatchSize=128,
        totalEpochs=epochs,
        lossFunction="CrossEntropyLoss",
        lossFunctionArgs={},
        metricFunction="Accuracy",
        metricFunctionArgs={"task": "multiclass", "num_classes": CLASSES},
        nodeWeightage=1,
        checkinModelOnTrainEnd=args.end_mode,
    )
    print(f"node {args.index} of {args.nodes}: {len(yl)} training samples, {hp}, seed {args.seed}", flush=True)

    class Hooks:
        def on_train_begin(self):
            callback.on_train_begin()

        def on_batch_end(self):
            callback.on_batch_end()

        def on_epoch_end(self, epoch):
            callback.on_epoch_end(epoch)

        def on_train_end(self):
            callback.on_train_end()

        def stop(self):
            over = getattr(callback, "isTrainingOver", None) or getattr(callback, "is_training_over", None)
            if callable(over):
                return bool(over())
            return bool(over) if over is not None else False

    train(model, xl, yl, hp, shuffle_seed(args.seed, args.index), Hooks())
    acc = accuracy(model, x[test], y[test])
    digest = state_hash(model)
    name = f"node_{args.index}"
    lines = [f"{name} acc={acc:.4f}", f"{name} sha256={digest}"]
    print("\n".join(lines), flush=True)
    os.makedirs(args.out, exist_ok=True)
    loopback = os.environ.get("SWARM_LOOPBACK", "").lower() in ("1", "true", "yes")
    with open(os.path.join(args.out, name + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines + [f"{name} samples={len(yl)}", f"{name} loopback={str(loopback).lower()}"]) + "\n")


def baseline_figures(args, hp, x, y, seed):
    test, parts = split(y, args.nodes, hp["alpha"], hp["test_share"], seed)
    local = []
    for i, part in enumerate(parts):
        model = make_model(seed, args.batchnorm)
        train(model, x[part], y[part], hp, shuffle_seed(seed, i))
        local.append(accuracy(model, x[test], y[test]))
    union = np.concatenate(parts)
    model = make_model(seed, args.batchnorm)
    train(model, x[union], y[union], hp, shuffle_seed(seed, args.nodes))
    return local, accuracy(model, x[test], y[test])


def baseline(args, hp, x, y):
    local, central = baseline_figures(args, hp, x, y, args.seed)
    for i, acc in enumerate(local):
        print(f"local node_{i} acc={acc:.4f}")
    print(f"central acc={central:.4f}")


def average_into(models):
    """Equal-weight mean of the models' state_dicts (integer buffers: the mean rounded down), loaded into each."""
    states = [m.state_dict() for m in models]
    mean = {}
    for key in states[0]:
        stacked = torch.stack([s[key] for s in states])
        mean[key] = stacked.float().mean(0).to(stacked.dtype) if not stacked.is_floating_point() \
            else stacked.mean(0)
    for m in models:
        m.load_state_dict(mean)


def swarm_simulation(args, hp, x, y, seed):
    test, parts = split(y, args.nodes, hp["alpha"], hp["test_share"], seed)
    models = [make_model(seed, args.batchnorm) for _ in parts]
    average_into(models)
    optimizers = [torch.optim.SGD(m.parameters(), lr=hp["lr"]) for m in models]
    batches = [Batches(len(p), hp["batch"], shuffle_seed(seed, i)) for i, p in enumerate(parts)]
    for step in range(1, hp["steps"] + 1):
        for m, o, b, p in zip(models, optimizers, batches, parts):
            if len(p):
                rows, _ = b.next()
                sgd_step(m, o, x[p[rows]], y[p[rows]])
        if step % hp["sync"] == 0:
            average_into(models)
    average_into(models)
    return accuracy(models[0], x[test], y[test])


def simulate(args, hp, x, y):
    first, _, last = args.seeds.partition("-")
    seeds = range(int(first), int(last or first) + 1)
    rows = []
    for seed in seeds:
        local, central = baseline_figures(args, hp, x, y, seed)
        swarm = swarm_simulation(args, hp, x, y, seed)
        rows.append((np.mean(local), min(local), max(local), swarm, central))
        print(f"seed {seed}: local {np.mean(local):.4f} ({min(local):.4f}-{max(local):.4f}) "
              f"swarm {swarm:.4f} central {central:.4f}", flush=True)
    m = np.mean(np.array(rows), axis=0)
    print(f"mean {hp}: local {m[0]:.4f} swarm {m[3]:.4f} central {m[4]:.4f}")


def env_default(option, fallback):
    """An option's default from the environment variable DIGITS_<OPTION> (--min-peers: DIGITS_MIN_PEERS), so that
    one task command serves every node of a SWOP profile and each node's usrenvvars set its index."""
    return os.environ.get("DIGITS_" + option.upper().replace("-", "_"), fallback)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["node", "baseline", "simulate"])
    parser.add_argument("--index", type=int, default=env_default("index", None))
    parser.add_argument("--nodes", type=int, default=env_default("nodes", 4))
    parser.add_argument("--seed", type=int, default=env_default("seed", 1))
    parser.add_argument("--seeds", default="101-110")
    parser.add_argument("--contract", default=env_default("contract", "defaultbb.cqdb.sml.hpe"))
    parser.add_argument("--out", default=env_default("out", "results"))
    parser.add_argument("--min-peers", type=int, default=env_default("min-peers", None))
    parser.add_argument("--end-mode", default=env_default("end-mode", "snapshot"),
                        choices=["snapshot", "active", "inactive"])
    parser.add_argument("--data", default=env_default("data", os.path.join(HERE, "data", "digits.csv.gz")))
    parser.add_argument("--batchnorm", action="store_true", help="a BatchNorm1d after the hidden layer")
    for key, value in DEFAULTS.items():
        parser.add_argument("--" + key.replace("_", "-"), type=type(value), default=value)
    args = parser.parse_args(argv)
    if args.mode == "node" and args.index is None:
        parser.error("node needs --index (or DIGITS_INDEX)")
    # One thread: reproducible sums, and N nodes on one box do not fight over the cores.
    torch.set_num_threads(1)
    hp = {key: getattr(args, key) for key in DEFAULTS}
    x, y = load(args.data)
    {"node": node, "baseline": baseline, "simulate": simulate}[args.mode](args, hp, x, y)


if __name__ == "__main__":
    sys.exit(main())
