"""Inception V2 (batch-normalized Inception; TF 1.14
contrib/slim/python/slim/nets/inception_v2.py)."""
from .... import nn
from ....engine.framework.graph import GraphKeys
from ....ops import array_ops, variable_scope
from ....ops.regularizers import l2_regularizer
from ...framework.arg_scope import arg_scope
from ...layers import initializers, layers
from ...layers.layers_extra import softmax
from . import _inception

__all__ = ["inception_v2_base", "inception_v2", "inception_v2_arg_scope"]

trunc_normal = _inception.trunc_normal


def _conv(scope, depth, kernel, stddev=None, **kwargs):
    if stddev is not None:
        kwargs["weights_initializer"] = trunc_normal(stddev)
    return ("conv", scope, depth, kernel, kwargs)


def _mixed(b0, b1, b2, b3, pool="avg"):
    """1x1 | 1x1, 3x3 | 1x1, 3x3, 3x3 | 3x3 pool, 1x1 (b1 = (1x1, 3x3) depths, b2 too)."""
    return ("mixed", [[_conv("Conv2d_0a_1x1", b0, [1, 1])],
                      [_conv("Conv2d_0a_1x1", b1[0], [1, 1], 0.09),
                       _conv("Conv2d_0b_3x3", b1[1], [3, 3])],
                      [_conv("Conv2d_0a_1x1", b2[0], [1, 1], 0.09),
                       _conv("Conv2d_0b_3x3", b2[1], [3, 3]),
                       _conv("Conv2d_0c_3x3", b2[1], [3, 3])],
                      [(pool, "%sPool_0a_3x3" % pool.capitalize(), [3, 3]),
                       _conv("Conv2d_0b_1x1", b3, [1, 1], 0.1)]])


def _reduction(b0, b1):
    """1x1, 3x3 /2 | 1x1, 3x3, 3x3 /2 | 3x3 max pool /2."""
    return ("mixed", [[_conv("Conv2d_0a_1x1", b0[0], [1, 1], 0.09),
                       _conv("Conv2d_1a_3x3", b0[1], [3, 3], stride=2)],
                      [_conv("Conv2d_0a_1x1", b1[0], [1, 1], 0.09),
                       _conv("Conv2d_0b_3x3", b1[1], [3, 3]),
                       _conv("Conv2d_1a_3x3", b1[1], [3, 3], stride=2)],
                      [("max", "MaxPool_1a_3x3", [3, 3], {"stride": 2})]])


_TABLE = (
    ("MaxPool_2a_3x3", ("max", [3, 3], {"stride": 2})),
    ("Conv2d_2b_1x1", ("conv", 64, [1, 1], {"weights_initializer": trunc_normal(0.1)})),
    ("Conv2d_2c_3x3", ("conv", 192, [3, 3])),
    ("MaxPool_3a_3x3", ("max", [3, 3], {"stride": 2})),
    ("Mixed_3b", _mixed(64, (64, 64), (64, 96), 32)),
    ("Mixed_3c", _mixed(64, (64, 96), (64, 96), 64)),
    ("Mixed_4a", _reduction((128, 160), (64, 96))),
    ("Mixed_4b", _mixed(224, (64, 96), (96, 128), 128)),
    ("Mixed_4c", _mixed(192, (96, 128), (96, 128), 128)),
    ("Mixed_4d", _mixed(160, (128, 160), (128, 160), 96)),
    ("Mixed_4e", _mixed(96, (128, 192), (160, 192), 96)),
    ("Mixed_5a", _reduction((128, 192), (192, 256))),
    ("Mixed_5b", _mixed(352, (192, 320), (160, 224), 128)),
    ("Mixed_5c", _mixed(352, (192, 320), (192, 224), 128, pool="max")),
)
_SCOPED = [layers.conv2d, layers.max_pool2d, layers.avg_pool2d, layers.separable_conv2d]


def inception_v2_base(inputs, final_endpoint="Mixed_5c", min_depth=16, depth_multiplier=1.0,
                      scope=None):
    """Inception V2 up to `final_endpoint`; returns (net, end_points)."""
    end_points = {}
    depth = _inception.depth_fn(depth_multiplier, min_depth)
    with variable_scope.variable_scope(scope, "InceptionV2", [inputs]):
        with arg_scope(_SCOPED, stride=1, padding="SAME"):
            end_point = "Conv2d_1a_7x7"
            net = layers.separable_conv2d(
                inputs, depth(64), [7, 7], depth_multiplier=min(int(depth(64) / 3), 8),
                stride=2, weights_initializer=trunc_normal(1.0), scope=end_point)
            end_points[end_point] = net
            if end_point == final_endpoint:
                return net, end_points
            net, found = _inception.build(net, _TABLE, final_endpoint, end_points, depth)
            if found:
                return net, end_points
    raise _inception.unknown(final_endpoint)


def inception_v2(inputs, num_classes=1000, is_training=True, dropout_keep_prob=0.8,
                 min_depth=16, depth_multiplier=1.0, prediction_fn=softmax,
                 spatial_squeeze=True, reuse=None, scope="InceptionV2"):
    """Inception V2 with its classifier; returns (logits, end_points). Input 224x224."""
    if depth_multiplier <= 0:
        raise ValueError("depth_multiplier is not greater than zero.")
    with variable_scope.variable_scope(scope, "InceptionV2", [inputs, num_classes],
                                       reuse=reuse) as scope:
        with arg_scope([layers.batch_norm, layers.dropout], is_training=is_training):
            net, end_points = inception_v2_base(inputs, scope=scope, min_depth=min_depth,
                                                depth_multiplier=depth_multiplier)
            with variable_scope.variable_scope("Logits"):
                kernel = _inception.reduced_kernel_size_for_small_input(net, [7, 7])
                net = layers.avg_pool2d(net, kernel, padding="VALID",
                                        scope="AvgPool_1a_{}x{}".format(*kernel))
                net = layers.dropout(net, keep_prob=dropout_keep_prob, scope="Dropout_1b")
                logits = layers.conv2d(net, num_classes, [1, 1], activation_fn=None,
                                       normalizer_fn=None, scope="Conv2d_1c_1x1")
                if spatial_squeeze:
                    logits = array_ops.squeeze(logits, [1, 2], name="SpatialSqueeze")
            end_points["Logits"] = logits
            end_points["Predictions"] = prediction_fn(logits, scope="Predictions")
    return logits, end_points


inception_v2.default_image_size = 224


def inception_v2_arg_scope(weight_decay=0.00004, batch_norm_var_collection="moving_vars"):
    """L2 decay; conv2d with He initialization, ReLU and batch norm."""
    batch_norm_params = _inception.batch_norm_params(
        0.9997, 0.001, batch_norm_var_collection, updates_collections=GraphKeys.UPDATE_OPS)
    with arg_scope([layers.conv2d, layers.fully_connected],
                   weights_regularizer=l2_regularizer(weight_decay)):
        with arg_scope([layers.conv2d],
                       weights_initializer=initializers.variance_scaling_initializer(),
                       activation_fn=nn.relu, normalizer_fn=layers.batch_norm,
                       normalizer_params=batch_norm_params) as sc:
            return sc
