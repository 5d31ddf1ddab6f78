"""A tensor2tensor-era Transformer decoder step as common_attention / common_layers write it:
get_timing_signal_1d (tf.range, tf.exp of a log-timescale increment, sin/cos concat, a
tf.pad for odd channels), attention_bias_lower_triangle by tf.matrix_band_part of ones
(int64 band bounds), attention_bias_ignore_padding from embedding_to_padding,
split_heads / combine_heads by dynamic reshapes, dot_product_attention with bias,
layer_norm_compute by hand (rsqrt of squared_difference), smoothing_cross_entropy with
its normalizing constant vs tf.losses.softmax_cross_entropy(label_smoothing) weighted by
weights_nonzero, a linear_warmup * rsqrt_decay learning rate into
tf.contrib.layers.optimize_loss ("Adam", clip_gradients, summaries); timing values, biases,
losses over a few steps, op counts and names."""
import collections
import math

import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(17)
rs = np.random.RandomState(19)
V, D, NH = 7, 6, 2
INP = np.array([[3, 5, 2, 0, 0], [4, 1, 6, 6, 0]], np.int32)
TGT = np.array([[5, 2, 1, 0, 0], [1, 6, 6, 3, 0]], np.int32)


def get_timing_signal_1d(length, channels, min_timescale=1.0, max_timescale=1.0e4,
                         start_index=0):
    position = tf.to_float(tf.range(length) + start_index)
    num_timescales = channels // 2
    log_timescale_increment = (
        math.log(float(max_timescale) / float(min_timescale)) /
        tf.maximum(tf.to_float(num_timescales) - 1, 1))
    inv_timescales = min_timescale * tf.exp(
        tf.to_float(tf.range(num_timescales)) * -log_timescale_increment)
    scaled_time = tf.expand_dims(position, 1) * tf.expand_dims(inv_timescales, 0)
    signal = tf.concat([tf.sin(scaled_time), tf.cos(scaled_time)], axis=1)
    signal = tf.pad(signal, [[0, 0], [0, tf.mod(channels, 2)]])
    signal = tf.reshape(signal, [1, length, channels])
    return signal


def ones_matrix_band_part(rows, cols, num_lower, num_upper):
    lower_mask = tf.matrix_band_part(tf.ones([rows, cols]), tf.cast(num_lower, tf.int64),
                                     tf.cast(num_upper, tf.int64))
    return lower_mask


def attention_bias_lower_triangle(length):
    band = ones_matrix_band_part(length, length, -1, 0)
    ret = -1e9 * (1.0 - band)
    return tf.reshape(ret, [1, 1, length, length])


def embedding_to_padding(emb):
    emb_sum = tf.reduce_sum(tf.abs(emb), axis=-1)
    return tf.to_float(tf.equal(emb_sum, 0.0))


def attention_bias_ignore_padding(memory_padding):
    ret = memory_padding * -1e9
    return tf.expand_dims(tf.expand_dims(ret, axis=1), axis=1)


def shape_list(x):
    x = tf.convert_to_tensor(x)
    if x.get_shape().dims is None:
        return tf.shape(x)
    static = x.get_shape().as_list()
    shape = tf.shape(x)
    ret = []
    for i, dim in enumerate(static):
        if dim is None:
            dim = shape[i]
        ret.append(dim)
    return ret


