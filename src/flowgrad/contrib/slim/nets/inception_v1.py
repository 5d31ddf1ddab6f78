"""Inception V1 (GoogLeNet; TF 1.14 contrib/slim/python/slim/nets/inception_v1.py)."""
from .... import nn
from ....engine.framework.graph import GraphKeys
from ....ops import array_ops, variable_scope
from ....ops.regularizers import l2_regularizer
from ...framework.arg_scope import arg_scope
from ...layers import initializers, layers
from ...layers.layers_extra import softmax
from . import _inception

__all__ = ["inception_v1_base", "inception_v1", "inception_v1_arg_scope"]

trunc_normal = _inception.trunc_normal


def _mixed(b0, b1, b2, b3, b2_second="Conv2d_0b_3x3"):
    """A Mixed block: 1x1 | 1x1, 3x3 | 1x1, 3x3 | 3x3 max pool, 1x1 (depths (b1a, b1b))."""
    return ("mixed", [[("conv", "Conv2d_0a_1x1", b0, [1, 1])],
                      [("conv", "Conv2d_0a_1x1", b1[0], [1, 1]),
                       ("conv", "Conv2d_0b_3x3", b1[1], [3, 3])],
                      [("conv", "Conv2d_0a_1x1", b2[0], [1, 1]),
                       ("conv", b2_second, b2[1], [3, 3])],
                      [("max", "MaxPool_0a_3x3", [3, 3]),
                       ("conv", "Conv2d_0b_1x1", b3, [1, 1])]])


_TABLE = (
    ("Conv2d_1a_7x7", ("conv", 64, [7, 7], {"stride": 2})),
    ("MaxPool_2a_3x3", ("max", [3, 3], {"stride": 2})),
    ("Conv2d_2b_1x1", ("conv", 64, [1, 1])),
    ("Conv2d_2c_3x3", ("conv", 192, [3, 3])),
    ("MaxPool_3a_3x3", ("max", [3, 3], {"stride": 2})),
    ("Mixed_3b", _mixed(64, (96, 128), (16, 32), 32)),
    ("Mixed_3c", _mixed(128, (128, 192), (32, 96), 64)),
    ("MaxPool_4a_3x3", ("max", [3, 3], {"stride": 2})),
    ("Mixed_4b", _mixed(192, (96, 208), (16, 48), 64)),
    ("Mixed_4c", _mixed(160, (112, 224), (24, 64), 64)),
    ("Mixed_4d", _mixed(128, (128, 256), (24, 64), 64)),
    ("Mixed_4e", _mixed(112, (144, 288), (32, 64), 64)),
    ("Mixed_4f", _mixed(256, (160, 320), (32, 128), 128)),
    ("MaxPool_5a_2x2", ("max", [2, 2], {"stride": 2})),
    ("Mixed_5b", _mixed(256, (160, 320), (32, 128), 128, b2_second="Conv2d_0a_3x3")),
    ("Mixed_5c", _mixed(384, (192, 384), (48, 128), 128)),
)


def inception_v1_base(inputs, final_endpoint="Mixed_5c", scope="InceptionV1"):
    """Inception V1 up to `final_endpoint`; returns (net, end_points)."""
    with variable_scope.variable_scope(scope, "InceptionV1", [inputs]):
        with arg_scope([layers.conv2d, layers.fully_connected],
                       weights_initializer=trunc_normal(0.01)):
            with arg_scope([layers.conv2d, layers.max_pool2d], stride=1, padding="SAME"):
                end_points = {}
                net, found = _inception.build(inputs, _TABLE, final_endpoint, end_points)
                if found:
                    return net, end_points
    raise _inception.unknown(final_endpoint)


def inception_v1(inputs, num_classes=1000, is_training=True, dropout_keep_prob=0.8,
                 prediction_fn=softmax, spatial_squeeze=True, reuse=None,
                 scope="InceptionV1"):
    """Inception V1 with its classifier; returns (logits, end_points). Input 224x224."""
    with variable_scope.variable_scope(scope, "InceptionV1", [inputs, num_classes],
                                       reuse=reuse) as scope:
        with arg_scope([layers.batch_norm, layers.dropout], is_training=is_training):
            net, end_points = inception_v1_base(inputs, scope=scope)
            with variable_scope.variable_scope("Logits"):
                net = layers.avg_pool2d(net, [7, 7], stride=1, scope="MaxPool_0a_7x7")
                net = layers.dropout(net, dropout_keep_prob, scope="Dropout_0b")
                logits = layers.conv2d(net, num_classes, [1, 1], activation_fn=None,
                                       normalizer_fn=None, scope="Conv2d_0c_1x1")
                if spatial_squeeze:
                    logits = array_ops.squeeze(logits, [1, 2], name="SpatialSqueeze")
                end_points["Logits"] = logits
                end_points["Predictions"] = prediction_fn(logits, scope="Predictions")
    return logits, end_points


inception_v1.default_image_size = 224


def inception_v1_arg_scope(weight_decay=0.00004, use_batch_norm=True,
                           batch_norm_var_collection="moving_vars"):
    """L2 decay; conv2d with He initialization, ReLU and (optionally) batch norm."""
    batch_norm_params = _inception.batch_norm_params(
        0.9997, 0.001, batch_norm_var_collection, updates_collections=GraphKeys.UPDATE_OPS)
    normalizer_fn = layers.batch_norm if use_batch_norm else None
    normalizer_params = batch_norm_params if use_batch_norm else {}
    with arg_scope([layers.conv2d, layers.fully_connected],
                   weights_regularizer=l2_regularizer(weight_decay)):
        with arg_scope([layers.conv2d],
                       weights_initializer=initializers.variance_scaling_initializer(),
                       activation_fn=nn.relu, normalizer_fn=normalizer_fn,
                       normalizer_params=normalizer_params) as sc:
            return sc
