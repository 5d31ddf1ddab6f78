"""Griffin-Lim phase reconstruction in the graph: the magnitude of a tf.contrib.signal.stft
(hann window, pad_end=True), a random initial phase from a seeded tf.random_uniform, then
tf.while_loop iterations of inverse_stft (inverse_stft_window_fn) and stft with the phase
kept by tf.angle / tf.complex / tf.exp; the spectral convergence after each run and the
reconstructed waveform's bytes."""

import hashlib
import math
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1701)
rs = np.random.RandomState(1702)
N, FL, FS = 300, 64, 16
t = np.arange(N)
wav = (0.6 * np.sin(2 * math.pi * 0.031 * t)
       + 0.3 * np.sin(2 * math.pi * 0.11 * t * (1 + t / 900.0))
       + 0.05 * rs.randn(N)).astype(np.float32)
x = tf.constant(wav[None])
S = tf.contrib.signal.stft(x, FL, FS, pad_end=True)
mag = tf.abs(S)
phase0 = tf.random_uniform(tf.shape(mag), -math.pi, math.pi, seed=3)
inv_win = tf.contrib.signal.inverse_stft_window_fn(FS)


def to_complex(m, ph):
    return tf.complex(m * tf.cos(ph), m * tf.sin(ph))


def body(i, ph):
    y = tf.contrib.signal.inverse_stft(to_complex(mag, ph), FL, FS, window_fn=inv_win)
    Y = tf.contrib.signal.stft(y, FL, FS, pad_end=True)
    Y = Y[:, :tf.shape(mag)[1]]
    return i + 1, tf.angle(Y)


n_it = tf.placeholder(tf.int32, [])
_, ph = tf.while_loop(lambda i, p: i < n_it, body, [tf.constant(0), phase0],
                      shape_invariants=[tf.TensorShape([]), tf.TensorShape([1, None, FL // 2 + 1])])
rec = tf.contrib.signal.inverse_stft(to_complex(mag, ph), FL, FS, window_fn=inv_win)
R = tf.contrib.signal.stft(rec, FL, FS, pad_end=True)[:, :tf.shape(mag)[1]]
sc = tf.norm(tf.abs(R) - mag) / tf.norm(mag)
print(len(tf.get_default_graph().get_operations()))
print(S.shape, mag.shape, rec.shape)
with tf.Session() as s:
    print(H(s.run(mag)))
    for k in [0, 1, 4]:
        v, r = s.run([sc, rec], {n_it: k})
        print(k, repr(v), H(r))
