"""OverFeat (TF 1.14 contrib/slim/python/slim/nets/overfeat.py); fully connected layers are
convolutions."""
from .... import nn
from ....ops import init_ops
from ....ops.regularizers import l2_regularizer
from ...framework.arg_scope import arg_scope
from ...layers import layers
from . import _classic

__all__ = ["overfeat", "overfeat_arg_scope", "trunc_normal"]

trunc_normal = _classic.trunc_normal


def overfeat_arg_scope(weight_decay=0.0005):
    """ReLU, L2 weight decay, zero biases; SAME convolutions, VALID pools."""
    with arg_scope([layers.conv2d, layers.fully_connected], activation_fn=nn.relu,
                   weights_regularizer=l2_regularizer(weight_decay),
                   biases_initializer=init_ops.zeros_initializer()):
        with arg_scope([layers.conv2d], padding="SAME"):
            with arg_scope([layers.max_pool2d], padding="VALID") as arg_sc:
                return arg_sc


_TABLE = (("conv", "conv1", 64, [11, 11], {"stride": 4, "padding": "VALID"}),
          ("pool", "pool1", [2, 2], {}),
          ("conv", "conv2", 256, [5, 5], {"padding": "VALID"}),
          ("pool", "pool2", [2, 2], {}),
          ("conv", "conv3", 512, [3, 3], {}),
          ("conv", "conv4", 1024, [3, 3], {}),
          ("conv", "conv5", 1024, [3, 3], {}),
          ("pool", "pool5", [2, 2], {}))


def overfeat(inputs, num_classes=1000, is_training=True, dropout_keep_prob=0.5,
             spatial_squeeze=True, scope="overfeat"):
    """OverFeat; returns (logits, end_points). Input 231x231 (fully convolutional with
    spatial_squeeze False)."""
    return _classic.classifier(
        "overfeat", _TABLE, (3072, 4096), [6, 6], inputs, num_classes, is_training,
        dropout_keep_prob, spatial_squeeze, scope, scoped_collection=False,
        head_scope=_classic.small_head_scope())


