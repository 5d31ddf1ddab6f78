"""RNN cells and drivers against TF 1.14 (tests/golden/rnn/gen_rnn.py): outputs, final
states, gradients w.r.t. inputs and weights, variable names and shapes."""
import pytest
from goldens import generator, load
from test_functional_ops import _close

import flowgrad as tf

GEN = generator("rnn", "rnn")
GOLDEN = load("rnn", "rnn")


_DEVIATIONS = {
    "case_dropout": "DropoutWrapper inside dynamic_rnn: the per-iteration dropout streams do "
                    "not yet match TF's, and the loop gradient re-runs the forward iterations "
                    "(drawing new masks)",
}


@pytest.mark.parametrize("fn", [pytest.param(f, marks=pytest.mark.xfail(
    strict=True, reason=_DEVIATIONS[f.__name__])) if f.__name__ in _DEVIATIONS else f
    for f in GEN.CASES], ids=lambda f: f.__name__[5:])
def test_matches_tf114(fn):
    tf.reset_default_graph()
    got = fn(tf)
    _close(got, GOLDEN[fn.__name__[5:]], fn.__name__)
