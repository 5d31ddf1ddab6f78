"""tf.layers: TF 1.14's graph-mode layers (reference variables through get_variable)."""
# ruff: noqa: F401
from ..keras.engine.input_spec import InputSpec
from .base import Layer
from .convolutional import (Conv1D, Conv2D, Conv2DTranspose, Conv3D, Conv3DTranspose,
                            SeparableConv1D, SeparableConv2D, conv1d, conv2d, conv2d_transpose,
                            conv3d, conv3d_transpose, separable_conv1d, separable_conv2d)
from .core import Dense, Dropout, Flatten, dense, dropout, flatten
from .normalization import BatchNormalization, batch_normalization
from .pooling import (AveragePooling1D, AveragePooling2D, AveragePooling3D, MaxPooling1D,
                      MaxPooling2D, MaxPooling3D, average_pooling1d, average_pooling2d,
                      average_pooling3d, max_pooling1d, max_pooling2d, max_pooling3d)


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.layers.{name}")
