"""contrib.layers.embedding_lookup_unique and safe_embedding_lookup_sparse against TF 1.14
(tests/golden/layers/gen_contrib_embedding.py): values, every op each call builds, and a
graph-seeded random op's numbers after it. The sharded lookups build TF's
DynamicPartition / ParallelDynamicStitch graph (tf.nn.embedding_lookup with several
shards)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("layers", "contrib_embedding")
WANT = load("layers", "contrib_embedding")


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    value, ops, after = GEN.run(tf, GEN.CASES[case])
    want_value, want_ops, want_after = WANT[case]
    for v, w in (zip(value, want_value) if isinstance(want_value, list) else
                 [(value, want_value)]):
        np.testing.assert_allclose(v, w, rtol=1e-6)
        assert v.dtype == w.dtype and v.shape == w.shape
    # where TF's C++ shape inference knows a shape, its tf.shape is a Const
    assert [n for n, _ in ops] == [n for n, _ in want_ops]
    assert all(t == w or (w, t) == ("Const", "Shape") for (_, t), (_, w) in zip(ops, want_ops))
    np.testing.assert_array_equal(after, want_after)
