"""Device strings and multi-GPU tower programs without a GPU, against TF 1.14 (golden
xla/pmgpu_devices): op.device under tf.device strings and functions, the placer's errors
(malformed device strings, devices this process lacks, soft placement), the
assign_to_device(ps_device) pattern, cifar10-style tower training. TF 1.14's CPU build
lists an XLA_CPU device that flowgrad has not: messages are compared without it."""
import re

import numpy as np
import pytest

import goldens
import flowgrad as tf
from flowgrad.client import device_lib
from flowgrad.engine.framework import device_spec as pydev
from flowgrad.engine.runtime.xla import devices

GEN = goldens.generator("xla", "pmgpu_devices")
WANT = goldens.load("xla", "pmgpu_devices")


@pytest.fixture(autouse=True)
def _no_gpu(monkeypatch):
    monkeypatch.setattr(devices, "_found", [])    # as without JAX's GPUs
    monkeypatch.delenv("FLOWGRAD_XLA_GPU_STANDIN", raising=False)


def _norm(v):
    """TF's message without its XLA_CPU device and the directories of file names (the
    input ops it lists are sorted by the generator's _err, flowgrad's too)."""
    if isinstance(v, str):
        v = v.replace(", /job:localhost/replica:0/task:0/device:XLA_CPU:0", "")
        return re.sub(r"defined at \S*/", "defined at ", v)
    if isinstance(v, (list, tuple)):
        return [_norm(x) for x in v]
    return v


@pytest.mark.parametrize("i", range(len(GEN.SPECS)))
def test_device_strings_as_tf(i):
    assert _norm(GEN.spec_devices(tf, GEN.SPECS[i])) == _norm(WANT["specs"][i])


@pytest.mark.parametrize("i", range(len(GEN.RETURNS)))
def test_device_function_strings_kept_as_tf(i):
    assert _norm(GEN.function_devices(tf, GEN.RETURNS[i])) == _norm(WANT["functions"][i])


def test_device_entry_errors_set_device_nesting():
    got = GEN.misc_devices(tf)
    assert _norm(got) == _norm(WANT["misc"])


@pytest.mark.parametrize("i", range(len(GEN.PLACED)))
def test_placer_errors_and_soft_placement_as_tf(i):
    dev = GEN.PLACED[i]
    got = [GEN.placed_run(tf, dev, False), GEN.placed_run(tf, dev, True)]
    assert _norm(got) == _norm(WANT["placed"][i])


def test_assign_to_device_ps_pattern():
    got = [GEN.ps_run(tf, p, soft) for p in ("/cpu:0", "cpu:0") for soft in (False, True)]
    want = WANT["ps"]
    for g, w in zip(got, want):
        assert g[0] == w[0] and _norm(g[2]) == _norm(w[2])
        if w[1] is None:
            assert g[1] is None
        else:
            np.testing.assert_allclose(g[1], w[1], rtol=1e-6)


@pytest.mark.parametrize("key,reuse", [("towers", "bool"), ("towers_auto", "auto")])
def test_tower_training_with_soft_placement(key, reuse):
    got, want = GEN.towers(tf, reuse), WANT[key]
    for k in ("grads", "updates", "variables", "summaries", "devices", "saved"):
        assert got[k] == want[k], k
    np.testing.assert_allclose(got["losses"], want["losses"], rtol=1e-5)
    np.testing.assert_allclose(got["ema"], want["ema"], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(got["moving_mean"], want["moving_mean"], rtol=1e-5, atol=1e-7)


def test_cifar_towers_without_soft_placement():
    assert _norm(GEN.cifar_hard(tf)) == _norm(WANT["cifar_hard"])


def test_gpu_queries():
    assert GEN.gpu_queries(tf, device_lib) == WANT["gpu_queries"]


def test_model_deploy_device_functions():
    assert _norm(GEN.deploy(tf, pydev)) == _norm(WANT["deploy"])


def test_none_inputs_errors():
    assert _norm(GEN.none_inputs(tf)) == _norm(WANT["none_inputs"])
