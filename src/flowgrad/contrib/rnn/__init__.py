"""`tf.contrib.rnn`: TF 1.14's core RNN cells and drivers under their contrib names."""
from ._attention import AttentionCellWrapper
from ._core import (EmbeddingWrapper, HighwayWrapper, InputProjectionWrapper,
                    OutputProjectionWrapper)
from ._block_cells import GRUBlockCell, GRUBlockCellV2, LSTMBlockCell
from ._fused import (FusedRNNCell, FusedRNNCellAdaptor, LSTMBlockFusedCell,
                     LSTMBlockWrapper, TimeReversedFusedRNN)
from ._grid_lstm import BidirectionalGridLSTMCell, GridLSTMCell
from ._lstm_variants import CoupledInputForgetGateLSTMCell, TimeFreqLSTMCell
from ._more_cells import (CompiledWrapper, GLSTMCell, IntersectionRNNCell, NASCell,
                          PhasedLSTMCell)
from ._conv_lstm import Conv1DLSTMCell, Conv2DLSTMCell, Conv3DLSTMCell, ConvLSTMCell
from ._indy import IndRNNCell, IndyGRUCell, IndyLSTMCell, SRUCell, UGRNNCell
from ._layer_norm import LayerNormBasicLSTMCell
from ._stack import stack_bidirectional_dynamic_rnn, stack_bidirectional_rnn
from ...ops.rnn import _best_effort_input_batch_size as best_effort_input_batch_size
from ...ops.rnn import _transpose_batch_time as transpose_batch_time
from ...ops.rnn import static_bidirectional_rnn, static_rnn, static_state_saving_rnn
from ...ops.rnn_cell_impl import (BasicLSTMCell, BasicRNNCell, DeviceWrapper, DropoutWrapper,
                                  GRUCell, LayerRNNCell, LSTMCell, LSTMStateTuple,
                                  MultiRNNCell, ResidualWrapper, RNNCell)

__all__ = ["AttentionCellWrapper", "BasicLSTMCell", "BasicRNNCell", "Conv1DLSTMCell",
           "Conv2DLSTMCell", "Conv3DLSTMCell", "ConvLSTMCell", "DeviceWrapper",
           "DropoutWrapper", "EmbeddingWrapper", "GRUBlockCell", "GRUBlockCellV2", "GRUCell",
           "HighwayWrapper", "IndRNNCell", "IndyGRUCell", "IndyLSTMCell", "InputProjectionWrapper",
           "LSTMBlockCell", "LSTMCell",
           "LSTMStateTuple", "LayerNormBasicLSTMCell", "LayerRNNCell", "MultiRNNCell",
           "OutputProjectionWrapper", "RNNCell", "ResidualWrapper", "SRUCell", "UGRNNCell",
           "best_effort_input_batch_size", "stack_bidirectional_dynamic_rnn",
           "stack_bidirectional_rnn", "static_bidirectional_rnn", "static_rnn",
           "static_state_saving_rnn", "transpose_batch_time",
           "BidirectionalGridLSTMCell", "CompiledWrapper", "CoupledInputForgetGateLSTMCell",
           "FusedRNNCell", "FusedRNNCellAdaptor", "GLSTMCell", "GridLSTMCell",
           "IntersectionRNNCell", "LSTMBlockFusedCell", "LSTMBlockWrapper", "NASCell",
           "PhasedLSTMCell",
           "TimeFreqLSTMCell", "TimeReversedFusedRNN"]
