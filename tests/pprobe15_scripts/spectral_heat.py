"""A pseudo-spectral solver for the periodic heat and Poisson equations: tf.spectral.rfft /
irfft with wavenumber multipliers in a Python-unrolled time loop, the complex fft / ifft
derivative of a signal, a 2-D Poisson solve by tf.signal.fft2d / ifft2d, and a short-time
spectrum by tf.signal.stft / inverse_stft of a chirp; values at full precision."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1521)
rs = np.random.RandomState(1522)
N = 32
xg = tf.constant(np.arange(N, dtype=np.float32) * np.float32(2 * np.pi / N))
k = tf.constant(np.fft.rfftfreq(N, 1.0 / N).astype(np.float32))

u = tf.sin(xg) + 0.5 * tf.cos(3 * xg) + tf.constant(0.1 * rs.randn(N).astype(np.float32))
decay = tf.complex(tf.exp(-0.01 * k ** 2), 0.0)
for _ in range(5):
    u = tf.spectral.irfft(tf.spectral.rfft(u) * decay)
print(u.op.type, u.shape, u.name)

s = tf.complex(tf.sin(2 * xg), 0.0)
ik = tf.constant((1j * np.fft.fftfreq(N, 1.0 / N)).astype(np.complex64))
ds = tf.real(tf.ifft(tf.fft(s) * ik))

M = 16
f = rs.randn(M, M).astype(np.float32)
f -= f.mean()
kk = np.fft.fftfreq(M, 1.0 / M)
k2 = kk[:, None] ** 2 + kk[None, :] ** 2
k2[0, 0] = 1.0
inv = (-1.0 / k2).astype(np.float32)
inv[0, 0] = 0.0
phi = tf.real(tf.signal.ifft2d(tf.signal.fft2d(tf.complex(tf.constant(f), 0.0))
                               * tf.complex(tf.constant(inv), 0.0)))
lap = tf.real(tf.signal.ifft2d(tf.signal.fft2d(tf.complex(phi, 0.0))
                               * tf.complex(tf.constant(-k2.astype(np.float32)), 0.0)))

tt = tf.constant(np.arange(400, dtype=np.float32) / np.float32(400.0))
chirp = tf.sin(2 * np.pi * (20 * tt + 60 * tt ** 2))
S = tf.signal.stft(chirp, frame_length=64, frame_step=16, fft_length=64)
rec = tf.signal.inverse_stft(S, 64, 16, 64,
                             window_fn=tf.signal.inverse_stft_window_fn(16))
mag = tf.abs(S)
print(len(tf.get_default_graph().get_operations()), S.shape, rec.shape)

with tf.Session() as sess:
    uu, dd, pp, ll, mm, rr = sess.run([u, ds, phi, lap, mag, rec])
print(uu.tolist())
print(dd.tolist())
print(pp[0].tolist())
print(repr(float(np.abs(ll - (f - f.mean())).max())))
print(mm.shape, mm.argmax(1).tolist(), mm.sum(1).tolist())
print(rr[100:110].tolist())
