"""The Inception nets' public names (TF 1.14 contrib/slim/python/slim/nets/inception.py)."""
# ruff: noqa: F401
from .inception_v1 import inception_v1, inception_v1_arg_scope, inception_v1_base
from .inception_v2 import inception_v2, inception_v2_arg_scope, inception_v2_base
from .inception_v3 import inception_v3, inception_v3_arg_scope, inception_v3_base


def __getattr__(name):
    raise AttributeError(
        f"flowgrad does not implement tensorflow.contrib.slim.nets.inception.{name}")
