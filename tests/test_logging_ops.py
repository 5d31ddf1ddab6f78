"""tf.Assert, tf.Print, tf.print (output formats from TF 1.14) and tf.logging."""
import io
import logging
import sys

import numpy as np
import pytest
from framework_golden import check, drop_items

import flowgrad as tf
import goldens

print_cases = goldens.generator("framework", "print_cases")


def _capture(fn):
    old = sys.stderr
    sys.stderr = buf = io.StringIO()
    try:
        fn()
    finally:
        sys.stderr = old
    return buf.getvalue()


GOLDEN = goldens.load("framework", "print_cases")
_OURS = {}


def _ours():
    if not _OURS:
        _OURS.update(print_cases.formats(tf, _capture))
    return _OURS


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_printed_text_matches_tf114(key):
    assert _ours()[key] == GOLDEN[key]


def test_assert_and_print_case():
    # Deviation: tf.Assert of non-int32/string data returns flowgrad's one Cond op
    # ("<name>/AssertGuard/Cond"), not the Merge of TF's AssertGuard cond (item 0 of the
    # case is the returned op's name and type; the op counter is TF's).
    check("cases_variables", "assert_and_print", drop_items(0))


def test_assert_runs_only_where_ordered():
    x = tf.placeholder(tf.float32, [], name="x")
    check_op = tf.Assert(x > 0.0, [x, "x must be positive"], name="positive")
    with tf.control_dependencies([check_op]):
        y = tf.identity(x) * 2.0
    z = x * 3.0
    # float data: TF's AssertGuard cond (flowgrad's Cond op) around the Assert
    assert check_op.name == "positive/AssertGuard/Merge"
    with tf.Session() as sess:
        assert sess.run(y, {x: 1.0}) == 2.0
        assert sess.run(z, {x: -1.0}) == -3.0
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"assertion failed: \[-1\] \[x must be positive\]") as e:
            sess.run(y, {x: -1.0})
        assert e.value.op.name in ("positive/AssertGuard/Assert", check_op.name)


def test_assert_condition_must_be_a_bool_scalar():
    c = tf.constant(1.0)
    with pytest.raises(TypeError, match="Input 'condition' of 'Assert' Op has type float32"):
        tf.Assert(c, [1])
    assert tf.get_default_graph().get_operations() == [c.op]
    bad = tf.Assert(tf.constant([True, False]), [1])
    with tf.Session() as sess:
        with pytest.raises(tf.errors.InvalidArgumentError, match=r"In\[0\] is not a scalar: \[2\]"):
            sess.run(bad)


def test_print_is_identity_with_first_n_and_gradient():
    x = tf.constant([1.0, 2.0])
    p = tf.Print(x, [x], message="x=", first_n=2)
    y = tf.reduce_sum(p * p)
    (g,) = tf.gradients(y, x)
    with tf.Session() as sess:
        out = _capture(lambda: [sess.run(y) for _ in range(3)])
        assert out == "x=[1 2]\nx=[1 2]\n"
        assert sess.run(g).tolist() == [2.0, 4.0]


def test_tf_print_streams():
    x = tf.constant([1, 2, 3])
    buf = io.StringIO()
    to_buf = tf.print("x:", x, output_stream=buf)
    to_stdout = tf.print(x, output_stream=sys.stdout)
    got = []
    to_log = tf.print("logged", x, output_stream=got.append)
    with tf.Session() as sess:
        sess.run(to_buf)
        assert buf.getvalue() == "x: [1 2 3]\n"
        old, sys.stdout = sys.stdout, io.StringIO()
        try:
            sess.run(to_stdout)
            assert sys.stdout.getvalue() == "[1 2 3]\n"
        finally:
            sys.stdout = old
        sess.run(to_log)
    assert got == ["logged [1 2 3]"]
    with pytest.raises(ValueError, match="Unrecognized keyword"):
        tf.print(x, bogus=1)


