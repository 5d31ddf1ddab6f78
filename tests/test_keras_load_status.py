"""The status of a TF-format load_weights against TF 1.14
(tests/golden/keras/gen_load_status.py): what assert_consumed /
assert_existing_objects_matched / assert_nontrivial_match say, the weights and the
optimizer's state loaded, the error of a checkpoint matching nothing."""
import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "load_status")
GEN = generator("keras", "load_status")


def test_load_status():
    _compare(GEN.run(tf), GOLD["status"], "status")
