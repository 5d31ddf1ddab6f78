"""`tf.contrib.cudnn_rnn` (TF 1.14): the CuDNN-compatible cells, which run anywhere."""
from ._cells import CudnnCompatibleGRUCell, CudnnCompatibleLSTMCell

__all__ = ["CudnnCompatibleGRUCell", "CudnnCompatibleLSTMCell"]
