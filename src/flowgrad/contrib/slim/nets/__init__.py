"""tf.contrib.slim.nets: TF-Slim's model definitions (TF 1.14 contrib/slim/nets.py)."""
# ruff: noqa: F401
from . import (alexnet, inception, inception_v1, inception_v2, inception_v3, overfeat,
               resnet_utils, resnet_v1, resnet_v2, vgg)


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.slim.nets.{name}")
