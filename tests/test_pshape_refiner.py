"""TF's shape refiner evaluates the constant subgraph of a lookup's sparse ids (Unique,
Where, SparseFillEmptyRows, DynamicPartition, ParallelDynamicStitch), so a partitioned
lookup with constant ids has a static (rows, dim) shape and its gradient TF's ops
(tests/golden/opcounts/gen_pshape.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "pshape")
WANT = goldens.load("opcounts", "pshape")


@pytest.mark.parametrize("case", GEN.CASES, ids=["%s/%d/%s" % c for c in GEN.CASES])
def test_lookup_shapes_and_gradient_ops_as_tf(case):
    got, want = GEN.lookup_case(tf, *case), WANT["%s/%d/%s" % case]
    assert got["shape"] == want["shape"]
    assert got["lookup_ops"] == want["lookup_ops"]
    assert len(got["grad_ops"]) == len(want["grad_ops"])
    assert got["grad_ops"] == want["grad_ops"]
    assert len(got["values"]) == len(want["values"])
    for a, b in zip(got["values"], want["values"]):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)
