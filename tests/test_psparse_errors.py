"""Errors of sparse-feature programs against TF 1.14
(tests/golden/sparse/gen_psparse_errors.py): class and first line, or the value."""
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("sparse", "psparse_errors")
GEN = goldens.generator("sparse", "psparse_errors")


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    with tf.Graph().as_default():
        got = GEN.CASES[name](tf)
    want = GOLD[name]
    if want[0] == "ok":
        assert got[0] == "ok", (name, got)
        goldens.same_close(got[1], want[1], name)
    else:
        assert got == want, name
