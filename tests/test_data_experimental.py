"""tf.data.experimental against TF 1.14 goldens (tests/golden/data/gen_experimental.py):
sample_from_datasets / RandomDataset seeded orders, choose_from_datasets, CsvDataset
parsing and errors, make_csv_dataset, list_files under graph and op seeds."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "data"))
from gen_experimental import PROGRAMS  # noqa: E402
from goldens import load  # noqa: E402

GOLD = load("data", "experimental")


def _same(a, b, path="."):
    if isinstance(b, dict):
        assert isinstance(a, dict) and sorted(a) == sorted(b), (path, a, b)
        for k in b:
            _same(a[k], b[k], f"{path}/{k}")
    elif isinstance(b, (list, tuple)):
        assert isinstance(a, (list, tuple)) and len(a) == len(b), (path, a, b)
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}[{i}]")
    elif isinstance(b, str):
        assert a == b, (path, a, b)
    else:
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype, (path, a.dtype, b.dtype)
        assert a.shape == b.shape, (path, a, b)
        np.testing.assert_array_equal(a, b, err_msg=path)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_matches_tf(name):
    _same(PROGRAMS[name](tf), GOLD[name])


def test_sample_from_datasets_builds_tfs_ops():
    with tf.Graph().as_default() as g:
        tf.data.experimental.sample_from_datasets(
            [tf.data.Dataset.range(3), tf.data.Dataset.range(3)], [0.5, 0.5], seed=1)
        types = [o.type for o in g.get_operations()]
    assert types[-6:] == ["Select", "ExperimentalRandomDataset", "Const", "Const",
                          "BatchDatasetV2", "MapDataset"] or \
        types[-7:-1] == ["Select", "ExperimentalRandomDataset", "Const", "Const",
                         "BatchDatasetV2", "MapDataset"]
    assert types[-1] == "ExperimentalDirectedInterleaveDataset"


def test_contrib_data_names_are_the_experimental_ones():
    import gen_experimental as g
    assert tf.contrib.data.sample_from_datasets is tf.data.experimental.sample_from_datasets
    assert tf.contrib.data.CsvDataset is tf.data.experimental.CsvDataset

    def contrib_m(tf_, p):
        ds = tf_.contrib.data.make_csv_dataset(p("t*.csv"), batch_size=3, shuffle=False,
                                               num_epochs=1)
        return [g._described(ds.output_types), g._described(ds.output_shapes),
                g.one_shot(tf_, ds, 40)]
    _same(g._mcsv(contrib_m)(tf), GOLD["mcsv_no_shuffle"])
    with pytest.raises(TypeError):
        tf.contrib.data.make_csv_dataset("x", 1, ignore_errors=True)
