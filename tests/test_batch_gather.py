"""tf.gather / tf.gather_nd with batch_dims, tf.meshgrid, and zeros/ones of a list holding
tensors against TF 1.14 (tests/golden/array9/gen_batch_gather.py): values, and the ops
each call builds - the same names and count as TF; where TF's C++ shape inference
evaluates a constant subgraph (a Range's length, a transpose by a computed permutation)
TF writes a Const where flowgrad writes the Shape or Size op."""
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("array9", "batch_gather")
WANT = load("array9", "batch_gather")
FOLDED_BY_TF = {("Const", "Shape"), ("Const", "Size")}


@pytest.mark.parametrize("case", sorted(WANT))
def test_as_tf(case):
    want_value, want_ops = WANT[case]
    g = tf.Graph()
    with g.as_default():
        out = GEN.CASES[case](tf)
        value = tf.Session().run(out)
    got = [a.tolist() for a in value] if isinstance(value, list) else value.tolist()
    assert got == want_value
    ops = [[o.name, o.type] for o in g.get_operations()]
    assert [n for n, _ in ops] == [n for n, _ in want_ops]
    for (_, t_fg), (name, t_tf) in zip(ops, want_ops):
        assert t_fg == t_tf or (t_tf, t_fg) in FOLDED_BY_TF, name


def test_batch_dims_errors_as_tf():
    p = tf.constant([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="batch_dims = 2 must be less than rank"):
        tf.gather(p, [[0], [1]], batch_dims=2)
    with pytest.raises(ValueError, match="batch_dims = 2 must be less than rank"):
        tf.gather(tf.zeros([2, 3, 4]), [[0], [1]], batch_dims=2, axis=1)   # TF checks first
    with pytest.raises(ValueError, match="must be less than or equal to axis"):
        tf.gather(tf.zeros([2, 3, 4]), [[0], [1]], batch_dims=1, axis=0)
    with pytest.raises(ValueError, match="does not allow negative batch_dims"):
        tf.gather_nd(p, [[0], [1]], batch_dims=-1)
    with pytest.raises(ValueError, match="indexing parameter must be either"):
        tf.meshgrid([1], [2], indexing="xx")
    with pytest.raises(TypeError, match="'sparse' is an invalid keyword argument"):
        tf.meshgrid([1], sparse=True)
