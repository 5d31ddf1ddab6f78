"""tf.identity's op names against TF 1.14 (tests/golden/array/gen_identity_names.py)."""
import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("array", "identity_names")
GEN = generator("array", "identity_names")


def test_identity_names():
    got = GEN.run(tf)
    got["ops"] = [list(x) for x in got["ops"]]
    want = dict(GOLD["identity"], ops=[list(x) for x in GOLD["identity"]["ops"]])
    _compare(got, want, "identity")
