"""The GPU path of the XLA backend, with JAX's CPU devices standing in for GPUs
(FLOWGRAD_XLA_GPU_STANDIN=1, XLA_FLAGS=--xla_force_host_platform_device_count=2: GPU:0
and GPU:1 are jax.devices('cpu')[0] and [1]; engine/runtime/xla/devices.py). The
scenario runs in a fresh process (JAX reads XLA_FLAGS when its backend starts; the
stand-in switch is read once) and reports what it saw as JSON.

Checked: the devices listed, placement on /gpu:1 (clusters compiled for device 1, the
variables resident there), the log, a missing GPU with and without soft placement,
variables uploaded once and never copied back while only the GPU plan runs, a
host-side read (a fetch, a NumPy op of another plan) getting the updated values, and
results equal to the NumPy backend within float32 tolerance (TF's random stream of a
seeded dropout on the GPU included: random ops run on the host).
"""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("jax")
pytestmark = pytest.mark.xla


def _model(tf, device):
    """An MLP step with a seeded dropout and a global step; `device` None: no placement."""
    x = tf.placeholder(tf.float32, [32, 64], name="x")
    y = tf.placeholder(tf.int64, [32], name="y")
    gs = tf.train.get_or_create_global_step()
    with tf.device(device):
        w1 = tf.Variable(np.random.RandomState(1).randn(64, 128).astype(np.float32) * 0.1,
                         name="w1")
        w2 = tf.Variable(np.random.RandomState(2).randn(128, 10).astype(np.float32) * 0.1,
                         name="w2")
        h = tf.nn.relu(tf.matmul(x, w1))
        h = tf.nn.dropout(h, keep_prob=0.9, seed=7)
        logits = tf.matmul(h, w2)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=y, logits=logits))
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
        plain = tf.reduce_sum(tf.tanh(tf.matmul(x, w1)), name="plain")
    return x, y, [w1, w2], gs, loss, train, plain


def _steps(tf, device, resident):
    tf.reset_default_graph()
    tf.set_random_seed(3)
    x, y, ws, gs, loss, train, plain = _model(tf, device)
    rs = np.random.RandomState(0)
    xv = rs.rand(32, 64).astype(np.float32)
    yv = rs.randint(0, 10, 32).astype(np.int64)
    feed = {x: xv, y: yv}
    out = {}
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        s.run(plain, feed)
        before = dict(resident.STATS)
        for _ in range(5):
            s.run(plain, feed)       # deterministic, no host op: resident variables
        out["plain_transfers"] = {k: resident.STATS[k] - before[k] for k in before}
        losses = [float(s.run(loss, feed))]    # with dropout: a host op, nothing resident
        for _ in range(5):
            s.run(train, feed)
        losses.append(float(s.run(loss, feed)))
        out["losses"] = losses
        out["w"] = [s.run(w).tolist() for w in ws]
        out["gs"] = int(s.run(gs))
        # another plan reading the variables through a NumPy op between runs of the
        # resident plan: the host buffers are current when it runs
        total = tf.reduce_sum(ws[0]) * 1.0
        vals = []
        for _ in range(3):
            s.run(plain, feed)
            vals.append(float(s.run(total)))
        out["host_reads"] = vals
        out["builds"] = [[st.get("gpu") for st in b.stats] for b in s._xla_builds]
        out["resident"] = [b.resident for b in s._xla_builds]
    return out


def scenario():
    import io
    import contextlib
    import flowgrad as tf
    from flowgrad.engine.runtime.xla import resident
    res = {"is_gpu_available": tf.test.is_gpu_available(),
           "gpu_device_name": tf.test.gpu_device_name()}
    with tf.Session() as s:
        res["list_devices"] = [d.name for d in s.list_devices()]
    res["numpy"] = _steps(tf, None, resident)
    res["gpu"] = _steps(tf, "/gpu:1", resident)

    # the device the resident variables live on, and uploads/downloads of one plan
    tf.reset_default_graph()
    with tf.device("/gpu:1"):
        v = tf.Variable(np.full((256, 256), 0.01, np.float32), name="v")
        step = tf.assign_sub(v, 0.01 * tf.matmul(v, v)).op
    with tf.Session() as s:
        s.run(v.initializer)
        s.run(step)
        before = dict(resident.STATS)
        for _ in range(10):
            s.run(step)
        res["step_transfers"] = {k: resident.STATS[k] - before[k] for k in before}
        st = s._ctx.xla_resident
        res["resident_devices"] = sorted(d.id for a in st.arrays.values()
                                         for d in a.devices())
        res["v_sum"] = float(s.run(v).sum())
        res["after_fetch"] = {k: resident.STATS[k] - before[k] for k in before}

    # missing GPU: hard placement fails as TF, soft placement runs on GPU:0
    tf.reset_default_graph()
    with tf.device("/gpu:2"):
        a = tf.constant([1.0, 2.0], name="a")
        b = tf.multiply(a, 3.0, name="b")
    try:
        with tf.Session() as s:
            s.run(b)
        res["hard"] = None
    except tf.errors.InvalidArgumentError as e:
        res["hard"] = str(e)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        with tf.Session(config=tf.ConfigProto(allow_soft_placement=True,
                                              log_device_placement=True)) as s:
            res["soft"] = s.run(b).tolist()
    res["log"] = buf.getvalue().splitlines()
    return res


