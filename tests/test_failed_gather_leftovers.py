"""gather / gather_nd / batch_gather / boolean_mask that fail to build leave TF 1.14's ops
(its ragged dispatcher converts the list arguments after the error; golden
array_extra/failed_gather_leftovers)."""
import flowgrad as tf
import goldens

GEN = goldens.generator("array_extra", "failed_gather_leftovers")
GOLD = goldens.load("array_extra", "failed_gather_leftovers")


def test_ops_left_after_a_failed_gather_are_tfs():
    got = GEN.run(tf)
    assert sorted(got) == sorted(GOLD)
    for label, want in GOLD.items():
        assert got[label] == want, label
