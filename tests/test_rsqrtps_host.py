"""TF 1.14's float32 Sqrt/Rsqrt (Eigen's packets: the RSQRTPS estimate and a Newton step)
depend on the CPU vendor's RSQRTPS table: flowgrad's table of the vendor that made the
golden (tests/golden/math/gen_rsqrtps_host.py) gives TF's bits, and the host's table is
chosen as TF's would be (engine/ops/eigen_math.py; the suite sets FLOWGRAD_RSQRTPS=amd in
conftest.py, its other goldens coming from an AMD EPYC)."""
import os
import subprocess
import sys

import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.ops import eigen_math

GEN = goldens.generator("math", "rsqrtps_host")
GOLD = goldens.load("math", "rsqrtps_host")


@pytest.fixture
def golden_vendor(monkeypatch):
    monkeypatch.setattr(eigen_math, "_RSQRT_BY_BITS", eigen_math.rsqrt_by_bits(GOLD["vendor"]))


def _same_bits(got, want):
    assert got.dtype == want.dtype == np.float32
    return np.array_equal(got.view(np.uint32), want.view(np.uint32))


@pytest.mark.parametrize("name", ["sqrt", "rsqrt"])
def test_packet_sqrt_is_tf_on_the_golden_vendor(golden_vendor, name):
    x = GEN.inputs()
    assert _same_bits(getattr(eigen_math, name)(x), GOLD[name])
    with tf.Session() as sess:   # and through the op (Sqrt's emulation covers 16,384 values)
        got = sess.run([getattr(tf.math, name)(x[i:i + 8192]) for i in range(0, x.size, 8192)])
    assert _same_bits(np.concatenate(got), GOLD[name])


def test_adam_step_is_tf_on_the_golden_vendor(golden_vendor):
    var0, grads = GEN.adam_inputs()
    var = tf.Variable(var0)
    g = tf.placeholder(tf.float32, [4096])
    step = tf.train.AdamOptimizer(0.01).apply_gradients([(g, var)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for grad in grads:
            sess.run(step, {g: grad})
        assert _same_bits(sess.run(var), GOLD["adam_var"])


def test_the_vendors_tables_differ():
    # the other vendor's table changes TF's last bits (so the test above can fail)
    other = {"amd": "intel", "intel": "amd"}[GOLD["vendor"]]
    x = GEN.inputs()
    table = eigen_math._RSQRT_BY_BITS
    try:
        eigen_math._RSQRT_BY_BITS = eigen_math.rsqrt_by_bits(other)
        assert not _same_bits(eigen_math.sqrt(x), GOLD["sqrt"])
    finally:
        eigen_math._RSQRT_BY_BITS = table


@pytest.mark.parametrize("env, want", [("amd", "amd"), ("intel", "intel"), ("INTEL", "intel")])
def test_env_chooses_the_table(env, want):
    code = ("from flowgrad.engine.ops import eigen_math as em; "
            "print(em.host_rsqrt_table(), (em._RSQRT_BY_BITS == em.rsqrt_by_bits("
            f"{want!r})).all())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "FLOWGRAD_RSQRTPS": env})
    assert out.stdout.split() == [want, "True"], out.stderr


def test_unknown_env_value_is_refused(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_RSQRTPS", "arm")
    with pytest.raises(ValueError, match="FLOWGRAD_RSQRTPS='arm'"):
        eigen_math.host_rsqrt_table()


def test_host_vendor_without_env(monkeypatch):
    monkeypatch.delenv("FLOWGRAD_RSQRTPS", raising=False)
    monkeypatch.delenv("FLOWGRAD_CPU", raising=False)
    with open("/proc/cpuinfo", "rb") as f:
        intel = b"GenuineIntel" in f.read(4096)
    assert eigen_math.host_rsqrt_table() == ("intel" if intel else "amd")
