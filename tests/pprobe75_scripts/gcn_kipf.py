"""A two-layer GCN as tkipf/gcn writes it: the normalized adjacency and the row-normalized
features fed as tuples to tf.sparse_placeholder, sparse dropout (tf.sparse_retain with a
floor(keep_prob + uniform) mask and a 1/keep_prob scale), glorot init by tf.random_uniform,
GraphConvolution by sparse_tensor_dense_matmul, masked softmax cross entropy and accuracy,
weight decay over the first layer's variables, Adam: losses and accuracies over a few steps."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(11)
rs = np.random.RandomState(5)
N, F, HID, C = 10, 7, 6, 3
A = (rs.rand(N, N) < 0.3).astype(np.float32)
A = np.triu(A, 1)
A = A + A.T + np.eye(N, dtype=np.float32)
deg = A.sum(1)
d_inv_sqrt = 1.0 / np.sqrt(deg)
A_norm = (A * d_inv_sqrt[:, None] * d_inv_sqrt[None, :]).astype(np.float32)
X = (rs.rand(N, F) < 0.4).astype(np.float32)
X[X.sum(1) == 0, 0] = 1.0
X = X / X.sum(1, keepdims=True)
labels = np.eye(C, dtype=np.float32)[rs.randint(0, C, N)]
train_mask = np.zeros(N, bool)
train_mask[:4] = True
val_mask = np.zeros(N, bool)
val_mask[4:7] = True


def sparse_to_tuple(m):
    r, c = np.nonzero(m)
    coords = np.stack([r, c], 1).astype(np.int64)
    return coords, m[r, c], np.array(m.shape, np.int64)


support = sparse_to_tuple(A_norm)
features = sparse_to_tuple(X)
print("support nnz", support[0].shape, "features nnz", features[0].shape)

placeholders = {
    "support": tf.sparse_placeholder(tf.float32),
    "features": tf.sparse_placeholder(tf.float32, shape=tf.constant(features[2], dtype=tf.int64)),
    "labels": tf.placeholder(tf.float32, shape=(None, C)),
    "labels_mask": tf.placeholder(tf.int32),
    "dropout": tf.placeholder_with_default(0., shape=()),
    "num_features_nonzero": tf.placeholder(tf.int32),
}
print(placeholders["support"].indices.name, placeholders["support"].dense_shape.shape,
      placeholders["features"].dense_shape.name)


def glorot(shape, name=None):
    init_range = np.sqrt(6.0 / (shape[0] + shape[1]))
    initial = tf.random_uniform(shape, minval=-init_range, maxval=init_range, dtype=tf.float32)
    return tf.Variable(initial, name=name)


def zeros(shape, name=None):
    return tf.Variable(tf.zeros(shape, dtype=tf.float32), name=name)


def sparse_dropout(x, keep_prob, noise_shape):
    random_tensor = keep_prob
    random_tensor += tf.random_uniform(noise_shape)
    dropout_mask = tf.cast(tf.floor(random_tensor), dtype=tf.bool)
    pre_out = tf.sparse_retain(x, dropout_mask)
    return pre_out * (1. / keep_prob)


def dot(x, y, sparse=False):
    if sparse:
        return tf.sparse_tensor_dense_matmul(x, y)
    return tf.matmul(x, y)


class GraphConvolution(object):
    def __init__(self, input_dim, output_dim, name, dropout=0., sparse_inputs=False,
                 act=tf.nn.relu, bias=False):
        self.vars = {}
        self.dropout = dropout
        self.sparse_inputs = sparse_inputs
        self.act = act
        self.bias = bias
        with tf.variable_scope(name + "_vars"):
            self.vars["weights_0"] = glorot([input_dim, output_dim], name="weights_0")
            if bias:
                self.vars["bias"] = zeros([output_dim], name="bias")
        self.name = name

    def __call__(self, x):
        with tf.name_scope(self.name):
            if self.sparse_inputs:
                x = sparse_dropout(x, 1 - self.dropout, placeholders["num_features_nonzero"])
            else:
                x = tf.nn.dropout(x, 1 - self.dropout)
            pre_sup = dot(x, self.vars["weights_0"], sparse=self.sparse_inputs)
            output = dot(placeholders["support"], pre_sup, sparse=True)
            if self.bias:
                output += self.vars["bias"]
            return self.act(output)


def masked_softmax_cross_entropy(preds, labels, mask):
    loss = tf.nn.softmax_cross_entropy_with_logits(logits=preds, labels=labels)
    mask = tf.cast(mask, dtype=tf.float32)
    mask /= tf.reduce_mean(mask)
    loss *= mask
    return tf.reduce_mean(loss)


def masked_accuracy(preds, labels, mask):
    correct_prediction = tf.equal(tf.argmax(preds, 1), tf.argmax(labels, 1))
    accuracy_all = tf.cast(correct_prediction, tf.float32)
    mask = tf.cast(mask, dtype=tf.float32)
    mask /= tf.reduce_mean(mask)
    accuracy_all *= mask
    return tf.reduce_mean(accuracy_all)


weight_decay = 5e-4
layers = [GraphConvolution(F, HID, "graphconvolution_1", dropout=placeholders["dropout"],
                           sparse_inputs=True),
          GraphConvolution(HID, C, "graphconvolution_2", dropout=placeholders["dropout"],
                           act=lambda x: x, bias=True)]
h = placeholders["features"]
for layer in layers:
    h = layer(h)
outputs = h
loss = 0
for var in layers[0].vars.values():
    loss += weight_decay * tf.nn.l2_loss(var)
loss += masked_softmax_cross_entropy(outputs, placeholders["labels"], placeholders["labels_mask"])
accuracy = masked_accuracy(outputs, placeholders["labels"], placeholders["labels_mask"])
opt_op = tf.train.AdamOptimizer(learning_rate=0.05).minimize(loss)
print(outputs.name, loss.name, accuracy.name, opt_op.name)
print([v.name for v in tf.trainable_variables()])
print(len(tf.get_default_graph().get_operations()))


def feed(mask, dropout=0.):
    return {placeholders["support"]: support, placeholders["features"]: features,
            placeholders["labels"]: labels, placeholders["labels_mask"]: mask,
            placeholders["dropout"]: dropout,
            placeholders["num_features_nonzero"]: features[1].shape}


sess = tf.Session()
sess.run(tf.global_variables_initializer())
np.set_printoptions(precision=8)
for epoch in range(6):
    _, tl, ta = sess.run([opt_op, loss, accuracy], feed_dict=feed(train_mask, 0.5))
    vl, va = sess.run([loss, accuracy], feed_dict=feed(val_mask))
    print("Epoch: %04d train_loss= %.8f train_acc= %.5f val_loss= %.8f val_acc= %.5f"
          % (epoch + 1, tl, ta, vl, va))
out = sess.run(outputs, feed_dict=feed(train_mask))
print(repr(out[:3]))
print(repr(sess.run(layers[0].vars["weights_0"])[0]))
dropped = sess.run(sparse_dropout(placeholders["features"], 0.5,
                                  placeholders["num_features_nonzero"]),
                   feed_dict=feed(train_mask))
print(dropped.indices.shape, repr(dropped.values[:5]), dropped.dense_shape)
