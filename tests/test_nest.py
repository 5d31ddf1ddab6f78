"""tf.nest against TF 1.14 (tests/golden/core/gen_nest.py)."""
import pytest

import flowgrad as tf
import goldens

nest_cases = goldens.generator("core", "nest")
GOLDEN = goldens.load("core", "nest")["nest"]


@pytest.mark.parametrize("case", sorted(GOLDEN))
def test_matches_tf114(case):
    with tf.Graph().as_default():
        got = nest_cases.build(tf)
    assert got[case] == GOLDEN[case]


def test_pack_keeps_a_defaultdicts_factory():
    import collections
    d = collections.defaultdict(list, {"b": 1, "a": 2})
    out = tf.nest.map_structure(lambda v: v * 10, d)
    assert isinstance(out, collections.defaultdict) and out.default_factory is list
    assert dict(out) == {"b": 10, "a": 20} and list(out) == ["b", "a"]
