"""Graph-mode save_weights (TF format) against TF 1.14 (tests/golden/keras/gen_save_ops.py):
saving again adds no ops; the checkpoint holds the weights and the optimizer's state."""
import flowgrad as tf
from goldens import generator, load

GOLD = load("keras", "save_ops")
GEN = generator("keras", "save_ops")


def test_save_weights_again_adds_no_ops():
    assert GEN.run(tf) == GOLD["save_again"]
