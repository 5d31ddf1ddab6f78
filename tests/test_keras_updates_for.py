"""Model.get_updates_for / get_losses_for against TF 1.14 (golden keras/gen_updates_for.py)."""
import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "updates_for")
GEN = generator("keras", "updates_for")


def test_updates_and_losses_for_an_input_as_tf():
    _compare(GEN.cases(tf), GOLD)
