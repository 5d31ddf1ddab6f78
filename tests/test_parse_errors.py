"""Messages of tf.parse_single_example and tf.parse_example for Examples that do not fit
their features, against TF 1.14 (tests/golden/data/gen_parse_errors.py)."""
import pytest

from goldens import generator, load

import flowgrad as tf

pytest.importorskip("google.protobuf")
G = generator("data", "parse_errors")
GOLD = load("data", "parse_errors")


def test_messages_as_tf():
    got = G.errors(tf)
    assert sorted(got) == sorted(GOLD["errors"])
    for case, want in GOLD["errors"].items():
        assert got[case] == want, case
