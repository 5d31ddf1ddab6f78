"""ResNet v2 (TF 1.14 contrib/slim/python/slim/nets/resnet_v2.py): pre-activation
bottleneck units (batch norm and ReLU before the convolutions)."""
from .... import nn
from ....ops import variable_scope
from ...framework.arg_scope import add_arg_scope
from ...layers import layers, utils
from . import _resnet, resnet_utils

__all__ = ["bottleneck", "resnet_v2", "resnet_v2_block", "resnet_v2_50", "resnet_v2_101",
           "resnet_v2_152", "resnet_v2_200", "resnet_arg_scope"]

resnet_arg_scope = resnet_utils.resnet_arg_scope


@add_arg_scope
def bottleneck(inputs, depth, depth_bottleneck, stride, rate=1, outputs_collections=None,
               scope=None):
    """Pre-activation (batch norm, ReLU), then 1x1, 3x3 (stride, rate), 1x1 plus shortcut."""
    with variable_scope.variable_scope(scope, "bottleneck_v2", [inputs]) as sc:
        depth_in = utils.last_dimension(inputs.get_shape(), min_rank=4)
        preact = layers.batch_norm(inputs, activation_fn=nn.relu, scope="preact")
        if depth == depth_in:
            shortcut = resnet_utils.subsample(inputs, stride, "shortcut")
        else:
            shortcut = layers.conv2d(preact, depth, [1, 1], stride=stride, normalizer_fn=None,
                                     activation_fn=None, scope="shortcut")
        residual = layers.conv2d(preact, depth_bottleneck, [1, 1], stride=1, scope="conv1")
        residual = resnet_utils.conv2d_same(residual, depth_bottleneck, 3, stride, rate=rate,
                                            scope="conv2")
        residual = layers.conv2d(residual, depth, [1, 1], stride=1, normalizer_fn=None,
                                 activation_fn=None, scope="conv3")
        output = shortcut + residual
        return utils.collect_named_outputs(outputs_collections, sc.name, output)


def resnet_v2(inputs, blocks, num_classes=None, is_training=True, global_pool=True,
              output_stride=None, include_root_block=True, reuse=None, scope=None):
    """A ResNet v2 over `blocks`; returns (net, end_points)."""
    return _resnet.build(2, bottleneck, inputs, blocks, num_classes, is_training, global_pool,
                         output_stride, include_root_block, reuse, scope)


resnet_v2.default_image_size = 224


def resnet_v2_block(scope, base_depth, num_units, stride):
    """A resnet_v2 bottleneck block (resnet_utils.Block)."""
    return _resnet.block(bottleneck, scope, base_depth, num_units, stride)


resnet_v2_50 = _resnet.make_net(2, 50, resnet_v2, resnet_v2_block)
resnet_v2_101 = _resnet.make_net(2, 101, resnet_v2, resnet_v2_block)
resnet_v2_152 = _resnet.make_net(2, 152, resnet_v2, resnet_v2_block)
resnet_v2_200 = _resnet.make_net(2, 200, resnet_v2, resnet_v2_block)
