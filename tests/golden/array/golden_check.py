"""Runs the golden cases of goldens.json (made by make_goldens.py from TF 1.14) with flowgrad."""
import json
import os

import numpy as np

import flowgrad as tf

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "goldens.json")) as _f:
    GOLDENS = json.load(_f)


def keys(section, select):
    return sorted(k for k in GOLDENS[section] if select(k))


def _build(code):
    env = {"tf": tf, "np": np}
    exec(code, env)
    return env


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _decode(e):
    dtype = np.dtype(e["dtype"])
    return np.array(e["data"], dtype=dtype).reshape(e["shape"])


def check_shape(key):
    case = GOLDENS["shapes"][key]
    with tf.Graph().as_default():
        outs = _as_list(_build(case["code"])["out"])
        got = [[t.dtype.base_dtype.name, t.shape.as_list() if t.shape.ndims is not None
                else None] for t in outs]
    assert got == case["outputs"], (case["code"], got, case["outputs"])


def check_names(key):
    case = GOLDENS["names"][key]
    with tf.Graph().as_default() as g:
        _build(case["code"])
        got = [[o.name, o.type] for o in g.get_operations()]
    assert got == case["ops"], (case["code"], got, case["ops"])


def check_error(key):
    case = GOLDENS["errors"][key]
    with tf.Graph().as_default() as g:
        before = None
        try:
            _build(case["code"])
        except (ValueError, TypeError) as e:
            assert type(e).__name__ == case["type"], (case["code"], repr(e))
            msg = str(e).split(" for '")[0]
            assert msg == case["message"], (case["code"], msg, case["message"])
            before = len(g.get_operations())
        else:
            raise AssertionError(f"no error from {case['code']}")
    assert before is not None


def check_runtime_error(key):
    case = GOLDENS["runtime_errors"][key]
    with tf.Graph().as_default():
        env = _build(case["code"])
        with tf.Session() as sess:
            try:
                sess.run(env["out"], env.get("feed"))
            except tf.errors.OpError as e:
                assert type(e).__name__ == case["type"], (case["code"], repr(e))
                assert e.message.split("\n")[0] == case["message"], (case["code"], e.message,
                                                                     case["message"])
            else:
                raise AssertionError(f"no error from {case['code']}")


def check_run(key):
    case = GOLDENS["runs"][key]
    with tf.Graph().as_default():
        env = _build(case["code"])
        with tf.Session() as sess:
            vals = sess.run(_as_list(env["out"]), env.get("feed"))
    assert len(vals) == len(case["values"])
    for got, want in zip(vals, case["values"]):
        want = _decode(want)
        got = np.asarray(got)
        assert got.dtype == want.dtype, (case["code"], got.dtype, want.dtype)
        assert got.shape == want.shape, (case["code"], got.shape, want.shape)
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6, err_msg=case["code"])


def check_indexed_slices(key):
    case = GOLDENS["indexed_slices"][key]
    with tf.Graph().as_default():
        env = _build(case["code"])
        grads = _as_list(env["out"])
        kinds = [type(g).__name__ if g is not None else None for g in grads]
        assert kinds == case["kinds"], (case["code"], kinds)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            vals = sess.run([g for g in grads if g is not None], env.get("feed"))
    it = iter(vals)
    for g, want in zip(grads, case["values"]):
        if g is None:
            assert want is None
            continue
        v = next(it)
        if "dense" in want:
            np.testing.assert_allclose(v, _decode(want["dense"]), err_msg=case["code"])
            continue
        assert g.indices.dtype.name == want["indices_dtype"]
        got_parts = {part: np.asarray(getattr(v, part))
                     for part in ("values", "indices", "dense_shape")}
        want_parts = {part: _decode(want[part]) for part in ("values", "indices", "dense_shape")}
        for part in got_parts:
            assert got_parts[part].dtype == want_parts[part].dtype, (case["code"], part)
            assert got_parts[part].shape == want_parts[part].shape, (case["code"], part)
        np.testing.assert_array_equal(got_parts["dense_shape"], want_parts["dense_shape"])
        # The order of concatenated contributions follows each engine's traversal order
        # (TF: breadth-first from the ys); compare the (index, row) pairs as multisets.
        np.testing.assert_array_equal(_sorted_rows(got_parts), _sorted_rows(want_parts),
                                      err_msg=case["code"])


def _sorted_rows(parts):
    idx = parts["indices"].reshape(-1, 1).astype(np.float64)
    rows = parts["values"].reshape(len(idx), -1).astype(np.float64)
    table = np.concatenate([idx, rows], axis=1)
    return table[np.lexsort(table.T[::-1])]
