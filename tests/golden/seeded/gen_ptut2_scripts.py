"""What the classic TF1 tutorial programs in tests/ptut2_scripts print under TF 1.14, on
synthetic data from seeded NumPy generators: the official mnist_softmax and mnist_deep,
word2vec_basic (nce_loss), the PTB small LSTM (2 steps, clip_by_global_norm,
sequence_loss), the CIFAR-10 model code (LRN, overlapping max pooling, weight decay,
moving averages), aymericdamien's linear / logistic regression, static and bidirectional
LSTMs, a GRU dynamic_rnn with lengths, GAN and VAE; op counts, losses and values at full
precision after a few training steps."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/ptut2_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
