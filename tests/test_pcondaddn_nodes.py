"""A tf.cond capture's gradient terms summed in one AddN as TF 1.14 writes them (golden
control/pcondaddn_nodes): a tensor read in both branches of a nested cond and by another
op of the outer branch (static_rnn's LSTM cell state under sequence_length) gets TF's one
AddN of the nested gradient's two Merges and the other term, not two AddNs."""
import pytest

import flowgrad
import goldens

GEN = goldens.generator("control", "pcondaddn_nodes")
WANT = goldens.load("control", "pcondaddn_nodes")


@pytest.mark.parametrize("case", ["lstm", "lstm_peepholes", "gru", "nested"])
def test_capture_gradient_sums_as_tf(case):
    got = getattr(GEN, case)(flowgrad)
    assert got["addn"] == WANT[case]["addn"]
    assert got["count"] == WANT[case]["count"]
    assert got["names"] == WANT[case]["names"]
