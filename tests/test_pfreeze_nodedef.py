"""tf.import_graph_def validates each NodeDef against TF 1.14's OpDef with TF's messages
and SummarizeOpDef text (tests/golden/ckpt/gen_pfreeze_nodedef.py; node_def_check.py)."""
import pytest

import flowgrad as tf
import goldens
from flowgrad.engine.framework.node_def_check import summarize_op_def

pytest.importorskip("tensorboard")
gen = goldens.generator("ckpt", "pfreeze_nodedef")
GOLDEN = goldens.load("ckpt", "pfreeze_nodedef")


@pytest.fixture(scope="module")
def got():
    return gen.cases(tf)


def test_case_keys(got):
    assert sorted(got) == sorted(GOLDEN)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(got, key):
    assert got[key] == GOLDEN[key]


@pytest.mark.parametrize("key", sorted(k for k in GOLDEN if k.startswith("bogus/")))
def test_summary_is_tfs(key):
    op = key.split("/", 1)[1]
    assert f" not in {summarize_op_def(op)}; NodeDef: " in GOLDEN[key][1]
