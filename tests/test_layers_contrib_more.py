"""contrib.layers layer_norm, embed_sequence, optimize_loss, summarize_* and slim.losses
against TF 1.14."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("layers", "contrib_more")
GEN = generator("layers", "contrib_more")
RUNS = {"layer_norm": ("_layer_norm", (4, 3, 5)), "embed_sequence": ("_embed", (2, 3)),
        "conv_1d_3d": ("_conv_1d_3d", (2, 6, 3))}
TRAIN = {"optimize_sgd": "_opt_sgd", "optimize_adam_decay": "_opt_adam_decay",
         "optimize_momentum": "_opt_momentum_tensor_lr", "optimize_instance": "_opt_instance"}
FRESH = {"optimize_errors": "_opt_errors", "slim_losses": "_slim_losses",
         "summaries": "_summaries", "regularizers": "_regularizers"}


@pytest.mark.parametrize("case", sorted(GOLD))
def test_contrib_more_case(case):
    if case in RUNS:
        name, shape = RUNS[case]
        result = GEN._run(tf, getattr(GEN, name), GEN._rand(*shape))
    elif case in TRAIN:
        result = GEN._train_graph(tf, getattr(GEN, TRAIN[case]))
    else:
        result = GEN._fresh(tf, getattr(GEN, FRESH[case]))
    _compare(result, GOLD[case], case)


def test_optimize_loss_gradient_noise_adds_truncated_normal_noise():
    with tf.Graph().as_default():
        x = tf.Variable(1.0)
        gs = tf.train.get_or_create_global_step()
        train = tf.contrib.layers.optimize_loss(x * x, gs, 0.1, "SGD",
                                                gradient_noise_scale=0.5)
        types = [op.type for op in tf.get_default_graph().get_operations()]
        assert "TruncatedNormal" in types
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            assert sess.run(train) == pytest.approx(1.0)


@pytest.mark.parametrize("module, name", [
    ("contrib.slim", "multi_class_target"), ("contrib.layers", "regression_target"),
    ("contrib.framework", "RecordInput"), ("layers", "experimental")])
def test_missing_names_fail_with_the_tf_name(module, name):
    obj = tf
    for part in module.split("."):
        obj = getattr(obj, part)
    with pytest.raises(AttributeError, match=f"flowgrad does not implement "
                                             f"tensorflow.{module}.{name}$"):
        getattr(obj, name)
