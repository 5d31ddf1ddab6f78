"""What the probe programs in tests/pprobe5_scripts print under TF 1.14: whole seeded TF1
programs in the style of public tutorials (Keras multi-input/output with loss_weights, Keras
Model subclassing in graph mode, estimators over bucketized/crossed/embedding columns, TFRecord
writing + parse_single_example, a tf.image pipeline, conv2d_transpose/separable_conv2d
autoencoder, bidirectional and stacked bidirectional RNNs, learning-rate schedules with warm
restarts, multi-tower gradient averaging, variable_scope weight sharing, tf.py_func in a
pipeline, batch norm by hand with assign_moving_average, qr/cholesky in a loss, raw_rnn and
scan, contrib.crf, Luong attention with greedy inference); op counts and values at full
precision (or hashes of their bytes)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe5_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
