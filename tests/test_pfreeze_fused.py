"""FusedResizeAndPadConv2D / FusedPadConv2D (engine/ops/fused_pad_conv.py) against TF 1.14
(tests/golden/tools/gen_pfreeze_fused.py): optimize_for_inference's nodes, static shapes,
values (every image the first one's, as TF's kernels), no gradient."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

pytest.importorskip("tensorboard")
gen = goldens.generator("tools", "pfreeze_fused")
GOLDEN = goldens.load("tools", "pfreeze_fused")


@pytest.fixture(scope="module")
def got():
    return gen.cases(tf)


def test_case_keys(got):
    assert sorted(got) == sorted(GOLDEN)


@pytest.mark.parametrize("case", sorted(GOLDEN))
def test_nodes_shapes_and_gradient(got, case):
    g, w = got[case], GOLDEN[case]
    assert sorted(g) == sorted(w)
    for key in ("nodes", "unfused/shape", "fused/shape", "grad"):
        assert g[key] == w[key], key


@pytest.mark.parametrize("case", sorted(GOLDEN))
def test_values(got, case):
    for key in ("unfused/value", "fused/value"):
        np.testing.assert_allclose(got[case][key], GOLDEN[case][key], rtol=1e-5, atol=1e-5)
