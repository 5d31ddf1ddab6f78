"""What the probe programs in tests/pprobe3_scripts print under TF 1.14: whole seeded TF1
programs in the style of public tutorials (word2vec with nce_loss and sampled_softmax_loss, a
VAE, a DCGAN with two optimizers, seq2seq with BahdanauAttention and BeamSearchDecoder, a
char-RNN, DNNClassifier/LinearRegressor, tf.data initializable iterators, a siamese net, slim
LeNet, batch norm with ExponentialMovingAverage, learning-rate schedules, a transformer block,
embed_sequence with optimize_loss, gradient clipping variants, a denoising autoencoder,
REINFORCE, CTC); op counts and values at full precision (or hashes of their bytes)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe3_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
