"""What resnet_v1 and resnet_v2 share: the network around the blocks, the block builder and
the 50/101/152/200-layer nets (TF 1.14 contrib/slim/python/slim/nets/resnet_v{1,2}.py)."""
from .... import nn
from ....ops import math_ops, variable_scope
from ...framework.arg_scope import arg_scope
from ...layers import layers, utils
from ...layers.layers_extra import softmax
from . import resnet_utils

# units per block of the 50/101/152/200-layer nets (base depths 64, 128, 256, 512)
UNITS = {50: (3, 4, 6, 3), 101: (3, 4, 23, 3), 152: (3, 8, 36, 3), 200: (3, 24, 36, 3)}


def build(version, bottleneck, inputs, blocks, num_classes, is_training, global_pool,
          output_stride, include_root_block, reuse, scope):
    """resnet_v1 / resnet_v2 (`version` 1 or 2) over `blocks` of `bottleneck` units."""
    with variable_scope.variable_scope(scope, "resnet_v%d" % version, [inputs],
                                       reuse=reuse) as sc:
        end_points_collection = sc.original_name_scope + "_end_points"
        with arg_scope([layers.conv2d, bottleneck, resnet_utils.stack_blocks_dense],
                       outputs_collections=end_points_collection):
            with arg_scope([layers.batch_norm], is_training=is_training):
                net = inputs
                if include_root_block:
                    if output_stride is not None:
                        if output_stride % 4 != 0:
                            raise ValueError("The output_stride needs to be a multiple of 4.")
                        output_stride /= 4
                    plain = {"activation_fn": None, "normalizer_fn": None} if version == 2 \
                        else {}
                    with arg_scope([layers.conv2d], **plain):
                        net = resnet_utils.conv2d_same(net, 64, 7, stride=2, scope="conv1")
                    net = layers.max_pool2d(net, [3, 3], stride=2, scope="pool1")
                net = resnet_utils.stack_blocks_dense(net, blocks, output_stride)
                if version == 2:
                    net = layers.batch_norm(net, activation_fn=nn.relu, scope="postnorm")
                if global_pool:
                    net = math_ops.reduce_mean(net, [1, 2], name="pool5", keepdims=True)
                if num_classes is not None:
                    net = layers.conv2d(net, num_classes, [1, 1], activation_fn=None,
                                        normalizer_fn=None, scope="logits")
                end_points = utils.convert_collection_to_dict(end_points_collection)
                if num_classes is not None:
                    end_points["predictions"] = softmax(net, scope="predictions")
                return net, end_points


def block(bottleneck, scope, base_depth, num_units, stride):
    """`num_units` bottleneck units of depth 4 * base_depth; the last one strides."""
    unit = {"depth": base_depth * 4, "depth_bottleneck": base_depth}
    return resnet_utils.Block(scope, bottleneck, [dict(unit, stride=1)] * (num_units - 1)
                              + [dict(unit, stride=stride)])


def make_net(version, depth, resnet, block_fn):
    """resnet_v<version>_<depth>: the four standard blocks."""
    def net(inputs, num_classes=None, is_training=True, global_pool=True,
            output_stride=None, reuse=None, scope="resnet_v%d_%d" % (version, depth)):
        blocks = [block_fn("block%d" % (i + 1), base_depth=64 << i, num_units=n,
                           stride=1 if i == 3 else 2)
                  for i, n in enumerate(UNITS[depth])]
        return resnet(inputs, blocks, num_classes, is_training, global_pool, output_stride,
                      include_root_block=True, reuse=reuse, scope=scope)
    net.__name__ = net.__qualname__ = "resnet_v%d_%d" % (version, depth)
    net.__doc__ = "ResNet-%d model (v%d) of [2]; see resnet_v%d." % (depth, version, version)
    return net
