"""tf.contrib.training.RandomStrategy: a ps_strategy for tf.train.replica_device_setter
placing each op on a parameter-server task chosen by the MD5 hash of its name and a seed
(the same task on every run, as TF)."""
from __future__ import annotations

import hashlib

__all__ = ["RandomStrategy"]


class RandomStrategy:
    """Returns, for an op, the ps task md5("<op name>_<seed>") mod num_ps_tasks."""

    def __init__(self, num_ps_tasks, seed=0):
        self._num_tasks = num_ps_tasks
        self._seed = seed

    def __call__(self, op):
        key = ("%s_%d" % (op.name, self._seed)).encode("utf-8")
        n = int(hashlib.md5(key).hexdigest(), 16)
        return int(n % self._num_tasks)
