"""Strings, complex numbers, encodings, tf.io aliases and special functions against TF 1.14
goldens: each case of tests/golden/strings/gen_*.py is run with flowgrad through the
generator's own case functions (c3kit.run_all) and compared with what TF 1.14 recorded —
op names and types, values (floats within the generator's TOL), errors (class and first
line)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
import goldens

STEMS = ("complex", "strings")


def _cases():
    out = []
    for stem in STEMS:
        for name in sorted(goldens.load("strings", stem)):
            out.append(pytest.param(stem, name, id=f"{stem}:{name}"))
    return out


def _close(got, want, where, tol):
    if isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), (where, got, want)
        for k in want:
            _close(got[k], want[k], f"{where}.{k}", tol)
        return
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), (where, got, want)
        for i, (a, b) in enumerate(zip(got, want)):
            _close(a, b, f"{where}[{i}]", tol)
        return
    if isinstance(want, np.ndarray):
        got = np.asarray(got)
        assert got.shape == want.shape, (where, got.shape, want.shape)
        assert got.dtype == want.dtype or (got.dtype.kind in "OSU" and want.dtype.kind in "OSU"), \
            (where, got.dtype, want.dtype)
        if want.dtype.kind in "fc":
            rtol, atol = tol or ((2e-6, 1e-7) if want.dtype in (np.float32, np.complex64)
                                 else (1e-12, 1e-14))
            np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=where)
        else:
            assert got.tolist() == want.tolist(), (where, got, want)
        return
    if isinstance(want, float) and isinstance(got, float):
        assert got == want or (np.isnan(got) and np.isnan(want)) or \
            abs(got - want) <= 1e-12 * abs(want), (where, got, want)
        return
    assert got == want, (where, got, want)


@pytest.mark.parametrize("stem,name", _cases())
def test_matches_tf114(stem, name):
    gen = goldens.generator("strings", stem)
    got = gen.run_all(tf, {name: gen.CASES[name]}, getattr(gen, "VALUES_ONLY", ()))[name]
    want = goldens.load("strings", stem)[name]
    tol = getattr(gen, "TOL", {}).get(name)
    _close(got, want, name, tol)


# -- what has no golden: TF answers these with a RaggedTensor or the clock -------------------
def test_ragged_results_are_not_implemented():
    with tf.Graph().as_default():
        with pytest.raises(NotImplementedError, match="RaggedTensor"):
            tf.string_split(["a b"], result_type="RaggedTensor")
        with pytest.raises(NotImplementedError, match="RaggedTensor"):
            tf.strings.split(["a b"], result_type="RaggedTensor")
        with pytest.raises(NotImplementedError, match="RaggedTensor"):
            tf.strings.split([["a b"]])


def test_timestamp_is_the_clock_when_run():
    import time
    with tf.Graph().as_default():
        t = tf.timestamp()
        assert t.op.type == "Timestamp" and t.dtype == tf.float64 and t.shape.ndims == 0
        with tf.Session() as sess:
            before = time.time()
            a = sess.run(t)
            b = sess.run(t)
            after = time.time()
        assert before <= a <= b <= after


def test_regex_unicode_classes_are_not_implemented():
    with tf.Graph().as_default():
        with tf.Session() as sess:
            with pytest.raises(NotImplementedError, match=r"\\p"):
                sess.run(tf.strings.regex_full_match(["A"], r"\pL"))


def test_as_string_fill_outside_printf_flags_is_an_error():
    # TF 1.14 pastes the fill into its printf format: fill="x" prints in hex ('75d' for 7)
    with tf.Graph().as_default():
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError, match="Fill argument"):
                sess.run(tf.as_string([7], width=5, fill="x"))


def test_regex_translation_cases():
    with tf.Graph().as_default():
        with tf.Session() as sess:
            got = sess.run(tf.strings.regex_full_match(
                ["ab", "a1", "a\n", "x+y"], r"[[:alpha:]][[:alnum:]]\z|x\Q+\Ey"))
            assert got.tolist() == [True, True, False, True]
            got = sess.run(tf.regex_replace(["a b\tc\vd"], r"\s", "_"))
            assert got.tolist() == [b"a_b_c\vd"]     # RE2's \s has no \v
