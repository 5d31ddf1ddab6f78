"""A depthwise-separable keyword spotter on log-mel features with SpecAugment-style masks:
tf.contrib.signal.stft (periodic hann, fft_length 64), log-mel, a seeded time mask and
frequency mask made from tf.random_uniform / tf.sequence_mask, tf.layers.separable_conv1d
(depth_multiplier 2, dilation 2), tf.contrib.layers.separable_conv2d on a [B, T, 1, C]
view, tf.layers.batch_normalization with its update ops, global average pooling and a
Momentum step; the masked features' hash, losses and moving statistics."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1771)
rs = np.random.RandomState(1772)
B, N, SR = 4, 640, 8000
tt = np.arange(N) / SR
wav = np.stack([np.sin(2 * np.pi * (400 + 500 * (k % 2)) * tt) * (0.5 + 0.1 * k)
                + 0.05 * rs.randn(N) for k in range(B)]).astype(np.float32)
lab = np.array([0, 1, 0, 1], np.int32)
S = tf.contrib.signal.stft(tf.constant(wav), 64, 32, 64)
mel = tf.contrib.signal.linear_to_mel_weight_matrix(10, 33, SR, 80.0, 3500.0)
logmel = tf.log(tf.tensordot(tf.abs(S), mel, 1) + 1e-4)
T, M = logmel.shape[1].value, 10
t0 = tf.cast(tf.random_uniform([B], 0, T - 3, seed=21), tf.int32)
f0 = tf.cast(tf.random_uniform([B], 0, M - 2, seed=22), tf.int32)
tmask = tf.logical_xor(tf.sequence_mask(t0, T), tf.sequence_mask(t0 + 3, T))
fmask = tf.logical_xor(tf.sequence_mask(f0, M), tf.sequence_mask(f0 + 2, M))
keep = 1.0 - tf.cast(tf.logical_or(tmask[:, :, None], fmask[:, None, :]), tf.float32)
aug = logmel * keep
training = tf.placeholder_with_default(True, [])
h = tf.layers.separable_conv1d(aug, 12, 3, depth_multiplier=2, dilation_rate=2,
                               padding="same", activation=tf.nn.relu,
                               depthwise_initializer=tf.glorot_uniform_initializer(seed=23),
                               pointwise_initializer=tf.glorot_uniform_initializer(seed=24))
h = tf.layers.batch_normalization(h, training=training, momentum=0.8)
h4 = tf.expand_dims(h, 2)
h4 = tf.contrib.layers.separable_conv2d(h4, 8, [3, 1], 1, activation_fn=tf.nn.relu,
                                        weights_initializer=tf.glorot_uniform_initializer(seed=25))
logits = tf.layers.dense(tf.reduce_mean(h4, [1, 2]), 2,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=26))
loss = tf.losses.sparse_softmax_cross_entropy(lab, logits)
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train = tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
print(h.shape, h4.shape, [v.name for v in tf.trainable_variables()][:4])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(H(s.run(aug)))
    for step in range(6):
        lv, _ = s.run([loss, train])
        print(step, repr(lv))
    mm = [v for v in tf.global_variables() if "moving" in v.name]
    print([H(v) for v in s.run(mm)])
    print(s.run(tf.argmax(logits, 1), {training: False}).tolist())
