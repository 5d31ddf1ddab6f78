"""optimize_for_inference_lib and strip_unused_lib (tensorflow.python.tools) as TF 1.14
runs them (golden tools/psrv_optimize)."""
import numpy as np

import flowgrad
import goldens
from flowgrad.compat.tf_alias import alias_tensorflow

GEN = goldens.generator("tools", "psrv_optimize")
WANT = goldens.load("tools", "psrv_optimize")


def _run(case):
    with alias_tensorflow():
        return getattr(GEN, case)(flowgrad)


def test_batch_norm_folded_into_the_convolution():
    got, want = _run("folded"), WANT["folded"]
    assert got["optimized"] == want["optimized"]
    assert sorted(got["consts"]) == sorted(want["consts"])
    for name, value in want["consts"].items():
        assert got["consts"][name].dtype == value.dtype, name
        np.testing.assert_allclose(got["consts"][name], value, rtol=1e-6, err_msg=name)
    np.testing.assert_allclose(got["before"], want["before"], rtol=1e-5)
    np.testing.assert_allclose(got["after"], want["after"], rtol=1e-5)


def test_frozen_conv_bn_nodes():
    assert _run("folded")["frozen"] == WANT["folded"]["frozen"]


def test_resize_and_pad_fused():
    assert _run("fused") == WANT["fused"]


def test_strip_unused():
    assert _run("strip") == WANT["strip"]


def test_helpers_and_errors():
    assert _run("helpers") == WANT["helpers"]
