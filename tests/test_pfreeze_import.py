"""tf.import_graph_def's argument checks and name parsing against TF 1.14
(tests/golden/ckpt/gen_pfreeze_import.py): the errors, the returned names and the ops a
failed import leaves behind."""
import re

import pytest

import flowgrad as tf
import goldens

pytest.importorskip("tensorboard")
gen = goldens.generator("ckpt", "pfreeze_import")
GOLDEN = goldens.load("ckpt", "pfreeze_import")


@pytest.fixture(scope="module")
def got():
    return gen.cases(tf)


def test_case_keys(got):
    assert sorted(got) == sorted(GOLDEN)


def _host_free(value):
    """An error with the machine's name in "binary running on <host>." left out."""
    if isinstance(value, list) and len(value) == 2 and isinstance(value[1], str):
        return [value[0], re.sub(r"binary running on \S+?\. ", "binary running on HOST. ",
                                 value[1])]
    return value


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_matches_tf114(got, key):
    assert _host_free(got[key]) == _host_free(GOLDEN[key])
