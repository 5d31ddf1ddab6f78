"""tf.parse_single_example(example_names=...) against TF 1.14
(tests/golden/data/gen_parse_single_named.py)."""
import pytest

from goldens import generator, load
from test_data import _same

import flowgrad as tf

pytest.importorskip("google.protobuf")
G = generator("data", "parse_single_named")
GOLD = load("data", "parse_single_named")


def test_values_as_tf():
    got = G.values(tf)
    assert got["static"] == GOLD["values"]["static"]
    _same(got["values"], GOLD["values"]["values"])


def test_errors_name_the_example():
    assert G.errors(tf) == GOLD["errors"]
