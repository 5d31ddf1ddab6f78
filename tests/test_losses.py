"""tf.losses against TF 1.14: the golden generator's case functions (values, gradients to
second order, op names and types, collections, errors) run here with flowgrad."""
import os

import numpy as np
import pytest

import flowgrad as tf
import goldens
from flowgrad.cli import run_script

GEN = goldens.generator("losses", "losses")
GOLD = goldens.load("losses", "losses")


def same(got, exp, path="", rtol=2e-6, atol=1e-6):
    """Recursive comparison of a flowgrad result with TF's golden value."""
    if isinstance(exp, goldens.GoldenError):
        assert isinstance(got, BaseException), f"{path}: expected {exp}, got {got!r}"
        assert goldens.GoldenError.of(got) == exp, path
    elif isinstance(exp, dict):
        assert sorted(got) == sorted(exp), path
        for k in exp:
            same(got[k], exp[k], f"{path}/{k}", rtol, atol)
    elif isinstance(exp, (list, tuple)):
        assert len(got) == len(exp), f"{path}: {got} != {exp}"
        for i, (a, b) in enumerate(zip(got, exp)):
            same(a, b, f"{path}[{i}]", rtol, atol)
    elif isinstance(exp, (str, bytes)) or exp is None:
        assert got == exp, f"{path}: {got!r} != {exp!r}"
    else:
        got = np.asarray(got)
        exp = np.asarray(exp)
        assert got.dtype == exp.dtype and got.shape == exp.shape, \
            f"{path}: {got.dtype}{got.shape} != {exp.dtype}{exp.shape}"
        if exp.dtype == np.float16:
            rtol, atol = 2e-3, 2e-3
        np.testing.assert_allclose(got, exp, rtol=rtol, atol=atol, err_msg=path)


def run_case(name):
    with tf.Graph().as_default():
        return GEN.CASES[name](tf)


# TF refuses a second derivative of its fused sparse cross-entropy; flowgrad gives one
# (checked against the dense cross-entropy in test_sparse_second_order).
_TF_NO_GRAD2 = "Gradient explicitly disabled"


@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_matches_tf114(name):
    got, exp = run_case(name), GOLD[name]
    if isinstance(exp, dict) and isinstance(exp.get("grad2"), goldens.GoldenError) and \
            exp["grad2"].message.startswith(_TF_NO_GRAD2):
        assert np.all(np.isfinite(got.pop("grad2")))
        exp = {k: v for k, v in exp.items() if k != "grad2"}
    same(got, exp, name)


def test_sparse_second_order():
    """flowgrad's second derivative of sparse_softmax_cross_entropy is the dense one's."""
    labels = np.array([0, 2, 1, 2], np.int32)
    logits = np.random.RandomState(0).randn(4, 3).astype(np.float32)
    d = np.random.RandomState(1).randn(4, 3).astype(np.float32)
    out = []
    with tf.Graph().as_default():
        x = tf.constant(logits)
        for loss in (tf.losses.sparse_softmax_cross_entropy(labels, x, weights=[1., 2., 0., 1.]),
                     tf.losses.softmax_cross_entropy(np.eye(3)[labels], x,
                                                     weights=[1., 2., 0., 1.])):
            (g,) = tf.gradients(loss, x)
            out.append(tf.gradients(tf.reduce_sum(g * d), x)[0])
        with tf.Session() as s:
            a, b = s.run(out)
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_tutorial_script_prints_what_tf114_prints(capsys):
    """examples/tf1_scripts/losses_metrics.py (seeded initializers, a keras regularizer,
    tf.losses, tf.metrics) under `flowgrad run` prints TF 1.14's output."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = run_script(os.path.join(root, "examples", "tf1_scripts", "losses_metrics.py"), [])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == goldens.load("losses", "script")["losses_metrics"]


def test_private_tf_paths_resolve(tmp_path, capsys):
    """`from tensorflow.python.ops.losses import losses` & co. under `flowgrad run`."""
    script = tmp_path / "s.py"
    script.write_text(
        "from tensorflow.python.ops.losses import losses, util\n"
        "from tensorflow.python.ops.losses.losses_impl import Reduction\n"
        "from tensorflow.python.ops import metrics_impl, weights_broadcast_ops\n"
        "from tensorflow.python.ops import confusion_matrix\n"
        "import tensorflow as tf\n"
        "print(losses.mean_squared_error is tf.losses.mean_squared_error, Reduction.MEAN,\n"
        "      metrics_impl.auc is tf.metrics.auc, util.add_loss is tf.losses.add_loss,\n"
        "      callable(weights_broadcast_ops.broadcast_weights),\n"
        "      confusion_matrix.confusion_matrix is tf.math.confusion_matrix)\n")
    assert run_script(str(script), []) == 0
    assert capsys.readouterr().out == "True weighted_mean True True True True\n"
