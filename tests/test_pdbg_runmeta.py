"""RunMetadata against TF 1.14: HasField of messages only read (not set) or filled by a
traced run, the empty cost graph, and HasField's error for an unknown field."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("tools", "pdbg_runmeta")
GOLDEN = goldens.load("tools", "pdbg_runmeta")


@pytest.fixture(scope="module")
def ours():
    return GEN.cases(tf)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_run_metadata_like_tf114(ours, key):
    assert ours[key] == GOLDEN[key]
