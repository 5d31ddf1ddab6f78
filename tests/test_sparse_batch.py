"""tf.train.batch & co. with SparseTensor inputs and the SparseTensorsMap ops against TF
1.14 (tests/golden/queues/gen_sparse_batch.py's cases run under the oracle and here with
flowgrad): op names and types, static shapes, the batches and end-of-input errors; the
map ops' handles, takes and run-time errors; build errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens
from goldenio import GoldenError

gen = goldens.generator("queues", "sparse_batch")
GOLD = goldens.load("queues", "sparse_batch")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])   # made on an Intel Xeon


def _same(got, exp, path=""):
    if isinstance(exp, dict):
        assert sorted(got) == sorted(exp), path
        for k in exp:
            _same(got[k], exp[k], f"{path}/{k}")
    elif isinstance(exp, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(exp), (path, got, exp)
        for i, (g, e) in enumerate(zip(got, exp)):
            _same(g, e, f"{path}[{i}]")
    elif isinstance(exp, (GoldenError, str, bytes, bool, int)) or exp is None:
        assert got == exp, (path, got, exp)
    else:
        exp, got = np.asarray(exp), np.asarray(got)
        assert got.dtype == exp.dtype and got.shape == exp.shape, (path, got, exp)
        np.testing.assert_array_equal(got, exp, err_msg=path)


@pytest.fixture(scope="module")
def pipelines():
    return gen.pipelines(tf)


@pytest.mark.parametrize("case", sorted(GOLD["pipelines"]))
def test_pipeline_ops_match_tf(pipelines, case):
    got, exp = pipelines[case], GOLD["pipelines"][case]
    assert got["ops"] == exp["ops"]
    _same(got["outputs"], exp["outputs"], case)


@pytest.mark.parametrize("case", sorted(GOLD["pipelines"]))
def test_pipeline_batches_match_tf(pipelines, case):
    _same(pipelines[case]["batches"], GOLD["pipelines"][case]["batches"], case)


def test_map_ops_match_tf():
    _same(gen.map_ops(tf), GOLD["map_ops"])


@pytest.mark.parametrize("case", sorted(GOLD["build_errors"]))
def test_build_errors_match_tf(case):
    _same(gen.build_errors(tf)[case], GOLD["build_errors"][case], case)
