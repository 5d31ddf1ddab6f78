"""tf.estimator.inputs.pandas_input_fn: a DataFrame's columns (in order) and a target fed
through a queue as numpy_input_fn feeds arrays; pandas is optional (the `pandas` extra)."""
import sys

import numpy as np
import pytest

import flowgrad as tf


def _batches(fn):
    out = []
    with tf.Graph().as_default():
        result = fn()
        with tf.train.MonitoredSession() as s:
            while not s.should_stop():
                out.append(s.run(result))
    return out


def test_pandas_batches_in_column_order():
    pd = pytest.importorskip("pandas")
    x = pd.DataFrame({"b": [1.0, 2.0, 3.0, 4.0, 5.0], "a": [10, 20, 30, 40, 50]},
                     index=[5, 6, 7, 8, 9])
    y = pd.Series([0, 1, 0, 1, 1], index=[5, 6, 7, 8, 9])
    got = _batches(tf.estimator.inputs.pandas_input_fn(x, y, batch_size=2, shuffle=False))
    assert [list(f) for f, _ in got] == [["b", "a"]] * 3
    np.testing.assert_array_equal(np.concatenate([f["a"] for f, _ in got]), x["a"].values)
    np.testing.assert_array_equal(np.concatenate([t for _, t in got]), y.values)
    two = _batches(tf.estimator.inputs.pandas_input_fn(x, batch_size=4, num_epochs=2,
                                                       shuffle=False))
    assert [len(f["b"]) for f in two] == [4, 4, 2]
    frame_y = _batches(tf.estimator.inputs.pandas_input_fn(
        x, pd.DataFrame({"t1": [1, 2, 3, 4, 5], "t2": [0.5] * 5}, index=x.index),
        batch_size=5, shuffle=False))
    assert sorted(frame_y[0][1]) == ["t1", "t2"]


def test_pandas_errors():
    pd = pytest.importorskip("pandas")
    x = pd.DataFrame({"a": [1, 2], "target": [0, 1]})
    with pytest.raises(ValueError, match="shuffle must be provided"):
        tf.estimator.inputs.pandas_input_fn(x)
    with pytest.raises(ValueError, match="Cannot use name target for target column"):
        tf.estimator.inputs.pandas_input_fn(x, pd.Series([1, 2]), shuffle=False)
    with pytest.raises(ValueError, match="Index for x and y are mismatched"):
        tf.estimator.inputs.pandas_input_fn(x[["a"]], pd.Series([1, 2], index=[3, 4]),
                                            shuffle=False)
    with pytest.raises(TypeError, match="target_column must be a string type"):
        tf.estimator.inputs.pandas_input_fn(x, shuffle=False, target_column=3)


def test_pandas_missing_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"flowgrad\[pandas\]"):
        tf.estimator.inputs.pandas_input_fn(None, shuffle=False)
