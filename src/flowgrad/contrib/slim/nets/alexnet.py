"""AlexNet version 2 ("One weird trick", TF 1.14 contrib/slim/python/slim/nets/alexnet.py);
fully connected layers are convolutions."""
from .... import nn
from ....ops import init_ops
from ....ops.regularizers import l2_regularizer
from ...framework.arg_scope import arg_scope
from ...layers import layers
from . import _classic

__all__ = ["alexnet_v2", "alexnet_v2_arg_scope", "trunc_normal"]

trunc_normal = _classic.trunc_normal


def alexnet_v2_arg_scope(weight_decay=0.0005):
    """ReLU, 0.1 biases, L2 weight decay; SAME convolutions, VALID pools."""
    with arg_scope([layers.conv2d, layers.fully_connected], activation_fn=nn.relu,
                   biases_initializer=init_ops.constant_initializer(0.1),
                   weights_regularizer=l2_regularizer(weight_decay)):
        with arg_scope([layers.conv2d], padding="SAME"):
            with arg_scope([layers.max_pool2d], padding="VALID") as arg_sc:
                return arg_sc


_TABLE = (("conv", "conv1", 64, [11, 11], {"stride": 4, "padding": "VALID"}),
          ("pool", "pool1", [3, 3], {"stride": 2}),
          ("conv", "conv2", 192, [5, 5], {}),
          ("pool", "pool2", [3, 3], {"stride": 2}),
          ("conv", "conv3", 384, [3, 3], {}),
          ("conv", "conv4", 384, [3, 3], {}),
          ("conv", "conv5", 256, [3, 3], {}),
          ("pool", "pool5", [3, 3], {"stride": 2}))


def alexnet_v2(inputs, num_classes=1000, is_training=True, dropout_keep_prob=0.5,
               spatial_squeeze=True, scope="alexnet_v2"):
    """AlexNet v2; returns (logits, end_points). Input 224x224."""
    return _classic.classifier(
        "alexnet_v2", _TABLE, (4096, 4096), [5, 5], inputs, num_classes, is_training,
        dropout_keep_prob, spatial_squeeze, scope, head_scope=_classic.small_head_scope())


alexnet_v2.default_image_size = 224
