"""The Oxford VGG networks A, D (16 layers) and E (19 layers) (TF 1.14
contrib/slim/python/slim/nets/vgg.py); fully connected layers are convolutions."""
from .... import nn
from ....ops import init_ops
from ....ops.regularizers import l2_regularizer
from ...framework.arg_scope import arg_scope
from ...layers import layers
from . import _classic

__all__ = ["vgg_a", "vgg_16", "vgg_19", "vgg_arg_scope", "vgg_d", "vgg_e"]


def vgg_arg_scope(weight_decay=0.0005):
    """ReLU, L2 weight decay and zero biases; SAME convolutions."""
    with arg_scope([layers.conv2d, layers.fully_connected], activation_fn=nn.relu,
                   weights_regularizer=l2_regularizer(weight_decay),
                   biases_initializer=init_ops.zeros_initializer()):
        with arg_scope([layers.conv2d], padding="SAME") as arg_sc:
            return arg_sc


def _table(repeats):
    """conv1..conv5 (3x3 convolutions repeated, depths 64..512), each then a 2x2 pool."""
    table = []
    for i, (times, depth) in enumerate(zip(repeats, (64, 128, 256, 512, 512))):
        table += [("repeat", "conv%d" % (i + 1), times, depth, [3, 3]),
                  ("pool", "pool%d" % (i + 1), [2, 2], {})]
    return table


def vgg_a(inputs, num_classes=1000, is_training=True, dropout_keep_prob=0.5,
          spatial_squeeze=True, scope="vgg_a"):
    """VGG 11 layers (version A); returns (logits, end_points). Input 224x224."""
    return _classic.classifier(
        "vgg_a", _table((1, 1, 2, 2, 2)), (4096, 4096), [7, 7], inputs, num_classes,
        is_training, dropout_keep_prob, spatial_squeeze, scope,
        collect=(layers.conv2d, layers.max_pool2d))


def vgg_16(inputs, num_classes=1000, is_training=True, dropout_keep_prob=0.5,
           spatial_squeeze=True, scope="vgg_16"):
    """VGG 16 layers (version D); returns (logits, end_points). Input 224x224."""
    return _classic.classifier(
        "vgg_16", _table((2, 2, 3, 3, 3)), (4096, 4096), [7, 7], inputs, num_classes,
        is_training, dropout_keep_prob, spatial_squeeze, scope)


def vgg_19(inputs, num_classes=1000, is_training=True, dropout_keep_prob=0.5,
           spatial_squeeze=True, scope="vgg_19"):
    """VGG 19 layers (version E); returns (logits, end_points). Input 224x224."""
    return _classic.classifier(
        "vgg_19", _table((2, 2, 4, 4, 4)), (4096, 4096), [7, 7], inputs, num_classes,
        is_training, dropout_keep_prob, spatial_squeeze, scope, scoped_collection=False)


vgg_a.default_image_size = vgg_16.default_image_size = vgg_19.default_image_size = 224
vgg_d = vgg_16
vgg_e = vgg_19
