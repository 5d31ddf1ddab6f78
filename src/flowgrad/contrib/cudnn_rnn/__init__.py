"""`tf.contrib.cudnn_rnn` (TF 1.14): CuDNN's fused RNN layers, their parameter formats, and
the CuDNN-compatible cells that run anywhere.

The layers (CudnnLSTM, CudnnGRU, CudnnRNNTanh, CudnnRNNRelu), the saveables and the
format converters build TF's graphs; the CuDNN ops in them have no CPU kernel in TF 1.14,
so a Session running such a graph fails with TF's InvalidArgumentError, as TF's does. The
compatible cells compute the same functions as the layers with ordinary ops and load the
checkpoints the layers write."""
from ._cells import CudnnCompatibleGRUCell, CudnnCompatibleLSTMCell
from ._layers import CudnnGRU, CudnnLSTM, CudnnRNNRelu, CudnnRNNTanh
from ._ops import (CudnnGRUSaveable, CudnnLSTMSaveable, CudnnParamsFormatConverterGRU,
                   CudnnParamsFormatConverterLSTM, CudnnParamsFormatConverterRelu,
                   CudnnParamsFormatConverterTanh, CudnnRNNReluSaveable, CudnnRNNTanhSaveable)

__all__ = ["CudnnCompatibleGRUCell", "CudnnCompatibleLSTMCell", "CudnnGRU", "CudnnGRUSaveable",
           "CudnnLSTM", "CudnnLSTMSaveable", "CudnnParamsFormatConverterGRU",
           "CudnnParamsFormatConverterLSTM", "CudnnParamsFormatConverterRelu",
           "CudnnParamsFormatConverterTanh", "CudnnRNNRelu", "CudnnRNNReluSaveable",
           "CudnnRNNTanh", "CudnnRNNTanhSaveable"]
