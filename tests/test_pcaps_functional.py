"""tf.scan / map_fn / foldl / foldr misuse gives TF 1.14's errors, messages in full
(tests/golden/control/gen_pcaps_functional.py)."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GOLDEN = goldens.load("control", "pcaps_functional")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf(name):
    got = goldens.flowgrad_cases("control", "pcaps_functional", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)
    # whole messages, not only their first lines
    pairs = [(got, GOLDEN[name])] if isinstance(GOLDEN[name], tuple) else \
        zip(got, GOLDEN[name]) if name.startswith("nest_") else []
    for g, want in pairs:
        assert g == want
