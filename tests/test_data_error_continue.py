"""tf.data iterators going on after an element's error, against TF 1.14
(tests/golden/data/gen_error_continue.py)."""
import pytest

import goldens
import flowgrad as tf

GEN = goldens.generator("data", "error_continue")
GOLD = goldens.load("data", "error_continue")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_iterator_goes_on_after_an_error_as_tf(name):
    assert GEN.run(tf, name) == GOLD[name]
