"""Inception V3 (TF 1.14 contrib/slim/python/slim/nets/inception_v3.py)."""
from .... import nn
from ....engine.framework.graph import GraphKeys
from ....ops import array_ops, variable_scope
from ....ops.regularizers import l2_regularizer
from ...framework.arg_scope import arg_scope
from ...layers import initializers, layers
from ...layers.layers_extra import softmax
from . import _inception

__all__ = ["inception_v3_base", "inception_v3", "inception_v3_arg_scope"]

trunc_normal = _inception.trunc_normal
_V = {"stride": 2, "padding": "VALID"}


def _conv(scope, depth, kernel, **kwargs):
    return ("conv", scope, depth, kernel, kwargs)


def _mixed_5(b1_names, b3):
    """35x35 blocks: 1x1 | 1x1, 5x5 | 1x1, 3x3, 3x3 | 3x3 avg pool, 1x1."""
    return ("mixed", [[_conv("Conv2d_0a_1x1", 64, [1, 1])],
                      [_conv(b1_names[0], 48, [1, 1]), _conv(b1_names[1], 64, [5, 5])],
                      [_conv("Conv2d_0a_1x1", 64, [1, 1]), _conv("Conv2d_0b_3x3", 96, [3, 3]),
                       _conv("Conv2d_0c_3x3", 96, [3, 3])],
                      [("avg", "AvgPool_0a_3x3", [3, 3]), _conv("Conv2d_0b_1x1", b3, [1, 1])]])


def _mixed_6(d):
    """17x17 blocks with factorized 7x7 convolutions of inner depth `d`."""
    return ("mixed", [[_conv("Conv2d_0a_1x1", 192, [1, 1])],
                      [_conv("Conv2d_0a_1x1", d, [1, 1]), _conv("Conv2d_0b_1x7", d, [1, 7]),
                       _conv("Conv2d_0c_7x1", 192, [7, 1])],
                      [_conv("Conv2d_0a_1x1", d, [1, 1]), _conv("Conv2d_0b_7x1", d, [7, 1]),
                       _conv("Conv2d_0c_1x7", d, [1, 7]), _conv("Conv2d_0d_7x1", d, [7, 1]),
                       _conv("Conv2d_0e_1x7", 192, [1, 7])],
                      [("avg", "AvgPool_0a_3x3", [3, 3]), _conv("Conv2d_0b_1x1", 192, [1, 1])]])


def _mixed_7(b1_second):
    """8x8 blocks with forked 1x3 / 3x1 convolutions."""
    return ("mixed", [[_conv("Conv2d_0a_1x1", 320, [1, 1])],
                      [_conv("Conv2d_0a_1x1", 384, [1, 1]),
                       ("fork", None, [_conv("Conv2d_0b_1x3", 384, [1, 3]),
                                       _conv(b1_second, 384, [3, 1])])],
                      [_conv("Conv2d_0a_1x1", 448, [1, 1]), _conv("Conv2d_0b_3x3", 384, [3, 3]),
                       ("fork", None, [_conv("Conv2d_0c_1x3", 384, [1, 3]),
                                       _conv("Conv2d_0d_3x1", 384, [3, 1])])],
                      [("avg", "AvgPool_0a_3x3", [3, 3]), _conv("Conv2d_0b_1x1", 192, [1, 1])]])


# the stem (VALID by default) and the Inception blocks (SAME by default)
_STEM = (("Conv2d_1a_3x3", ("conv", 32, [3, 3], {"stride": 2})),
         ("Conv2d_2a_3x3", ("conv", 32, [3, 3])),
         ("Conv2d_2b_3x3", ("conv", 64, [3, 3], {"padding": "SAME"})),
         ("MaxPool_3a_3x3", ("max", [3, 3], {"stride": 2})),
         ("Conv2d_3b_1x1", ("conv", 80, [1, 1])),
         ("Conv2d_4a_3x3", ("conv", 192, [3, 3])),
         ("MaxPool_5a_3x3", ("max", [3, 3], {"stride": 2})))
_BLOCKS = (
    ("Mixed_5b", _mixed_5(("Conv2d_0a_1x1", "Conv2d_0b_5x5"), 32)),
    ("Mixed_5c", _mixed_5(("Conv2d_0b_1x1", "Conv_1_0c_5x5"), 64)),
    ("Mixed_5d", _mixed_5(("Conv2d_0a_1x1", "Conv2d_0b_5x5"), 64)),
    ("Mixed_6a", ("mixed", [[_conv("Conv2d_1a_1x1", 384, [3, 3], **_V)],
                            [_conv("Conv2d_0a_1x1", 64, [1, 1]),
                             _conv("Conv2d_0b_3x3", 96, [3, 3]),
                             _conv("Conv2d_1a_1x1", 96, [3, 3], **_V)],
                            [("max", "MaxPool_1a_3x3", [3, 3], _V)]])),
    ("Mixed_6b", _mixed_6(128)),
    ("Mixed_6c", _mixed_6(160)),
    ("Mixed_6d", _mixed_6(160)),
    ("Mixed_6e", _mixed_6(192)),
    ("Mixed_7a", ("mixed", [[_conv("Conv2d_0a_1x1", 192, [1, 1]),
                             _conv("Conv2d_1a_3x3", 320, [3, 3], **_V)],
                            [_conv("Conv2d_0a_1x1", 192, [1, 1]),
                             _conv("Conv2d_0b_1x7", 192, [1, 7]),
                             _conv("Conv2d_0c_7x1", 192, [7, 1]),
                             _conv("Conv2d_1a_3x3", 192, [3, 3], **_V)],
                            [("max", "MaxPool_1a_3x3", [3, 3], _V)]])),
    ("Mixed_7b", _mixed_7("Conv2d_0b_3x1")),
    ("Mixed_7c", _mixed_7("Conv2d_0c_3x1")),
)
_POOLS = [layers.conv2d, layers.max_pool2d, layers.avg_pool2d]


