"""Runs the array golden cases (gen_array.py; TF 1.14's results in array.json) with flowgrad."""
import numpy as np

import flowgrad as tf
import goldens

gen = goldens.generator("array", "array")
GOLDENS = goldens.load("array", "array")


def keys(section, select):
    return sorted(k.split("/", 1)[1] for k in GOLDENS
                  if k.split("/", 1)[0] == section and select(k.split("/", 1)[1]))


def _case(section, key):
    """(the case function, its TF 1.14 result)."""
    return gen.SECTIONS[section][key], GOLDENS[section + "/" + key]


_as_list = gen.as_list


def check_shape(key):
    fn, want = _case("shapes", key)
    with tf.Graph().as_default():
        outs = _as_list(fn(tf))
        got = [[t.dtype.base_dtype.name, t.shape.as_list() if t.shape.ndims is not None
                else None] for t in outs]
    assert got == want, (key, got, want)


def check_names(key):
    fn, want = _case("names", key)
    with tf.Graph().as_default() as g:
        fn(tf)
        got = [[o.name, o.type] for o in g.get_operations()]
    assert got == want, (key, got, want)


def check_error(key):
    fn, want = _case("errors", key)
    with tf.Graph().as_default() as g:
        before = None
        try:
            fn(tf)
        except (ValueError, TypeError) as e:
            assert type(e).__name__ == want.cls, (key, repr(e))
            msg = str(e).split(" for '")[0]
            assert msg == want.message, (key, msg, want.message)
            before = len(g.get_operations())
        else:
            raise AssertionError(f"no error from {key}")
    assert before is not None


def check_runtime_error(key):
    fn, want = _case("runtime_errors", key)
    with tf.Graph().as_default():
        fetches, feed = fn(tf)
        with tf.Session() as sess:
            try:
                sess.run(fetches, feed)
            except tf.errors.OpError as e:
                assert type(e).__name__ == want.cls, (key, repr(e))
                assert e.message.split("\n")[0] == want.message, (key, e.message, want.message)
            else:
                raise AssertionError(f"no error from {key}")


def check_run(key):
    fn, want_values = _case("runs", key)
    with tf.Graph().as_default():
        fetches, feed = fn(tf)
        with tf.Session() as sess:
            vals = sess.run(_as_list(fetches), feed)
    assert len(vals) == len(want_values)
    for got, want in zip(vals, want_values):
        got = np.asarray(got)
        assert got.dtype == want.dtype, (key, got.dtype, want.dtype)
        assert got.shape == want.shape, (key, got.shape, want.shape)
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6, err_msg=key)


def check_indexed_slices(key):
    fn, case = _case("indexed_slices", key)
    with tf.Graph().as_default():
        grads, feed = fn(tf)
        grads = _as_list(grads)
        kinds = [type(g).__name__ if g is not None else None for g in grads]
        assert kinds == case["kinds"], (key, kinds)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            vals = sess.run([g for g in grads if g is not None], feed)
    it = iter(vals)
    for g, want in zip(grads, case["values"]):
        if g is None:
            assert want is None
            continue
        v = next(it)
        if "dense" in want:
            np.testing.assert_allclose(v, want["dense"], err_msg=key)
            continue
        assert g.indices.dtype.name == want["indices_dtype"]
        got_parts = {part: np.asarray(getattr(v, part))
                     for part in ("values", "indices", "dense_shape")}
        want_parts = {part: want[part] for part in ("values", "indices", "dense_shape")}
        for part in got_parts:
            assert got_parts[part].dtype == want_parts[part].dtype, (key, part)
            assert got_parts[part].shape == want_parts[part].shape, (key, part)
        np.testing.assert_array_equal(got_parts["dense_shape"], want_parts["dense_shape"])
        # The order of concatenated contributions follows each engine's traversal order
        # (TF: breadth-first from the ys); compare the (index, row) pairs as multisets.
        np.testing.assert_array_equal(_sorted_rows(got_parts), _sorted_rows(want_parts),
                                      err_msg=key)


def _sorted_rows(parts):
    idx = parts["indices"].reshape(-1, 1).astype(np.float64)
    rows = parts["values"].reshape(len(idx), -1).astype(np.float64)
    table = np.concatenate([idx, rows], axis=1)
    return table[np.lexsort(table.T[::-1])]

