"""tf.feature_column against TF 1.14 (tests/golden/feature_column/gen_feature_column.py run
on flowgrad): input_layer / linear_model outputs over every column kind, with TF's seeded
embedding initializers (so the op sequence before each variable is TF's) and fixed linear
weights; the op names, variable names and collections; make_parse_example_spec; errors."""
import difflib

import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("feature_column", "feature_column")
WANT = goldens.load("feature_column", "feature_column")


@pytest.fixture(scope="module")
def ours():
    return GEN.cases(tf)


def _close(got, want, path):
    if isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), path
        for i, (a, b) in enumerate(zip(got, want)):
            _close(a, b, f"{path}[{i}]")
    else:
        got = np.asarray(got)
        assert got.dtype == want.dtype and got.shape == want.shape, path
        np.testing.assert_allclose(got, want, rtol=2e-6, atol=1e-6, err_msg=path)


@pytest.mark.parametrize("case", sorted(WANT))
def test_equals_tf(ours, case):
    got, want = ours[case], WANT[case]
    if isinstance(want, dict) and "values" in want:
        assert isinstance(got, dict), got
        _close(got["values"], want["values"], case)
        for key in ("static", "variables", "trainable", "model_variables"):
            goldens.same_exact(got[key], want[key], f"{case}/{key}")
        want_names = want["op_names"]   # (AssertGuard conds: TF's Switch/Merge, tf_nodes.py)
        if got["op_names"] != want_names:
            diff = difflib.unified_diff(want_names, got["op_names"], "TF", "flowgrad",
                                        lineterm="", n=1)
            pytest.fail(f"{case}: op names differ\n" + "\n".join(list(diff)[:60]))
    else:
        goldens.same_exact(got, want, case)


def test_identity_column_out_of_range_fails_at_run():
    with tf.Graph().as_default():
        col = tf.feature_column.categorical_column_with_identity("k", 3)
        out = tf.feature_column.input_layer({"k": tf.constant([[1], [5]])},
                                            [tf.feature_column.indicator_column(col)])
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError):
                sess.run(out)


def test_columns_are_hashable_and_compare_by_value():
    fc = tf.feature_column
    a = fc.embedding_column(fc.categorical_column_with_identity("k", 3), 2,
                            initializer=tf.zeros_initializer)
    b = fc.embedding_column(fc.categorical_column_with_identity("k", 3), 2,
                            initializer=tf.zeros_initializer)
    assert a == b and hash(a) == hash(b) and a.name == "k_embedding"
    assert fc.numeric_column("x").variable_shape.as_list() == [1]


def test_unsupported_arguments_say_so():
    fc = tf.feature_column
    col = fc.categorical_column_with_identity("k", 3)
    with pytest.raises(NotImplementedError, match="ckpt_to_load_from"):
        fc.embedding_column(col, 2, ckpt_to_load_from="x", tensor_name_in_ckpt="y")


def test_feature_of_unknown_rank_is_expanded_at_run_time():
    fc = tf.feature_column
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32)
        out = fc.input_layer({"x": x}, [fc.numeric_column("x")])
        with tf.Session() as sess:
            assert sess.run(out, {x: [1.0, 2.0]}).tolist() == [[1.0], [2.0]]
            assert sess.run(out, {x: [[3.0], [4.0]]}).tolist() == [[3.0], [4.0]]
            with pytest.raises(tf.errors.InvalidArgumentError, match="cannot have rank 0"):
                sess.run(out, {x: 5.0})
