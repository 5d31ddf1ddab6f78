"""What the seeded tutorial-style scripts in tests/seeded_scripts print under TF 1.14.

Each sets only a graph-level seed and builds random ops after a training graph
(minimize / apply_gradients): their op seeds are the graph's op counter, so they print
TF's numbers only when every op of the gradients and optimizers is created as TF's."""
from golden_scripts import stdout_of

SCRIPTS = ["dropout_after_adam.py", "conv_momentum_then_sample.py",
           "lstm_rmsprop_then_init.py", "word2vec_nce_then_sample.py",
           "dynamic_rnn_lstm_gru_dense.py"]


def cases(tf):
    return {s: stdout_of("tests/seeded_scripts/" + s) for s in SCRIPTS}
