"""tf.train.ClusterSpec, Server (its ServerDef; no network: start=False) and
replica_device_setter against TF 1.14 (tests/golden/distribute/gen_cluster.py: the same
`cases` run under TF 1.14 and here)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("distribute", "cluster")


@pytest.fixture(scope="module")
def got():
    return generator("distribute", "cluster").cases(tf)


@pytest.mark.parametrize("key", sorted(GOLD["cluster"]))
def test_cluster_spec(got, key):
    assert got["cluster"][key] == GOLD["cluster"][key]


@pytest.mark.parametrize("key", ["server_def", "server_def_cfg", "server_target",
                                 "server_errors", "setter_none", "setter_errors"])
def test_server_and_setter(got, key):
    assert got[key] == GOLD[key]


def _placed(rows):
    # the ops tf.gradients builds are another area's (their structure, not their devices,
    # differs from TF 1.14 in places); every op they place is checked by its own kind
    return [r for r in rows if not r[0].startswith("gradients/")]


@pytest.mark.parametrize("case", sorted(GOLD["placement"]))
def test_replica_device_setter_placement(got, case):
    assert _placed(got["placement"][case]) == _placed(GOLD["placement"][case])
    grads = {r[2] for r in got["placement"][case] if r[0].startswith("gradients/")}
    assert grads <= {r[2] for r in GOLD["placement"][case] if r[0].startswith("gradients/")}


def test_cluster_def_map_key_type():
    with pytest.raises(TypeError):
        tf.train.ClusterSpec({"ps": {"a": "x:1"}})


def test_server_task_not_in_job():
    with pytest.raises(tf.errors.InvalidArgumentError, match='Task 3 was not defined in job'):
        tf.train.Server({"ps": ["a:1"]}, job_name="ps", task_index=3, start=False)


def test_local_server_runs_in_process():
    server = tf.train.Server.create_local_server()
    assert server.target.startswith("grpc://localhost:")
    assert server.server_def.job_name == "local"
    with tf.Graph().as_default():
        with tf.device("/job:local/task:0"):
            v = tf.Variable(2.0)
        with tf.Session(server.target) as sess:
            sess.run(v.initializer)
            assert sess.run(v * 3.0) == 6.0
