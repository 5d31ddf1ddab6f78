"""tf.contrib.signal's framing and STFT as TF1 vocoder / enhancement code writes them: frame
with pad_end and pad_value on a [B, T] and a [B, T, C] signal (axis=-2), overlap_and_add,
stft with a hamming window (functools.partial, periodic=False), fft_length above
frame_length and pad_end=True, inverse_stft with inverse_stft_window_fn, the round trip's
error; a learned gain on the magnitude trained by Adam through stft / inverse_stft; shapes,
op counts and names, values at full precision."""
import functools

import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(76)
rs = np.random.RandomState(7)
B, N = 2, 300
t = np.arange(N, dtype=np.float64) / 1000.0
clean = np.stack([np.sin(2 * np.pi * 50.0 * t), np.cos(2 * np.pi * 120.0 * t)]).astype(np.float32)
noisy = (clean + 0.2 * rs.randn(B, N)).astype(np.float32)

x = tf.placeholder(tf.float32, [None, N], name="wave")
fr = tf.contrib.signal.frame(x, 64, 40, pad_end=True, pad_value=0.5)
st = tf.stack([x, 2.0 * x], axis=-1)
fr2 = tf.contrib.signal.frame(st, 50, 25, axis=-2)
ola = tf.contrib.signal.overlap_and_add(fr, 40)
print(fr.shape, fr2.shape, ola.shape)
win = functools.partial(tf.contrib.signal.hamming_window, periodic=False)
n_ops = len(tf.get_default_graph().get_operations())
S = tf.contrib.signal.stft(x, 64, 16, fft_length=128, window_fn=win, pad_end=True)
print(S.shape, S.dtype, len(tf.get_default_graph().get_operations()) - n_ops)
inv_win = tf.contrib.signal.inverse_stft_window_fn(16, forward_window_fn=win)
y = tf.contrib.signal.inverse_stft(S, 64, 16, fft_length=128, window_fn=inv_win)
print(y.shape, y.op.name, S.op.name)
y0 = tf.contrib.signal.inverse_stft(S, 64, 16, fft_length=128, window_fn=None)
err = tf.reduce_max(tf.abs(y[:, 64:N - 64] - x[:, 64:N - 64]))

gain = tf.get_variable("gain", [65], initializer=tf.constant_initializer(1.0))
mag = tf.abs(S) * tf.nn.softplus(gain)
phase = tf.angle(S)
S2 = tf.complex(mag * tf.cos(phase), mag * tf.sin(phase))
den = tf.contrib.signal.inverse_stft(S2, 64, 16, fft_length=128, window_fn=inv_win)
target = tf.constant(clean)
loss = tf.reduce_mean(tf.square(den[:, :N] - target))
train = tf.train.AdamOptimizer(0.05).minimize(loss)
print(den.shape, len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    fd = {x: noisy}
    a, b, c = s.run([fr, fr2, ola], fd)
    print(a.shape, b.shape, c.shape, repr(a[0, -1, -3:]), repr(b[1, 3, 0]), repr(c[0, :4]))
    sv, yv, e, y0v = s.run([S, y, err, y0], fd)
    print(sv.shape, repr(sv[0, 2, :3]), repr(sv[1, -1, 60:62]))
    print(yv.shape, repr(yv[0, 100:104]), repr(e), repr(y0v[1, 200:203]))
    for step in range(5):
        lv, _ = s.run([loss, train], fd)
        print(step, repr(lv))
    print(repr(s.run(gain)[:6]))
