"""A Saver's RestoreV2 as TF 1.14's (tests/golden/saver/gen_pfreeze_restore.py): no
private attrs in its NodeDef, GraphDef or written .pbtxt (the variables' shapes flowgrad's
kernel checks stay out of the graph file), static shapes from shape_and_slices only, and
TF's message for a checkpoint of another shape."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

pytest.importorskip("tensorboard")
gen = goldens.generator("saver", "pfreeze_restore")
GOLDEN = goldens.load("saver", "pfreeze_restore")


@pytest.fixture(scope="module")
def got():
    return gen.cases(tf)


def test_case_keys(got):
    assert sorted(got) == sorted(GOLDEN)


@pytest.mark.parametrize("key", ["restore", "restore_reshape", "imported",
                                 "graph_def_restore_attrs", "mismatch"])
def test_restore_ops_match_tf114(got, key):
    assert got[key] == GOLDEN[key]


def test_write_graph_text_is_tfs(got):
    assert got["pbtxt"] == GOLDEN["pbtxt"]


def test_restored_values(got):
    np.testing.assert_array_equal(got["restored"], GOLDEN["restored"])
