"""Strings through tf.data as TF 1.14 keeps them (tests/golden/data/gen_pprobe13_strings.py):
padded_batch pads string components without cutting them to the first element's length
and fetches object arrays of bytes; the dataset TFRecordWriter writes records ending in NUL
bytes whole."""
import pytest

import flowgrad as tf
from goldens import generator, load

G = generator("data", "pprobe13_strings")
GOLD = load("data", "pprobe13_strings")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_strings_as_tf(case):
    tf.reset_default_graph()
    assert getattr(G, case)(tf) == GOLD[case]
