"""tf.contrib.tensorboard (TF 1.14): the embedding projector plugin's configuration."""
from __future__ import absolute_import, division, print_function  # TF's module has these names
from . import plugins  # noqa: F401
