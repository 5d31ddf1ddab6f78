"""tf.contrib.layers and slim against TF 1.14."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "contrib_layers")
GEN = generator("layers", "contrib_layers")
RUNS = {"fc": ("_fc", (5, 3), 1), "slim_cnn": ("_slim_cnn", (2, 8, 8, 3), 1),
        "bn": ("_bn", (4, 3, 3, 2), 2), "init": ("_init_ops", (2, 4), 1)}
FRESH = {"framework": "_framework", "extra_collections": "_collections"}


@pytest.mark.parametrize("case", sorted(GOLD))
def test_contrib_layers_case(case):
    if case in RUNS:
        name, shape, n = RUNS[case]
        result = GEN._run(tf, getattr(GEN, name), GEN._rand(*shape), n_runs=n)
    else:
        result = GEN._fresh(tf, getattr(GEN, FRESH[case]))
    _compare(result, GOLD[case], case)


def test_arg_scope_rejects_undecorated_functions():
    with pytest.raises(ValueError):
        with tf.contrib.slim.arg_scope([tf.nn.relu], x=1):
            pass
