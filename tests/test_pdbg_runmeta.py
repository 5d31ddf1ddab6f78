"""RunMetadata against TF 1.14: HasField of messages only read (not set) or filled by a
traced run, the empty cost graph, HasField's error for an unknown field, and
SerializeToString / ParseFromString as TF's proto."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("tools", "pdbg_runmeta")
GOLDEN = goldens.load("tools", "pdbg_runmeta")


@pytest.fixture(scope="module")
def ours():
    return GEN.basic(tf)


@pytest.mark.parametrize("key", sorted(k for k in GOLDEN if k != "bytes"))
def test_run_metadata_like_tf114(ours, key):
    assert ours[key] == GOLDEN[key]


def test_serialized_run_metadata_reads_and_writes_like_tf114():
    # TF's bytes (made by the generator with TF's proto API) read back, written again
    data, want = GOLDEN["bytes"]
    assert GEN.read(tf, data) == want