def _run_scenario():
    env = dict(os.environ, FLOWGRAD_XLA_GPU_STANDIN="1", FLOWGRAD_XLA_SYNC="1",
               XLA_FLAGS="--xla_force_host_platform_device_count=2")
    env.pop("FLOWGRAD_XLA", None)
    here = os.path.dirname(os.path.abspath(__file__))
    src = os.path.join(os.path.dirname(here), "src")
    env["PYTHONPATH"] = os.pathsep.join([src, here, env.get("PYTHONPATH", "")])
    p = subprocess.run([sys.executable, os.path.abspath(__file__)], capture_output=True,
                       text=True, env=env, timeout=600, check=False)
    assert p.returncode == 0, p.stderr[-3000:]
    return json.loads(p.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def seen():
    return _run_scenario()


def test_stand_in_gpus_are_listed(seen):
    assert seen["is_gpu_available"] is True
    assert seen["gpu_device_name"] == "/device:GPU:0"
    assert seen["list_devices"] == ["/job:localhost/replica:0/task:0/device:CPU:0",
                                    "/job:localhost/replica:0/task:0/device:XLA_CPU:0",
                                    "/job:localhost/replica:0/task:0/device:GPU:0",
                                    "/job:localhost/replica:0/task:0/device:GPU:1"]


def test_results_on_the_gpu_equal_numpys(seen):
    cpu, gpu = seen["numpy"], seen["gpu"]
    np.testing.assert_allclose(gpu["losses"], cpu["losses"], rtol=2e-5)
    for a, b in zip(gpu["w"], cpu["w"]):
        np.testing.assert_allclose(a, b, rtol=2e-5, atol=1e-6)
    assert gpu["gs"] == cpu["gs"] == 5
    np.testing.assert_allclose(gpu["host_reads"], cpu["host_reads"], rtol=2e-5)
    assert cpu["builds"] == []               # no placement, no jit switch: NumPy only


def test_clusters_run_on_the_placed_gpu(seen):
    gpu = seen["gpu"]
    assert gpu["builds"] and all(g == 1 for b in gpu["builds"] for g in b)
    assert seen["resident_devices"] == [1]      # jax.devices('cpu')[1], standing as GPU:1


def test_variables_stay_resident_between_runs(seen):
    # the deterministic plan reads w1 only on the device: uploaded once (its first run
    # came before), never copied back while it alone runs
    assert seen["gpu"]["plain_transfers"] == {"uploads": 0, "downloads": 0}
    assert ["w1"] in seen["gpu"]["resident"]
    # an update plan: 10 runs, no transfer; the fetch brings the value back once
    assert seen["step_transfers"] == {"uploads": 0, "downloads": 0}
    assert seen["after_fetch"] == {"uploads": 0, "downloads": 1}
    v = np.full((256, 256), 0.01, np.float32)
    for _ in range(11):
        v = v - np.float32(0.01) * (v @ v)
    np.testing.assert_allclose(seen["v_sum"], float(v.sum()), rtol=1e-4)


def test_a_missing_gpu_as_tf(seen):
    assert seen["hard"].startswith(
        "Cannot assign a device for operation b: node b (defined at test_xla_gpu.py:")
    assert "was explicitly assigned to /device:GPU:2 but available devices are [ " \
        "/job:localhost/replica:0/task:0/device:CPU:0, /job:localhost/replica:0/task:0/" \
        "device:GPU:0, /job:localhost/replica:0/task:0/device:GPU:1 ]. Make sure the " \
        "device specification refers to a valid device.\n\t [[b]]" in seen["hard"]
    assert seen["soft"] == [3.0, 6.0]
    log = seen["log"]
    assert log[0] == "Device mapping:"
    assert log[1].startswith("/job:localhost/replica:0/task:0/device:GPU:0 -> device: 0, ")
    assert log[2].startswith("/job:localhost/replica:0/task:0/device:GPU:1 -> device: 1, ")
    assert log[3:] == ["b: (Mul): /job:localhost/replica:0/task:0/device:GPU:0",
                       "a: (Const): /job:localhost/replica:0/task:0/device:GPU:0",
                       "b/y: (Const): /job:localhost/replica:0/task:0/device:GPU:0"]


if __name__ == "__main__":
    print(json.dumps(scenario()))