def split_last_dimension(x, n):
    x_shape = shape_list(x)
    m = x_shape[-1]
    if isinstance(m, int) and isinstance(n, int):
        assert m % n == 0
    return tf.reshape(x, x_shape[:-1] + [n, m // n])


def combine_last_two_dimensions(x):
    x_shape = shape_list(x)
    a, b = x_shape[-2:]
    return tf.reshape(x, x_shape[:-2] + [a * b])


def split_heads(x, num_heads):
    return tf.transpose(split_last_dimension(x, num_heads), [0, 2, 1, 3])


def combine_heads(x):
    return combine_last_two_dimensions(tf.transpose(x, [0, 2, 1, 3]))


def layer_norm_compute(x, epsilon, scale, bias):
    mean = tf.reduce_mean(x, axis=[-1], keepdims=True)
    variance = tf.reduce_mean(tf.squared_difference(x, mean), axis=[-1], keepdims=True)
    norm_x = (x - mean) * tf.rsqrt(variance + epsilon)
    return norm_x * scale + bias


def layer_norm(x, name=None, epsilon=1e-6):
    filters = shape_list(x)[-1]
    with tf.variable_scope(name, default_name="layer_norm", values=[x]):
        scale = tf.get_variable("layer_norm_scale", [filters], initializer=tf.ones_initializer())
        bias = tf.get_variable("layer_norm_bias", [filters], initializer=tf.zeros_initializer())
        return layer_norm_compute(x, epsilon, scale, bias)


def dot_product_attention(q, k, v, bias, name=None):
    with tf.variable_scope(name, default_name="dot_product_attention", values=[q, k, v]):
        logits = tf.matmul(q, k, transpose_b=True)
        if bias is not None:
            logits += bias
        weights = tf.nn.softmax(logits, name="attention_weights")
        return tf.matmul(weights, v), weights


def multihead_attention(query, memory, bias, num_heads, name):
    with tf.variable_scope(name):
        init = tf.random_normal_initializer(stddev=0.4, seed=len(name))
        q = tf.layers.dense(query, D, use_bias=False, name="q", kernel_initializer=init)
        k = tf.layers.dense(memory, D, use_bias=False, name="k", kernel_initializer=init)
        v = tf.layers.dense(memory, D, use_bias=False, name="v", kernel_initializer=init)
        q, k, v = split_heads(q, num_heads), split_heads(k, num_heads), split_heads(v, num_heads)
        q *= (D // num_heads) ** -0.5
        x, w = dot_product_attention(q, k, v, bias)
        x = combine_heads(x)
        return tf.layers.dense(x, D, use_bias=False, name="output_transform",
                               kernel_initializer=init), w


def smoothing_cross_entropy(logits, labels, vocab_size, confidence):
    with tf.name_scope("smoothing_cross_entropy", values=[logits, labels]):
        low_confidence = (1.0 - confidence) / tf.to_float(vocab_size - 1)
        normalizing = -(confidence * tf.log(confidence) + tf.to_float(vocab_size - 1) *
                        low_confidence * tf.log(low_confidence + 1e-20))
        soft_targets = tf.one_hot(tf.cast(labels, tf.int32), depth=vocab_size,
                                  on_value=confidence, off_value=low_confidence)
        xentropy = tf.nn.softmax_cross_entropy_with_logits_v2(logits=logits,
                                                              labels=soft_targets)
        return xentropy - normalizing


sig = get_timing_signal_1d(4, 5)
tri = attention_bias_lower_triangle(3)
with tf.Session() as sess:
    print(sess.run(sig)[0].tolist())
    print(sess.run(tri)[0, 0].tolist())
print(sig.name, sig.shape, tri.name, tri.shape)

g = tf.Graph()
with g.as_default():
    tf.set_random_seed(17)
    inputs = tf.placeholder(tf.int32, [None, None], name="inputs")
    targets = tf.placeholder(tf.int32, [None, None], name="targets")
    with tf.variable_scope("transformer"):
        emb_table = tf.get_variable("weights", [V, D],
                                    initializer=tf.random_normal_initializer(0.0, D ** -0.5,
                                                                             seed=3))
        enc_emb = tf.gather(emb_table, inputs) * D ** 0.5
        enc_emb *= tf.expand_dims(tf.to_float(tf.not_equal(inputs, 0)), -1)
        enc_bias = attention_bias_ignore_padding(embedding_to_padding(enc_emb))
        x = enc_emb + get_timing_signal_1d(tf.shape(inputs)[1], D)
        with tf.variable_scope("encoder"):
            xn = layer_norm(x)
            y, enc_w = multihead_attention(xn, xn, enc_bias, NH, "self_attention")
            enc_out = layer_norm(x + y, name="enc_out_norm")
        dec_in = tf.pad(tf.gather(emb_table, targets), [[0, 0], [1, 0], [0, 0]])[:, :-1, :]
        dec_len = tf.shape(targets)[1]
        d = dec_in + get_timing_signal_1d(dec_len, D)
        with tf.variable_scope("decoder"):
            dn = layer_norm(d)
            y, dec_w = multihead_attention(dn, dn, attention_bias_lower_triangle(dec_len), NH,
                                           "self_attention")
            d += y
            y, _ = multihead_attention(layer_norm(d, name="ln2"), enc_out, enc_bias, NH,
                                       "encdec_attention")
            d = layer_norm(d + y, name="dec_out_norm")
        logits = tf.matmul(tf.reshape(d, [-1, D]), emb_table, transpose_b=True)
        logits = tf.reshape(logits, [tf.shape(d)[0], dec_len, V])
    weights = tf.to_float(tf.not_equal(targets, 0))
    xent = smoothing_cross_entropy(logits, targets, V, 0.9)
    loss = tf.reduce_sum(xent * weights) / tf.reduce_sum(weights)
    loss2 = tf.losses.softmax_cross_entropy(tf.one_hot(targets, V), logits, weights=weights,
                                            label_smoothing=0.1)
    gs = tf.train.get_or_create_global_step()

    def lr_decay(lr, global_step):
        step = tf.to_float(global_step) + 1.0
        warmup = 4.0
        ret = lr * tf.minimum(1.0, step / warmup)
        return ret * tf.rsqrt(tf.maximum(step, warmup)) * D ** -0.5

    train = tf.contrib.layers.optimize_loss(loss, gs, learning_rate=0.5, optimizer="Adam",
                                            clip_gradients=1.0,
                                            learning_rate_decay_fn=lr_decay,
                                            summaries=["loss", "learning_rate",
                                                       "global_gradient_norm"])
    print(train.name, [s.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)])
    print(enc_bias.shape, dec_w.name, enc_w.shape, logits.shape)
    print(sorted(collections.Counter(op.type for op in g.get_operations()).items()))
    for v in tf.trainable_variables():
        print(v.name, v.shape.as_list())
    print(sorted(v.name for v in tf.global_variables() if "Adam" in v.name)[:4])
    merged = tf.summary.merge_all()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        feed = {inputs: INP, targets: TGT}
        w0 = sess.run(dec_w, feed)
        print(w0[1, 0].tolist())
        print(sess.run(enc_w, feed)[0, 1, :2].tolist())
        for step in range(5):
            lv, l2, _ = sess.run([loss, loss2, train], feed)
            print(step, repr(lv), repr(l2), sess.run(gs))
        summ = tf.Summary.FromString(sess.run(merged, feed))
        print([(v.tag, round(v.simple_value, 4)) for v in summ.value])
