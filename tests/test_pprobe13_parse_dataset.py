"""tf.data.experimental.parse_example_dataset builds TF 1.14's ExperimentalParseExampleDataset
op (tests/golden/data/gen_pprobe13_parse_dataset.py): the graph's ops, names and inputs,
the output structure, the parsed batches, the errors."""
import pytest

import flowgrad as tf
from goldens import generator, load

G = generator("data", "pprobe13_parse_dataset")
GOLD = load("data", "pprobe13_parse_dataset")


@pytest.mark.parametrize("which", G.SPEC_NAMES)
def test_parse_example_dataset_as_tf(which):
    with tf.Graph().as_default():
        got = G.parsed(tf, which)
    want = GOLD["parsed/" + which]
    for key in ("ops", "keys", "types", "shapes", "classes", "batches"):
        assert got[key] == want[key], key


def test_parse_example_dataset_errors_as_tf():
    with tf.Graph().as_default():
        assert G.errors(tf) == GOLD["errors"]
