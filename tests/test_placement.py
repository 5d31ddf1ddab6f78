"""Device placement without a GPU as TF 1.14's placer (golden xla/placement): an op
explicitly on /gpu:N fails the session's first run with TF's InvalidArgumentError (also
when the run does not need it) unless allow_soft_placement moves it to the CPU, and
log_device_placement prints TF's lines in TF's order. flowgrad's device list has no
XLA_CPU device (TF 1.14's CPU build lists one): the messages are compared without it."""
import re

import pytest

import goldens
import flowgrad as tf
from flowgrad.engine.runtime.xla import devices

GEN = goldens.generator("xla", "placement")
WANT = goldens.load("xla", "placement")


@pytest.fixture(autouse=True)
def _no_gpu(monkeypatch):
    monkeypatch.setattr(devices, "_found", [])    # as without JAX's GPUs
    monkeypatch.delenv("FLOWGRAD_XLA_GPU_STANDIN", raising=False)


def _norm(res):
    value, err = res
    if err is None:
        return [value, None]
    msg = err[1].replace(", /job:localhost/replica:0/task:0/device:XLA_CPU:0", "")
    return [value, [err[0], re.sub(r"defined at \S*/", "defined at ", msg)]]


@pytest.mark.parametrize("name", sorted(GEN.BUILDS))
@pytest.mark.parametrize("soft", [False, True])
def test_gpu_ops_without_a_gpu_as_tf(name, soft):
    key = f"{name}_{'soft' if soft else 'hard'}"
    got = _norm(GEN.run(tf, name, soft, False))
    assert got == _norm(WANT[key])   # TF takes the input ops from a set: flowgrad's order
    #                                   is the inputs' (the same here)


@pytest.mark.parametrize("name", ["add", "variable"])
def test_log_device_placement_prints_tfs_lines(name, capsys):
    res = GEN.run(tf, name, True, True)
    lines = capsys.readouterr().out.splitlines()
    want_res, want_lines = WANT[f"{name}_log"]
    assert res == want_res
    # the per-op lines, in the placer's order (ops with inputs or a ref output first)
    assert [ln for ln in lines if ": (" in ln] == [ln for ln in want_lines if ": (" in ln]
    # TF lists its XLA_CPU device; flowgrad has no device but the CPU without a GPU
    assert lines[0] == "Device mapping: no known devices."


def test_a_graph_grown_after_a_run_is_placed_at_the_next_plan():
    g = tf.Graph()
    with g.as_default():
        c = tf.constant(1.0, name="c")
        with tf.Session() as s:
            assert s.run(c) == 1.0
            with tf.device("/gpu:0"):
                d = tf.add(c, 1.0, name="d")
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match="Cannot assign a device for operation d: node d"):
                s.run(d)
            with pytest.raises(tf.errors.InvalidArgumentError):   # every later run, as TF
                s.run(c + 2.0)


def test_device_count_cpus_are_placeable(capsys):
    # TF 1.14 (checked with the oracle): ConfigProto(device_count={"CPU": 2}) makes
    # CPU:0 and CPU:1; an op on /cpu:1 runs (and logs CPU:1, its Const inputs with it),
    # /cpu:2 fails listing both CPUs (and TF's XLA_CPU:0, which flowgrad leaves out)
    g = tf.Graph()
    with g.as_default():
        with tf.device("/cpu:1"):
            b = tf.add(tf.constant(1.0, name="a"), 2.0, name="b")
        c = tf.multiply(b, 3.0, name="c")
        cfg = tf.ConfigProto(device_count={"CPU": 2}, log_device_placement=True)
        with tf.Session(config=cfg) as s:
            assert s.run(c) == 9.0
        dev = "/job:localhost/replica:0/task:0/device:CPU:{}"
        assert [ln for ln in capsys.readouterr().out.splitlines() if ": (" in ln] == [
            f"b: (Add): {dev.format(1)}", f"c: (Mul): {dev.format(0)}",
            f"a: (Const): {dev.format(1)}", f"b/y: (Const): {dev.format(1)}",
            f"c/y: (Const): {dev.format(0)}"]
        with tf.device("/cpu:2"):
            e = tf.identity(c, name="e")
        with tf.Session(config=tf.ConfigProto(device_count={"CPU": 2})) as s:
            with pytest.raises(tf.errors.InvalidArgumentError) as ei:
                s.run(e)
        assert (f"assigned to /device:CPU:2 but available devices are [ {dev.format(0)}, "
                f"{dev.format(1)} ]. Make sure") in str(ei.value)
        with tf.Session(config=tf.ConfigProto(device_count={"CPU": 3})) as s:
            assert s.run(e) == 9.0


def test_no_gpu_answers():
    assert tf.test.is_gpu_available() is False
    assert tf.test.gpu_device_name() == ""
    with tf.Session() as s:
        assert [d.device_type for d in s.list_devices()] == ["CPU", "XLA_CPU"]


def test_gpu_options_map_to_jax_memory_settings(monkeypatch):
    """allow_growth -> XLA_PYTHON_CLIENT_PREALLOCATE=false, per_process_gpu_memory_fraction
    -> XLA_PYTHON_CLIENT_MEM_FRACTION, set before JAX's backend starts unless set already."""
    monkeypatch.delenv("XLA_PYTHON_CLIENT_PREALLOCATE", raising=False)
    monkeypatch.setenv("XLA_PYTHON_CLIENT_MEM_FRACTION", "0.5")
    cfg = tf.ConfigProto(gpu_options=tf.GPUOptions(allow_growth=True,
                                                   per_process_gpu_memory_fraction=0.3))
    devices._memory_env(cfg)
    import os
    assert os.environ["XLA_PYTHON_CLIENT_PREALLOCATE"] == "false"
    assert os.environ["XLA_PYTHON_CLIENT_MEM_FRACTION"] == "0.5"    # the user's, kept
    monkeypatch.delenv("XLA_PYTHON_CLIENT_MEM_FRACTION")
    devices._memory_env(cfg)
    assert os.environ["XLA_PYTHON_CLIENT_MEM_FRACTION"] == "0.3"
