"""tf.contrib.learn's InputFnOps, build_parsing_serving_input_fn,
build_default_serving_input_fn (utils.input_fn_utils), no_op_train_fn and the Evaluable /
Trainable interfaces against TF 1.14 (tests/golden/contrib/gen_learn_interfaces.py)."""
import pytest

import flowgrad as tf
from flowgrad.compat.tf_alias import alias_tensorflow
from goldens import generator, load, same_close

GEN = generator("contrib", "learn_interfaces")
GOLD = load("contrib", "learn_interfaces")


@pytest.fixture(scope="module")
def ours():
    with alias_tensorflow():   # the generator imports utils.input_fn_utils by its TF path
        return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_learn_interfaces_match_tf(ours, case):
    same_close(ours[case], GOLD[case], case)
