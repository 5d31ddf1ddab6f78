"""What vgg, alexnet and overfeat share: the trunk built from a table of layers and the
fully convolutional classifier head (fc6, dropout6, fc7, dropout7, fc8), end points."""
from ....ops import array_ops, init_ops
from ....ops import variable_scope
from ...framework.arg_scope import arg_scope
from ...layers import layers, utils


def trunk(net, table):
    """Layers of `table`: ("conv", scope, depth, kernel, kwargs), ("pool", scope, kernel,
    kwargs) or ("repeat", scope, times, depth, kernel)."""
    for kind, scope, *args in table:
        if kind == "conv":
            depth, kernel, kwargs = args
            net = layers.conv2d(net, depth, kernel, scope=scope, **kwargs)
        elif kind == "pool":
            kernel, kwargs = args
            net = layers.max_pool2d(net, kernel, scope=scope, **kwargs)
        else:
            times, depth, kernel = args
            net = layers.repeat(net, times, layers.conv2d, depth, kernel, scope=scope)
    return net


def classifier(default_scope, table, fc_depths, fc6_kernel, inputs, num_classes, is_training,
               dropout_keep_prob, spatial_squeeze, scope, collect=(layers.conv2d,
               layers.fully_connected, layers.max_pool2d), scoped_collection=True,
               head_scope=None):
    """The trunk of `table` then fc6 (VALID `fc6_kernel`), fc7 (1x1), fc8 (logits), in
    variable scope `scope` (default `default_scope`); returns (net, end_points).
    `scoped_collection`: the end-points collection is named after the original name scope
    (else the scope's name); `head_scope`: the arg_scope kwargs of fc6..fc8's conv2d."""
    with variable_scope.variable_scope(scope, default_scope, [inputs]) as sc:
        end_points_collection = (sc.original_name_scope if scoped_collection else sc.name) \
            + "_end_points"
        with arg_scope(list(collect), outputs_collections=end_points_collection):
            net = trunk(inputs, table)
            with arg_scope([layers.conv2d], **(head_scope or {})):
                net = layers.conv2d(net, fc_depths[0], fc6_kernel, padding="VALID",
                                    scope="fc6")
                net = layers.dropout(net, dropout_keep_prob, is_training=is_training,
                                     scope="dropout6")
                net = layers.conv2d(net, fc_depths[1], [1, 1], scope="fc7")
                net = layers.dropout(net, dropout_keep_prob, is_training=is_training,
                                     scope="dropout7")
                fc8_kwargs = {"biases_initializer": init_ops.zeros_initializer()} \
                    if head_scope else {}
                net = layers.conv2d(net, num_classes, [1, 1], activation_fn=None,
                                    normalizer_fn=None, scope="fc8", **fc8_kwargs)
            end_points = utils.convert_collection_to_dict(end_points_collection)
            if spatial_squeeze:
                net = array_ops.squeeze(net, [1, 2], name="fc8/squeezed")
                end_points[sc.name + "/fc8"] = net
            return net, end_points


def trunc_normal(stddev):
    return init_ops.truncated_normal_initializer(0.0, stddev)


def small_head_scope():
    """alexnet's and overfeat's fc6..fc8: truncated normal 0.005 weights, 0.1 biases."""
    return {"weights_initializer": trunc_normal(0.005),
            "biases_initializer": init_ops.constant_initializer(0.1)}
