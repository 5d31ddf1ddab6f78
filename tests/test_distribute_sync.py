"""tf.train.SyncReplicasOptimizer against TF 1.14 (tests/golden/distribute/gen_sync.py):
every op it and its chief hook build, with the device tf.train.replica_device_setter
gives it (accumulators and the token queue on ps, sync_rep_local_step on the worker),
dense and sparse gradients; and the global and local steps of two replicas in one
process with the variable after each (the Ray form: tests/test_distribute_ray.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("distribute", "sync")
GEN = generator("distribute", "sync")


@pytest.mark.parametrize("case", ["dense", "sparse"])
@pytest.mark.parametrize("key", ["ops", "hook_ops", "queue_runner", "init_tokens", "train"])
def test_sync_replicas_ops_and_devices(case, key):
    got = GEN._placement(tf, case == "sparse")
    assert got[key] == GOLD[case][key]


def test_sync_replicas_global_and_local_steps():
    got = GEN._steps(tf)
    assert [r[:4] for r in got] == [r[:4] for r in GOLD["steps"]]
    for g, w in zip(got, GOLD["steps"]):
        np.testing.assert_allclose(g[4], w[4], rtol=1e-5, atol=1e-6, err_msg=g[0])