def inception_v3_base(inputs, final_endpoint="Mixed_7c", min_depth=16, depth_multiplier=1.0,
                      scope=None):
    """Inception V3 up to `final_endpoint`; returns (net, end_points)."""
    end_points = {}
    depth = _inception.depth_fn(depth_multiplier, min_depth)
    with variable_scope.variable_scope(scope, "InceptionV3", [inputs]):
        net = inputs
        for table, padding in ((_STEM, "VALID"), (_BLOCKS, "SAME")):
            with arg_scope(_POOLS, stride=1, padding=padding):
                net, found = _inception.build(net, table, final_endpoint, end_points, depth)
                if found:
                    return net, end_points
    raise _inception.unknown(final_endpoint)


def inception_v3(inputs, num_classes=1000, is_training=True, dropout_keep_prob=0.8,
                 min_depth=16, depth_multiplier=1.0, prediction_fn=softmax,
                 spatial_squeeze=True, reuse=None, scope="InceptionV3"):
    """Inception V3 with its auxiliary and main classifiers; returns (logits, end_points).
    Input 299x299."""
    depth = _inception.depth_fn(depth_multiplier, min_depth)
    with variable_scope.variable_scope(scope, "InceptionV3", [inputs, num_classes],
                                       reuse=reuse) as scope:
        with arg_scope([layers.batch_norm, layers.dropout], is_training=is_training):
            net, end_points = inception_v3_base(inputs, scope=scope, min_depth=min_depth,
                                                depth_multiplier=depth_multiplier)
            with arg_scope(_POOLS, stride=1, padding="SAME"):
                with variable_scope.variable_scope("AuxLogits"):
                    aux = layers.avg_pool2d(end_points["Mixed_6e"], [5, 5], stride=3,
                                            padding="VALID", scope="AvgPool_1a_5x5")
                    aux = layers.conv2d(aux, depth(128), [1, 1], scope="Conv2d_1b_1x1")
                    kernel = _inception.reduced_kernel_size_for_small_input(aux, [5, 5])
                    aux = layers.conv2d(aux, depth(768), kernel,
                                        weights_initializer=trunc_normal(0.01),
                                        padding="VALID", scope="Conv2d_2a_{}x{}".format(*kernel))
                    aux = layers.conv2d(aux, num_classes, [1, 1], activation_fn=None,
                                        normalizer_fn=None,
                                        weights_initializer=trunc_normal(0.001),
                                        scope="Conv2d_2b_1x1")
                    if spatial_squeeze:
                        aux = array_ops.squeeze(aux, [1, 2], name="SpatialSqueeze")
                    end_points["AuxLogits"] = aux
            with variable_scope.variable_scope("Logits"):
                kernel = _inception.reduced_kernel_size_for_small_input(net, [8, 8])
                net = layers.avg_pool2d(net, kernel, padding="VALID",
                                        scope="AvgPool_1a_{}x{}".format(*kernel))
                net = layers.dropout(net, keep_prob=dropout_keep_prob, scope="Dropout_1b")
                end_points["PreLogits"] = net
                logits = layers.conv2d(net, num_classes, [1, 1], activation_fn=None,
                                       normalizer_fn=None, scope="Conv2d_1c_1x1")
                if spatial_squeeze:
                    logits = array_ops.squeeze(logits, [1, 2], name="SpatialSqueeze")
            end_points["Logits"] = logits
            end_points["Predictions"] = prediction_fn(logits, scope="Predictions")
    return logits, end_points


inception_v3.default_image_size = 299


def inception_v3_arg_scope(weight_decay=0.00004, batch_norm_var_collection="moving_vars",
                           batch_norm_decay=0.9997, batch_norm_epsilon=0.001,
                           updates_collections=GraphKeys.UPDATE_OPS, use_fused_batchnorm=True):
    """L2 decay; conv2d with He initialization, ReLU and batch norm."""
    batch_norm_params = _inception.batch_norm_params(
        batch_norm_decay, batch_norm_epsilon, batch_norm_var_collection,
        updates_collections=updates_collections, fused=use_fused_batchnorm)
    with arg_scope([layers.conv2d, layers.fully_connected],
                   weights_regularizer=l2_regularizer(weight_decay)):
        with arg_scope([layers.conv2d],
                       weights_initializer=initializers.variance_scaling_initializer(),
                       activation_fn=nn.relu, normalizer_fn=layers.batch_norm,
                       normalizer_params=batch_norm_params) as sc:
            return sc
