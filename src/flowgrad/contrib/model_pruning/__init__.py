"""tf.contrib.model_pruning (TF 1.14): magnitude-based weight pruning.

Masked layers (masked_conv2d, masked_fully_connected, MaskedBasicLSTMCell, MaskedLSTMCell)
and apply_mask give weights a mask and a threshold variable; Pruning(spec) builds the ops
that update the masks on the gradual sparsity schedule; train is slim's training loop with
the mask update after each step; strip_pruning_vars_fn / graph_def_from_checkpoint turn a
pruned checkpoint into a frozen GraphDef without the masks.
"""
from .layers import masked_conv2d, masked_convolution, masked_fully_connected
from .learning import train
from .pruning import (Pruning, apply_mask, get_masked_weights, get_masks,
                      get_pruning_hparams, get_thresholds, get_weight_sparsity, get_weights)
from .rnn_cells import MaskedBasicLSTMCell, MaskedLSTMCell
from .strip_pruning_vars_lib import graph_def_from_checkpoint, strip_pruning_vars_fn

__all__ = ["masked_convolution", "masked_conv2d", "masked_fully_connected",
           "MaskedBasicLSTMCell", "MaskedLSTMCell", "train", "apply_mask",
           "get_masked_weights", "get_masks", "get_pruning_hparams", "get_thresholds",
           "get_weights", "get_weight_sparsity", "Pruning", "strip_pruning_vars_fn",
           "graph_def_from_checkpoint"]
