"""A kernel's gradient contributions are summed in TF 1.14's order when a tf.cond lies
between the loss and the kernel (golden gradients/book_grad_order): the weight penalty's
gradients first, then the layer's, as TF's FIFO walk reaches them. Values within 1e-6:
TF's AddN kernel sums three terms in its own order (its reused input buffer first, after
Grappler's rewrite), flowgrad left to right."""
import numpy as np
import pytest

import flowgrad
import goldens

GEN = goldens.generator("gradients", "book_grad_order")
WANT = goldens.load("gradients", "book_grad_order")


@pytest.mark.parametrize("variant", GEN.VARIANTS)
def test_kernel_gradient_sums_in_tfs_order(variant):
    got, want = GEN.grad_order(flowgrad, variant), WANT[variant]
    assert got["op"] == want["op"] == "AddN"
    assert got["inputs"] == want["inputs"]
    assert got["grad"].dtype == want["grad"].dtype
    np.testing.assert_allclose(got["grad"], want["grad"], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(got["trained"], want["trained"], rtol=1e-6, atol=1e-9)


def test_incompatible_rule_gradient_raises_tfs_error():
    got, want = GEN.incompatible_grad(flowgrad), WANT["incompatible_grad"]
    assert isinstance(got, ValueError) and want.cls == "ValueError"
    assert str(got) == want.message
