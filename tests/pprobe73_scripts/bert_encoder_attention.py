"""google-research/bert's transformer_model: create_attention_mask_from_input_mask,
attention_layer (tf.layers.dense query/key/value on 2-D matrices, transpose_for_scores,
the (1 - mask) * -10000 adder, softmax, attention dropout), gelu in the erf form (modeling.py
today) and the tanh form (the first release), intermediate / output dense layers with
residual layer_norm, the pooler on the first token and a classifier's log_softmax loss;
gelu's values and gradients, the attention probabilities of the padded positions, the
trainable variables' names and shapes and losses of a few Adam steps."""
import math

import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(2)
rs = np.random.RandomState(8)
B, S, H, NH, INTER, L = 2, 4, 8, 2, 16, 2
X = rs.randn(B, S, H).astype(np.float32)
MASK = np.array([[1, 1, 1, 0], [1, 1, 0, 0]], np.int32)
LAB = np.array([1, 0], np.int32)


def gelu_erf(x):
    cdf = 0.5 * (1.0 + tf.erf(x / tf.sqrt(2.0)))
    return x * cdf


def gelu_tanh(input_tensor):
    cdf = 0.5 * (1.0 + tf.tanh(
        (np.sqrt(2 / np.pi) * (input_tensor + 0.044715 * tf.pow(input_tensor, 3)))))
    return input_tensor * cdf


def create_initializer(initializer_range=0.02, seed=None):
    return tf.truncated_normal_initializer(stddev=initializer_range, seed=seed)


def layer_norm(input_tensor, name=None):
    return tf.contrib.layers.layer_norm(
        inputs=input_tensor, begin_norm_axis=-1, begin_params_axis=-1, scope=name)


def dropout(x, p, seed):
    if p is None or p == 0.0:
        return x
    return tf.nn.dropout(x, 1.0 - p, seed=seed)


def create_attention_mask_from_input_mask(from_tensor, to_mask):
    from_shape = from_tensor.shape.as_list()
    batch_size, from_seq_length = from_shape[0], from_shape[1]
    to_seq_length = to_mask.shape.as_list()[1]
    to_mask = tf.cast(tf.reshape(to_mask, [batch_size, 1, to_seq_length]), tf.float32)
    broadcast_ones = tf.ones(shape=[batch_size, from_seq_length, 1], dtype=tf.float32)
    return broadcast_ones * to_mask


def attention_layer(from_tensor, to_tensor, attention_mask, num_attention_heads,
                    size_per_head, attention_probs_dropout_prob, batch_size,
                    from_seq_length, to_seq_length, seed):
    def transpose_for_scores(input_tensor, batch_size, num_attention_heads, seq_length, width):
        output_tensor = tf.reshape(
            input_tensor, [batch_size, seq_length, num_attention_heads, width])
        return tf.transpose(output_tensor, [0, 2, 1, 3])

    query_layer = tf.layers.dense(from_tensor, num_attention_heads * size_per_head,
                                  name="query", kernel_initializer=create_initializer(0.5, seed))
    key_layer = tf.layers.dense(to_tensor, num_attention_heads * size_per_head,
                                name="key", kernel_initializer=create_initializer(0.5, seed + 1))
    value_layer = tf.layers.dense(
        to_tensor, num_attention_heads * size_per_head, name="value",
        kernel_initializer=create_initializer(0.5, seed + 2))
    query_layer = transpose_for_scores(query_layer, batch_size, num_attention_heads,
                                       from_seq_length, size_per_head)
    key_layer = transpose_for_scores(key_layer, batch_size, num_attention_heads,
                                     to_seq_length, size_per_head)
    attention_scores = tf.matmul(query_layer, key_layer, transpose_b=True)
    attention_scores = tf.multiply(attention_scores, 1.0 / math.sqrt(float(size_per_head)))
    attention_mask = tf.expand_dims(attention_mask, axis=[1])
    adder = (1.0 - tf.cast(attention_mask, tf.float32)) * -10000.0
    attention_scores += adder
    attention_probs = tf.nn.softmax(attention_scores)
    attention_probs = dropout(attention_probs, attention_probs_dropout_prob, seed)
    value_layer = tf.reshape(value_layer,
                             [batch_size, to_seq_length, num_attention_heads, size_per_head])
    value_layer = tf.transpose(value_layer, [0, 2, 1, 3])
    context_layer = tf.matmul(attention_probs, value_layer)
    context_layer = tf.transpose(context_layer, [0, 2, 1, 3])
    context_layer = tf.reshape(context_layer,
                               [batch_size * from_seq_length, num_attention_heads * size_per_head])
    return context_layer, attention_probs


