"""CheckpointSaverListener and SessionRunHook calls under CheckpointSaverHook against TF
1.14: the golden generator's cases (tests/golden/monitored/gen_listeners.py) run on
flowgrad and must give TF's calls, files, `checkpoint` paths, events and log lines."""
import pytest

import flowgrad as tf

import goldens

GOLD = goldens.load("monitored", "listeners")
GEN = goldens.generator("monitored", "listeners")


@pytest.fixture(scope="module")
def ours():
    try:
        return GEN.cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case,part", sorted((c, p) for c in GOLD for p in GOLD[c]))
def test_matches_tf(ours, case, part):
    assert ours[case][part] == GOLD[case][part]