def test_tf_print_orders_with_control_dependencies():
    x = tf.placeholder(tf.int32, [], name="x")
    p = tf.print("value", x)
    with tf.control_dependencies([p]):
        y = x + 1
    with tf.Session() as sess:
        out = _capture(lambda: sess.run(y, {x: 41}))
    assert out == "value 41\n"


def test_logging_levels_and_output(capsys):
    log = tf.logging
    assert (log.DEBUG, log.INFO, log.WARN, log.ERROR, log.FATAL) == (10, 20, 30, 40, 50)
    assert tf.get_logger() is logging.getLogger("tensorflow")
    old = log.get_verbosity()
    try:
        log.set_verbosity(log.INFO)
        assert log.get_verbosity() == log.INFO
        log.info("step %d", 3)
        log.debug("hidden")
        log.warning("careful")
        log.log(log.ERROR, "bad %s", "thing")
        log.log_if(log.INFO, "shown", True)
        log.log_if(log.INFO, "not shown", False)
        log._counts.clear()
        # TF 1.14 keys the count on the caller's caller: both loops share one count, so
        # log_first_n (counts 5..9) logs nothing (golden: compat/pg_logging)
        for i in range(5):
            log.log_every_n(log.INFO, "every %d", 2, i)
        for i in range(5):
            log.log_first_n(log.INFO, "first %d", 2, i)
        err = capsys.readouterr().err
    finally:
        log.set_verbosity(old)
    if logging.getLogger().handlers:   # pytest's root handlers: TF does not add its own
        return
    assert err.splitlines() == [
        "INFO:tensorflow:step 3", "WARNING:tensorflow:careful", "ERROR:tensorflow:bad thing",
        "INFO:tensorflow:shown", "INFO:tensorflow:every 0", "INFO:tensorflow:every 2",
        "INFO:tensorflow:every 4"]


def test_compat_v1_has_the_setup_calls():
    import flowgrad.compat.v1 as tf1
    tf1.disable_v2_behavior()
    tf1.logging.set_verbosity(tf1.logging.ERROR)
    tf1.logging.set_verbosity(tf1.logging.WARN)
    assert tf1.AUTO_REUSE is tf.AUTO_REUSE and tf1.get_variable is tf.get_variable
    assert tf1.variable_scope is tf.variable_scope
    assert tf.compat.v1 is tf and tf.compat.v1.logging is tf.logging
    tf.compat.v1.disable_eager_execution()


_ = np


def test_string_format_of_a_variable_and_bad_list_inputs():
    # TF 1.14 (checked with the oracle): a Variable is one input (tensor_util.is_tensor);
    # a list value that does not convert raises op_def_library's "Tensors in list ...
    # that are invalid", the Consts made while converting left in the graph; Print's data
    # is converted the same way (and must be a list)
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable([1.0, 2.0], name="v")
        f = tf.strings.format("{}", v)
        sp = tf.SparseTensor([[0, 1]], [1.5], [3, 4])
        with pytest.raises(TypeError, match=r"^Tensors in list passed to 'inputs' of "
                           r"'StringFormat' Op have types \[int32, <NOT CONVERTIBLE TO TENSOR>\]"
                           r" that are invalid\. Tensors: \[1, "):
            tf.strings.format("{}{}", [1, sp])
        assert f.name == "StringFormat:0"
        assert [o.name for o in g.get_operations()][-2:] == [
            "StringFormat_1/inputs_0", "StringFormat_1/Const"]
        with pytest.raises(TypeError, match=r"^Tensors in list passed to 'data' of 'Print' "
                           r"Op have types \[float32, <NOT CONVERTIBLE TO TENSOR>\] that are "
                           r"invalid"):
            tf.Print(1.0, [2.5, sp])
        with pytest.raises(TypeError, match=r"^Expected list for 'data' argument to 'Print' "
                           r"Op, not 3\.$"):
            tf.Print(1.0, 3)
        with tf.Session() as sess:
            sess.run(v.initializer)
            assert sess.run(f) == b"[1 2]"
