"""A keyword spotter whose front end learns: a trainable pre-emphasis coefficient applied by
slicing, tf.contrib.signal.stft with a hamming window (periodic=False) and pad_end=True,
power spectrum, a float64 linear_to_mel_weight_matrix cast to float32, log-mel and
mfccs_from_log_mel_spectrograms, delta features from tf.contrib.signal.frame with
pad_end/pad_value on the time axis, and a tf.contrib.layers.conv1d classifier; the loss's
gradient flows back through the DCT, the mel matrix, the |rfft|^2 and the framing into the
pre-emphasis coefficient (GradientDescent)."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1741)
rs = np.random.RandomState(1742)
B, N, SR = 4, 480, 4000
tt = np.arange(N) / SR
freqs = [300.0, 700.0, 300.0, 1100.0]
wav = np.stack([np.sin(2 * np.pi * f * tt) * np.hanning(N) + 0.05 * rs.randn(N) for f in freqs])
wav = wav.astype(np.float32)
labels = np.array([0, 1, 0, 2], np.int64)
x = tf.constant(wav)
alpha = tf.Variable(0.5, name="preemph")
emph = tf.concat([x[:, :1], x[:, 1:] - alpha * x[:, :-1]], 1)


def win(n, dtype):
    return tf.contrib.signal.hamming_window(n, periodic=False, dtype=dtype)


S = tf.contrib.signal.stft(emph, 96, 48, fft_length=128, window_fn=win, pad_end=True)
power = tf.real(S * tf.conj(S))
mel_w = tf.cast(tf.contrib.signal.linear_to_mel_weight_matrix(
    12, 65, SR, 60.0, 1800.0, dtype=tf.float64), tf.float32)
logmel = tf.log(tf.tensordot(power, mel_w, 1) + 1e-3)
mfcc = tf.contrib.signal.mfccs_from_log_mel_spectrograms(logmel)[..., 1:9]
ctx = tf.contrib.signal.frame(mfcc, 3, 1, axis=1, pad_end=True, pad_value=0.0)
delta = ctx[:, :, 2] - ctx[:, :, 0]
feats = tf.concat([mfcc, delta], -1)
h = tf.contrib.layers.conv1d(feats, 10, 3, activation_fn=tf.nn.relu,
                             weights_initializer=tf.glorot_uniform_initializer(seed=11))
logits = tf.contrib.layers.fully_connected(tf.reduce_mean(h, 1), 3, activation_fn=None,
                                           weights_initializer=tf.glorot_uniform_initializer(seed=12))
loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
g_alpha = tf.gradients(loss, alpha)[0]
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
print(S.shape, mfcc.shape, ctx.shape, h.shape)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(H(s.run(mfcc)), H(s.run(mel_w)))
    for step in range(5):
        ga = s.run(g_alpha)
        lv, _ = s.run([loss, train])
        print(step, repr(lv), repr(ga))
    print(repr(s.run(alpha)), s.run(tf.argmax(logits, 1)).tolist())
