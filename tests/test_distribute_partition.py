"""A distributed step's parts without Ray: a session whose ps ops run in a TaskActor of the
same process (the object Ray hosts in the ps task), through flowgrad.distribute's step
runner; the results equal a one-process run and the variables live in the actor only."""
import re
import threading

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.distribute import partition
from flowgrad.distribute.ray_runtime import TaskActor

CLUSTER = tf.train.ClusterSpec({"ps": ["ps0:1", "ps1:1"], "worker": ["w0:1"]})


class _Client:
    def __init__(self, actors):
        self.actors = actors

    def submit(self, part, args):
        return self.actors[part.task].run(part.key, part.spec(), list(args))

    def result(self, part, out, timeout):
        if out[0] == "error":
            raise getattr(tf.errors, out[1])(None, None, out[2])
        return out[1]


class _Runtime:
    def __init__(self):
        self.actors = {("ps", 0): TaskActor("ps", 0), ("ps", 1): TaskActor("ps", 1)}

    def client(self, placement, session):
        return _Client(self.actors)


class _Server:
    task = ("worker", 0)
    cluster_spec = CLUSTER

    def __init__(self):
        self._runtime = _Runtime()

    def runtime(self):
        return self._runtime


def _clear_devices():
    """The one-process reference run: TF 1.14's local session has no /job:ps or
    /job:worker device (its placer rejects them), so the ops lose their devices."""
    for op in tf.get_default_graph().get_operations():
        op._set_device("")


def _train(distributed, steps=4):
    x = np.random.RandomState(0).randn(8, 3).astype(np.float32)
    y = x.dot([[1.0], [-2.0], [0.5]]).astype(np.float32)
    with tf.Graph().as_default():
        with tf.device(tf.train.replica_device_setter(cluster=CLUSTER,
                                                      worker_device="/job:worker/task:0")):
            w = tf.get_variable("w", [3, 1], initializer=tf.zeros_initializer())
            b = tf.get_variable("b", [], initializer=tf.zeros_initializer())
            xs = tf.placeholder(tf.float32, [None, 3])
            loss = tf.reduce_mean(tf.square(tf.matmul(xs, w) + b - y))
            gs = tf.train.get_or_create_global_step()
            train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss, global_step=gs)
        sess = tf.Session()
        server = None
        if distributed:
            server = _Server()
            sess._runner = partition.DistributedRunner(sess, server)
        else:
            _clear_devices()
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            sess.run(train, {xs: x})
        out = sess.run([w, b, gs, loss], {xs: x})
        local = sorted(k for k in sess._ctx.variables if isinstance(k, str))
        sess.close()
        return out, local, server


def test_ps_step_equals_one_process():
    (w1, b1, gs1, l1), _, _ = _train(False)
    (w2, b2, gs2, l2), local, server = _train(True)
    np.testing.assert_array_equal(w1, w2)
    assert (b1, gs1, l1) == (b2, gs2, l2) and gs2 == 4
    assert local == []    # every variable (and slot) lives on its ps task
    held = {t: a.variables() for t, a in server.runtime().actors.items()}
    assert sorted(held[("ps", 0)] + held[("ps", 1)]) == \
        ["b", "b/Momentum", "global_step", "w", "w/Momentum"]
    assert "w" in held[("ps", 0)] and "b" in held[("ps", 1)]


def test_placement_of_the_worker_and_ps_ops():
    with tf.Graph().as_default() as g:
        with tf.device(tf.train.replica_device_setter(cluster=CLUSTER,
                                                      worker_device="/job:worker/task:0")):
            v = tf.Variable(1.0, name="v")
            y = v * 2.0
        p = partition.Placement(g, ("worker", 0), CLUSTER)
        assert p.task(v.op) == ("ps", 0)
        assert p.task(v.initializer) == ("ps", 0)     # Assign: colocated with v
        assert p.task(y.op) is None                   # the session's own task
        assert p.variables_on(("ps", 0)) == ["v"]
    with tf.Graph().as_default() as g:
        with tf.device("/job:ps/task:7"):
            tf.constant(1.0, name="bad")
        with pytest.raises(tf.errors.InvalidArgumentError) as e:
            partition.Placement(g, ("worker", 0), CLUSTER)
    # TF 1.14's message (a local cluster of tf.train.Servers), less its XLA_CPU devices
    assert re.fullmatch(
        r"Cannot assign a device for operation bad: node bad \(defined at "
        r"test_distribute_partition\.py:\d+\) was explicitly assigned to /job:ps/task:7 but "
        r"available devices are \[ /job:ps/replica:0/task:0/device:CPU:0, "
        r"/job:ps/replica:0/task:1/device:CPU:0, /job:worker/replica:0/task:0/device:CPU:0 "
        r"\]\. Make sure the device specification refers to a valid device\.",
        e.value.message), e.value.message


def test_uninitialized_ps_variable_error():
    with tf.Graph().as_default():
        with tf.device("/job:ps/task:1"):
            v = tf.Variable(1.0, name="v")
        sess = tf.Session()
        sess._runner = partition.DistributedRunner(sess, _Server())
        with pytest.raises(tf.errors.FailedPreconditionError,
                           match="Attempting to use uninitialized value v"):
            sess.run(v + 1.0)


