"""tf.keras.layers.AbstractRNNCell against TF 1.14 (tests/golden/keras/gen_abstract_cell.py:
the same case functions run with flowgrad)."""
import flowgrad as tf
from goldens import GoldenError, generator, load
from test_layers import _compare

GOLD = load("keras", "abstract_cell")
GEN = generator("keras", "abstract_cell")


def test_custom_abstract_cell_in_rnn_as_tf():
    _compare(GEN.run(tf), GOLD["run"], "run")


def test_abstract_cell_errors_as_tf():
    got, want = GEN.errors(tf), GOLD["errors"]
    assert sorted(got) == sorted(want)
    for key in want:
        g = GoldenError.of(got[key])
        assert (g.cls, g.message) == (want[key].cls, want[key].message), key
