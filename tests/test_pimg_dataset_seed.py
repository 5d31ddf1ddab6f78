"""Graph-seeded random ops in tf.data functions (gen_pimg_dataset_seed.py): the op counter
of TF's cond_v2 in a function graph, and TF's warning about the graph seed."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("image", "pimg_dataset_seed")
GOLD = load("image", "pimg_dataset_seed")


def _same(got, want, path):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), path
        for k in want:
            _same(got[k], want[k], path + "/" + k)
    elif isinstance(want, list):
        assert len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, "%s[%d]" % (path, i))
    elif isinstance(want, (bytes, str)):
        assert got == want, path
    else:
        assert np.asarray(got).dtype == want.dtype and np.shape(got) == want.shape, path
        np.testing.assert_array_equal(got, want, err_msg=path)


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_case(name):
    _same(GEN.CASES[name](tf), GOLD[name], name)

