"""A tf.cond's gradient written as TF 1.14 writes it (golden control/cond_grad_gates):
under a gated minimize, TF's tuple of a BiasAdd's gradients (the value's passed through)
and of an Add's (a nested cond's sum passed to both inputs); a concat's gradient in a
branch copies its constant axis (<concat>_grad/Const); static_rnn with sequence lengths."""
import pytest

import flowgrad
import goldens

GEN = goldens.generator("control", "cond_grad_gates")
WANT = goldens.load("control", "cond_grad_gates")


@pytest.mark.parametrize("case", GEN.CASES)
def test_cond_gradient_nodes_as_tf(case):
    got = getattr(GEN, case)(flowgrad)
    assert len(got) == len(WANT[case])
    assert [n[0] for n in got] == [n[0] for n in WANT[case]]   # names and order first
    assert got == WANT[case]
