"""tf.train.SyncReplicasOptimizer against TF 1.14 (tests/golden/distribute/gen_sync.py):
every op it and its chief hook build, with the device tf.train.replica_device_setter
gives it (accumulators and the token queue on ps, sync_rep_local_step on the worker),
dense and sparse gradients; and the global and local steps of two replicas in one
process with the variable after each (the Ray form: tests/test_distribute_ray.py)."""
import threading

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


def test_sync_replicas_continue_with_a_lost_replica():
    """replicas_to_aggregate == total_num_replicas == 2 and one replica never runs: as in
    TF 1.14 the other's train op never blocks and its gradients fill each global step
    (two per step after the stale first one)."""
    want = GOLD["lone"]["steps"]

    def settle(raw, gs, k):   # wait for TF's global step, then check it stays there
        for _ in range(3000):
            if raw.run(gs) >= want[k][1]:
                break
            threading.Event().wait(0.02)
        threading.Event().wait(0.2)
        return int(raw.run(gs))
    got = GEN.lone_replica(tf, settle)
    assert got["steps"] == want
    np.testing.assert_allclose(got["w"], GOLD["lone"]["w"], rtol=1e-5, atol=1e-6)
