"""tf.keras.layers (graph mode): TF 1.14's Keras layers.

Used directly they create resource variables, as TF 1.14 does; tf.layers subclass them
and create reference variables through get_variable. Each submodule loads on first use
of one of its names.
"""
import importlib as _importlib

_MODULES = {
    "..engine.base_layer": ["Layer"],
    "..engine.input_spec": ["InputSpec"],
    "..engine.input_layer": ["Input", "InputLayer"],
    ".recurrent": ["RNN", "SimpleRNN", "LSTM", "GRU", "SimpleRNNCell", "LSTMCell", "GRUCell",
                   "StackedRNNCells"],
    ".wrappers": ["Bidirectional", "TimeDistributed", "Wrapper"],
    ".core": ["Activation", "Dense", "Dropout", "Flatten", "Lambda", "Masking", "Permute",
              "RepeatVector", "Reshape", "SpatialDropout1D", "SpatialDropout2D",
              "SpatialDropout3D", "ActivityRegularization"],
    ".convolutional": ["Conv1D", "Conv2D", "Conv2DTranspose", "Conv3D", "Conv3DTranspose",
                       "Cropping2D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D",
                       "UpSampling1D", "UpSampling2D", "ZeroPadding1D", "ZeroPadding2D",
                       "ZeroPadding3D", "Cropping1D", "Cropping3D", "UpSampling3D"],
    ".normalization": ["BatchNormalization", "LayerNormalization"],
    ".pooling": ["AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "AvgPool1D",
                 "AvgPool2D", "AvgPool3D", "GlobalAveragePooling1D", "GlobalAveragePooling2D",
                 "GlobalAvgPool1D", "GlobalAvgPool2D", "GlobalMaxPool1D", "GlobalMaxPool2D",
                 "GlobalMaxPooling1D", "GlobalMaxPooling2D", "MaxPool1D", "MaxPool2D",
                 "MaxPool3D", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D",
                 "GlobalAveragePooling3D", "GlobalMaxPooling3D", "GlobalAvgPool3D",
                 "GlobalMaxPool3D"],
    ".advanced_activations": ["ELU", "LeakyReLU", "PReLU", "ReLU", "Softmax",
                              "ThresholdedReLU"],
    ".merge": ["Add", "Average", "Concatenate", "Dot", "Maximum", "Minimum", "Multiply",
               "Subtract", "add", "average", "concatenate", "dot", "maximum", "minimum",
               "multiply", "subtract"],
    ".noise": ["AlphaDropout", "GaussianDropout", "GaussianNoise"],
    ".embeddings": ["Embedding"],
    ".local": ["LocallyConnected1D", "LocallyConnected2D"],
    ".dense_attention": ["Attention", "AdditiveAttention"],
    ".serialization": ["serialize", "deserialize"],
    ".cudnn_recurrent": ["CuDNNLSTM", "CuDNNGRU"],
    ".dense_features": ["DenseFeatures"],
    ".convolutional_recurrent": ["ConvLSTM2D"],
    ".rnn_cell_base": ["AbstractRNNCell"],
}
# layers TF 1.14's keras.layers.deserialize does not know ("Unknown layer: <name>")
NOT_DESERIALIZABLE = frozenset(["Attention", "AdditiveAttention", "DenseFeatures"])
_ALIASES = {"Convolution1D": "Conv1D", "Convolution2D": "Conv2D", "Convolution3D": "Conv3D",
            "Convolution2DTranspose": "Conv2DTranspose",
            "Convolution3DTranspose": "Conv3DTranspose",
            "SeparableConvolution1D": "SeparableConv1D",
            "SeparableConvolution2D": "SeparableConv2D"}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name):
    target = _ALIASES.get(name, name)
    if target in _WHERE:
        value = getattr(_importlib.import_module(_WHERE[target], __name__), target)
        globals()[name] = value
        return value
    raise AttributeError(f"flowgrad does not implement tensorflow.keras.layers.{name}")


def __dir__():
    return sorted(set(_WHERE) | set(_ALIASES))
