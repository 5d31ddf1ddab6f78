"""freeze_graph reads its input files as TF 1.14's (tests/golden/ckpt/gen_pfreeze_tool.py):
the same frozen nodes from a text or binary GraphDef, and TF's exceptions (module, class,
message) for a file read in the wrong format, bad text, or a missing file."""
import pytest

import flowgrad as tf
import goldens

pytest.importorskip("tensorboard")
gen = goldens.generator("ckpt", "pfreeze_tool")
GOLDEN = goldens.load("ckpt", "pfreeze_tool")


@pytest.fixture(scope="module")
def got():
    return gen.cases(tf)


def test_case_keys(got):
    assert sorted(got) == sorted(GOLDEN)


_UNDECODABLE = ("binary_as_text", "meta_as_text")


@pytest.mark.parametrize("key", sorted(k for k in GOLDEN if k not in _UNDECODABLE))
def test_matches_tf114(got, key):
    assert got[key] == GOLDEN[key]


@pytest.mark.parametrize("key", _UNDECODABLE)
def test_binary_file_read_as_text(got, key):
    # where the first undecodable byte is depends on the bytes: TF writes a NodeDef's
    # attrs in its hash map's order (not the same from run to run), a .meta's
    # meta_info_def has TF's git version (flowgrad's GIT_VERSION is "flowgrad")
    module, cls, msg = got[key]
    assert [module, cls] == GOLDEN[key][:2]
    assert msg.startswith("'utf-8' codec can't decode byte 0x") and " in position " in msg
