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


@pytest.mark.parametrize("case", sorted(GOLD))
@pytest.mark.parametrize("part", ["runs", "calls", "written", "log"])
def test_matches_tf(ours, case, part):
    want = {k: v for k, v in GOLD[case].items() if k.startswith(part)}
    got = {k: v for k, v in ours[case].items() if k.startswith(part)}
    assert want
    assert got == want
