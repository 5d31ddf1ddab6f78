"""tf.keras.layers (graph mode): TF 1.14's Keras layers.

Used directly they create resource variables, as TF 1.14 does; tf.layers subclass them
and create reference variables through get_variable.
"""
# ruff: noqa: F401
from ..engine.base_layer import Layer
from ..engine.input_spec import InputSpec
from .core import (Activation, Dense, Dropout, Flatten, Lambda, Permute, RepeatVector,
                   Reshape)
from .convolutional import (Conv1D, Conv2D, Conv2DTranspose, Conv3D, Conv3DTranspose,
                            Cropping2D, DepthwiseConv2D, SeparableConv1D, SeparableConv2D,
                            UpSampling1D, UpSampling2D, ZeroPadding1D, ZeroPadding2D)
from .normalization import BatchNormalization
from .pooling import (AveragePooling1D, AveragePooling2D, AveragePooling3D, AvgPool1D,
                      AvgPool2D, AvgPool3D, GlobalAveragePooling1D, GlobalAveragePooling2D,
                      GlobalAvgPool1D, GlobalAvgPool2D, GlobalMaxPool1D, GlobalMaxPool2D,
                      GlobalMaxPooling1D, GlobalMaxPooling2D, MaxPool1D, MaxPool2D, MaxPool3D,
                      MaxPooling1D, MaxPooling2D, MaxPooling3D)

Convolution1D, Convolution2D, Convolution3D = Conv1D, Conv2D, Conv3D
Convolution2DTranspose, Convolution3DTranspose = Conv2DTranspose, Conv3DTranspose
SeparableConvolution1D, SeparableConvolution2D = SeparableConv1D, SeparableConv2D