def test_session_target_must_be_a_server_of_this_process():
    with pytest.raises(NotImplementedError, match="no server here has that target"):
        tf.Session("grpc://nowhere:1")


IN_GRAPH = tf.train.ClusterSpec({"ps": ["ps0:1"], "worker": ["w0:1", "w1:1"]})


class _RecordingClient(_Client):
    def __init__(self, actors, ran):
        super().__init__(actors)
        self.ran = ran

    def submit(self, part, args):
        self.ran.append((part.task, [op.name for op in part.ops]))
        return super().submit(part, args)


class _InGraphServer:
    task = ("worker", 0)
    cluster_spec = IN_GRAPH

    def __init__(self):
        self.ran = []
        actors = {("ps", 0): TaskActor("ps", 0), ("worker", 1): TaskActor("worker", 1)}
        server = self

        class Runtime:
            def client(self, placement, session):
                return _RecordingClient(actors, server.ran)
        self._runtime = Runtime()

    def runtime(self):
        return self._runtime


def _in_graph_train(distributed, steps=3):
    """In-graph replication: one graph, one tower per worker device (`/job:worker/task:k`)
    on its half of the batch, the towers' gradients averaged on the ps task."""
    x = np.random.RandomState(3).randn(8, 3).astype(np.float32)
    y = x.dot([[1.0], [-2.0], [0.5]]).astype(np.float32)
    with tf.Graph().as_default():
        with tf.device("/job:ps/task:0"):
            w = tf.get_variable("w", [3, 1], initializer=tf.zeros_initializer())
            gs = tf.train.get_or_create_global_step()
        grads = []
        for k in (0, 1):
            with tf.device("/job:worker/task:%d" % k), tf.name_scope("tower_%d" % k):
                loss = tf.reduce_mean(tf.square(tf.matmul(x[4 * k:4 * k + 4], w)
                                                - y[4 * k:4 * k + 4]))
                grads.append(tf.gradients(loss, [w])[0])
        with tf.device("/job:ps/task:0"):
            train = tf.train.GradientDescentOptimizer(0.1).apply_gradients(
                [(tf.add_n(grads) / 2.0, w)], global_step=gs)
        sess = tf.Session()
        server = None
        if distributed:
            server = _InGraphServer()
            sess._runner = partition.DistributedRunner(sess, server)
        else:
            _clear_devices()
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            sess.run(train)
        out = sess.run([w, gs])
        sess.close()
        return out, server


def test_in_graph_replication_runs_each_tower_on_its_worker():
    (w1, gs1), _ = _in_graph_train(False)
    (w2, gs2), server = _in_graph_train(True)
    np.testing.assert_allclose(w1, w2, rtol=1e-6, atol=1e-7)
    assert gs1 == gs2 == 3
    remote = {}
    for task, ops in server.ran:
        remote.setdefault(task, set()).update(ops)
    # tower 1 (forward and gradient) ran in worker 1's actor; tower 0 in this process
    assert "tower_1/MatMul" in remote[("worker", 1)]
    assert any(name.startswith("tower_1/gradients/") for name in remote[("worker", 1)])
    assert not any(name.startswith("tower_0/") for ops in remote.values() for name in ops)
    assert "GradientDescent/update_w/ApplyGradientDescent" in remote[("ps", 0)]
    assert not any(name.startswith("tower_") for name in remote[("ps", 0)])


_N = 1 << 20


def _locked_update(kind):
    """A use_locking=True update adding 1 to every element of the ps variable."""
    with tf.device("/job:ps/task:0"):
        v = tf.get_variable("v", [_N], initializer=tf.zeros_initializer(),
                            use_resource=kind == "resource")
    if kind in ("ref", "resource"):
        return v, tf.train.GradientDescentOptimizer(1.0, use_locking=True).apply_gradients(
            [(tf.fill([_N], -1.0), v)])
    if kind == "assign_add":
        return v, tf.assign_add(v, tf.ones([_N]), use_locking=True)
    return v, tf.scatter_add(v, tf.range(_N), tf.ones([_N]), use_locking=True)


@pytest.mark.parametrize("kind", ["ref", "resource", "assign_add", "scatter_add"])
def test_use_locking_updates_on_a_ps_task_never_interleave(kind):
    """Four workers' sessions update one 2^20-float ps variable at once, 40 steps each,
    with use_locking=True (an optimizer's update on a ref or resource variable, AssignAdd,
    ScatterAdd): as with TF's variable mutex, no update is lost (every element ends at
    exactly 160). Without the lock NumPy's in-place updates interleave and lose some."""
    server = _Server()
    with tf.Graph().as_default():
        v, train = _locked_update(kind)
        sessions = []
        for _ in range(4):
            sess = tf.Session()
            sess._runner = partition.DistributedRunner(sess, server)
            sessions.append(sess)
        sessions[0].run(v.initializer)
        errs = []

        def body(sess):
            try:
                for _ in range(40):
                    sess.run(train)
            except Exception as e:  # noqa: BLE001 - reported below
                errs.append(e)
        threads = [threading.Thread(target=body, args=(s,)) for s in sessions]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
        assert not errs, errs
        got = sessions[0].run(v)
        for sess in sessions:
            sess.close()
    assert got.min() == got.max() == 160.0