def transformer_model(input_tensor, attention_mask, hidden_size, num_hidden_layers,
                      num_attention_heads, intermediate_size, intermediate_act_fn,
                      hidden_dropout_prob, attention_probs_dropout_prob):
    batch_size, seq_length, input_width = input_tensor.shape.as_list()
    attention_head_size = int(hidden_size / num_attention_heads)
    prev_output = tf.reshape(input_tensor, [-1, input_width])
    all_probs = []
    for layer_idx in range(num_hidden_layers):
        with tf.variable_scope("layer_%d" % layer_idx):
            layer_input = prev_output
            with tf.variable_scope("attention"):
                with tf.variable_scope("self"):
                    attention_output, probs = attention_layer(
                        layer_input, layer_input, attention_mask, num_attention_heads,
                        attention_head_size, attention_probs_dropout_prob, batch_size,
                        seq_length, seq_length, seed=10 * layer_idx + 1)
                    all_probs.append(probs)
                with tf.variable_scope("output"):
                    attention_output = tf.layers.dense(
                        attention_output, hidden_size,
                        kernel_initializer=create_initializer(0.3, 40 + layer_idx))
                    attention_output = dropout(attention_output, hidden_dropout_prob, 7)
                    attention_output = layer_norm(attention_output + layer_input)
            with tf.variable_scope("intermediate"):
                intermediate_output = tf.layers.dense(
                    attention_output, intermediate_size, activation=intermediate_act_fn,
                    kernel_initializer=create_initializer(0.3, 50 + layer_idx))
            with tf.variable_scope("output"):
                layer_output = tf.layers.dense(
                    intermediate_output, hidden_size,
                    kernel_initializer=create_initializer(0.3, 60 + layer_idx))
                layer_output = dropout(layer_output, hidden_dropout_prob, 9)
                layer_output = layer_norm(layer_output + attention_output)
                prev_output = layer_output
    return tf.reshape(prev_output, [batch_size, seq_length, hidden_size]), all_probs


xs = tf.constant(np.linspace(-4.0, 4.0, 9, dtype=np.float32))
ge, gt = gelu_erf(xs), gelu_tanh(xs)
dge, dgt = tf.gradients(ge, xs)[0], tf.gradients(gt, xs)[0]
with tf.Session() as sess:
    for t in sess.run([ge, gt, dge, dgt]):
        print(t.tolist())
print(ge.name, gt.name, dge.name, dgt.name)

for act, drop in ((gelu_erf, 0.0), (gelu_tanh, 0.1)):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(2)
        x = tf.placeholder(tf.float32, [B, S, H], name="x")
        mask = tf.placeholder(tf.int32, [B, S], name="input_mask")
        labels = tf.placeholder(tf.int32, [B], name="labels")
        with tf.variable_scope("bert"):
            am = create_attention_mask_from_input_mask(x, mask)
            with tf.variable_scope("encoder"):
                seq_out, probs = transformer_model(x, am, H, L, NH, INTER, act, drop, drop)
            with tf.variable_scope("pooler"):
                first_token_tensor = tf.squeeze(seq_out[:, 0:1, :], axis=1)
                pooled = tf.layers.dense(first_token_tensor, H, activation=tf.tanh,
                                         kernel_initializer=create_initializer(0.3, 70))
        output_weights = tf.get_variable("output_weights", [2, H],
                                         initializer=create_initializer(0.3, 80))
        output_bias = tf.get_variable("output_bias", [2], initializer=tf.zeros_initializer())
        logits = tf.nn.bias_add(tf.matmul(pooled, output_weights, transpose_b=True), output_bias)
        log_probs = tf.nn.log_softmax(logits, axis=-1)
        one_hot_labels = tf.one_hot(labels, depth=2, dtype=tf.float32)
        per_example_loss = -tf.reduce_sum(one_hot_labels * log_probs, axis=-1)
        loss = tf.reduce_mean(per_example_loss)
        train = tf.train.AdamOptimizer(0.01, epsilon=1e-6).minimize(loss)
        print(am.shape, seq_out.name, probs[0].name, pooled.name, len(g.get_operations()))
        for v in tf.trainable_variables():
            print(v.name, v.shape.as_list())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            feed = {x: X, mask: MASK, labels: LAB}
            p0 = sess.run(probs[0], feed)
            print(p0[:, 0].tolist())
            for step in range(5):
                lv, _ = sess.run([loss, train], feed)
                print(step, repr(lv))
            print(sess.run(per_example_loss, feed).tolist())
