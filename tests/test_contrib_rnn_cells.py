"""tf.contrib.rnn's SRUCell, IndRNNCell, IndyGRUCell and IndyLSTMCell against TF 1.14
(tests/golden/rnn/gen_contrib_cells.py): outputs, states, gradients, variable names and
shapes, the op counter after them and graph-seeded numbers made later."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("rnn", "contrib_cells")
WANT = goldens.load("rnn", "contrib_cells")


@pytest.mark.parametrize("name", sorted(WANT))
def test_contrib_cell_equals_tf(name):
    out, states, grads, rand, names, count = GEN.run_case(tf, name)
    w_out, w_states, w_grads, w_rand, w_names, w_count = WANT[name]
    np.testing.assert_allclose(out, w_out, rtol=1e-12, atol=1e-13)
    for a, b in zip(states, w_states):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-13)
    assert len(grads) == len(w_grads)
    for a, b in zip(grads, w_grads):
        np.testing.assert_allclose(a, b, rtol=1e-11, atol=1e-12)
    assert [list(n) for n in names] == [list(n) for n in w_names]
    assert count == w_count
    np.testing.assert_array_equal(rand, w_rand)


def test_contrib_cells_are_exported():
    for name in ("SRUCell", "IndRNNCell", "IndyGRUCell", "IndyLSTMCell"):
        assert getattr(tf.contrib.rnn, name).__module__.endswith("_indy")
