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


@pytest.mark.parametrize("key", sorted(k for k in GOLDEN if k != "meta_as_text"))
def test_matches_tf114(got, key):
    assert got[key] == GOLDEN[key]


def test_binary_meta_read_as_text(got):
    # the undecodable byte is the .meta's first length byte: meta_info_def's size, which
    # differs by tensorflow_git_version (flowgrad's GIT_VERSION is "flowgrad")
    module, cls, msg = got["meta_as_text"]
    want = GOLDEN["meta_as_text"]
    assert [module, cls] == want[:2]
    assert msg.startswith("'utf-8' codec can't decode byte 0x") and " in position 1: " in msg
