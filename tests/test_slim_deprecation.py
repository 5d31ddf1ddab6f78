"""slim's deprecated, deprecated_arg_values and experimental against TF 1.14
(tests/golden/layers/gen_slim_deprecation.py): docstrings, logged warnings, errors."""
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("layers", "slim_deprecation")
WANT = load("layers", "slim_deprecation")


@pytest.fixture(scope="module")
def got():
    # a fresh once-only registry, as in the oracle's fresh process
    from flowgrad.contrib.framework import deprecation   # slim's are the same objects
    deprecation._PRINTED_WARNING.clear()
    return GEN.cases(tf)


@pytest.mark.parametrize("key", sorted(WANT))
def test_as_tf(got, key):
    assert got[key] == WANT[key]
