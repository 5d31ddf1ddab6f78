"""tf.layers / contrib layers with a tensor `training` against TF 1.14 (values fed True
and False, moving statistics, variables, UPDATE_OPS)."""
import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "training_tensor")
GEN = generator("layers", "training_tensor")


def test_training_tensor():
    _compare(GEN._run(tf), GOLD["training_tensor"], "training_tensor")
