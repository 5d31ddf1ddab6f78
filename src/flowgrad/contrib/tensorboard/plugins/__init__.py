"""tf.contrib.tensorboard.plugins (TF 1.14): the embedding projector."""
from __future__ import absolute_import, division, print_function  # TF's module has these names
from . import projector  # noqa: F401
