"""`tf.contrib.grid_rnn`: TF 1.14's Grid RNN cells (Kalchbrenner et al. 2015)."""
# TF's module re-exports these __future__ features and namedtuple by its star import
from __future__ import absolute_import, division, print_function

from collections import namedtuple

from ._cells import (Grid1BasicLSTMCell, Grid1BasicRNNCell, Grid1LSTMCell, Grid2BasicLSTMCell,
                     Grid2BasicRNNCell, Grid2GRUCell, Grid2LSTMCell, Grid3LSTMCell,
                     GridRNNCell)

__all__ = ["Grid1BasicLSTMCell", "Grid1BasicRNNCell", "Grid1LSTMCell", "Grid2BasicLSTMCell",
           "Grid2BasicRNNCell", "Grid2GRUCell", "Grid2LSTMCell", "Grid3LSTMCell",
           "GridRNNCell", "absolute_import", "division", "namedtuple", "print_function"]
