"""Gradient ops in multi-device programs against TF 1.14 (golden xla/pmgpu_colocate):
colocate_gradients_with_ops, _MultiDeviceAddN's per-device sums, the gate's NoOp outside
the device scopes, a two-tower batch-norm model's gradient ops and first update."""
import numpy as np
import pytest

import goldens
import flowgrad as tf
from flowgrad.engine.runtime.xla import devices

GEN = goldens.generator("xla", "pmgpu_colocate")
WANT = goldens.load("xla", "pmgpu_colocate")


@pytest.fixture(autouse=True)
def _no_gpu(monkeypatch):
    monkeypatch.setattr(devices, "_found", [])    # as without JAX's GPUs
    monkeypatch.delenv("FLOWGRAD_XLA_GPU_STANDIN", raising=False)


@pytest.mark.parametrize("colocate", [False, True])
@pytest.mark.parametrize("gate", [False, True])
def test_gradient_ops_devices_and_colocation(colocate, gate):
    ops, value = GEN.three_devices(tf, colocate, gate)
    want_ops, want_value = WANT[f"three_{colocate}_{gate}"]
    assert ops == want_ops
    np.testing.assert_allclose(value, want_value, rtol=1e-6)


@pytest.mark.parametrize("colocate", [False, True])
def test_tower_gradient_ops(colocate):
    ops, w = GEN.towers(tf, colocate)
    want_ops, want_w = WANT[f"towers_{colocate}"]
    assert ops == want_ops
    np.testing.assert_allclose(w, want_w, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("axis", [0, 1])
def test_gather_and_sum_gradient_shapes_colocated(axis):
    ops, value = GEN.embedding(tf, axis)
    want_ops, want_value = WANT[f"embedding_{axis}"]
    assert ops == want_ops
    np.testing.assert_array_equal(value, want_value)
