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

STEMS = ("complex", "strings", "io", "special")


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


# -- what has no golden: TF answers this with the clock ------------------------------------
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


# -- tf.init_scope, tf.container, tf.train's loop helpers ------------------------------------
def test_init_scope_lifts_out_of_control_dependencies_and_keeps_the_name_scope():
    with tf.Graph().as_default():
        a = tf.constant(1.0, name="a")
        with tf.name_scope("outer"):
            with tf.control_dependencies([a]):
                with tf.init_scope():
                    c = tf.constant(2.0, name="c")
                d = tf.constant(3.0, name="d")
        assert c.name == "outer/c:0" and c.op.control_inputs == []
        assert d.op.control_inputs == [a.op]


def test_container_sets_the_variable_ops_container():
    with tf.Graph().as_default():
        with tf.container("box"):
            v = tf.Variable(1.0, name="v")
        assert v.op.get_attr("container") in ("box", b"box")


def test_summary_iterator_reads_the_events_a_file_writer_wrote(tmp_path):
    with tf.Graph().as_default():
        w = tf.summary.FileWriter(str(tmp_path))
        w.add_summary(tf.Summary(value=[tf.Summary.Value(tag="x", simple_value=1.5)]), 3)
        w.close()
    import glob
    (path,) = glob.glob(str(tmp_path / "events.*"))
    events = list(tf.train.summary_iterator(path))
    assert events[0].HasField("file_version")
    assert [(e.step, v.tag, v.simple_value) for e in events[1:] for v in e.summary.value] == \
        [(3, "x", 1.5)]


def test_checkpoints_iterator_yields_each_new_checkpoint_then_times_out(tmp_path):
    with tf.Graph().as_default():
        tf.Variable(1.0)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            saver.save(sess, str(tmp_path / "model"), global_step=1)
            it = tf.train.checkpoints_iterator(str(tmp_path), timeout=0)
            assert next(it).endswith("model-1")
            saver.save(sess, str(tmp_path / "model"), global_step=2)
            assert next(it).endswith("model-2")
            assert list(it) == []            # no newer one within the timeout
    calls = []
    it = tf.train.checkpoints_iterator(str(tmp_path / "none"), timeout=0,
                                       timeout_fn=lambda: calls.append(1) or len(calls) > 1)
    assert list(it) == [] and calls == [1, 1]


def test_basic_train_loop_runs_steps_until_the_supervisor_stops(tmp_path):
    with tf.Graph().as_default():
        step = tf.train.get_or_create_global_step()
        inc = tf.assign_add(step, 1)
        sv = tf.train.Supervisor(logdir=str(tmp_path), save_model_secs=0, save_summaries_secs=0)
        seen = []

        def train_step(sess, stop_at):
            seen.append(sess.run(inc))
            if seen[-1] >= stop_at:
                sv.request_stop()
        tf.train.basic_train_loop(sv, train_step, args=[3])
    assert seen == [1, 2, 3]
