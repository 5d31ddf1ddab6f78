"""Functions wrapping a multi-output op return TF 1.14's namedtuple (named after the op, its
output names as fields), and Session.run gives the same namedtuple back
(tests/golden/api/gen_result_types.py)."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("api", "result_types")
GOLD = goldens.load("api", "result_types")


def _kind(r):
    fields = getattr(r, "_fields", None)
    return [type(r).__name__, list(fields) if fields else None]


@pytest.mark.parametrize("name", sorted(GEN.CALLS))
def test_result_type_is_tfs(name):
    r = GEN.CALLS[name](tf)
    assert _kind(r) == GOLD[name]
    with tf.Session() as sess:
        assert _kind(sess.run(r)) == GOLD[name + "|fetched"]
