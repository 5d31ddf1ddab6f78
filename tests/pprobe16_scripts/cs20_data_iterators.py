"""Stanford CS20 (lectures 3-4): tf.data fed from placeholders: Dataset.from_tensor_slices
((features_ph, labels_ph)) with make_initializable_iterator initialised by a feed_dict;
the MNIST-style logistic regression with one reinitializable iterator
(tf.data.Iterator.from_structure(train_data.output_types, train_data.output_shapes)) and
train_init / test_init ops switched between epochs; shuffle(seed) and batch; the
OutOfRangeError loop (sums in Python floats: NumPy 1.16 and 2 promote a float32 scalar
plus an int differently); op counts and values at full precision."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1671)
rs = np.random.RandomState(1672)
Xtr = rs.randn(50, 5).astype(np.float32)
ytr = np.eye(3, dtype=np.float32)[rs.randint(0, 3, 50)]
Xte = rs.randn(20, 5).astype(np.float32)
yte = np.eye(3, dtype=np.float32)[rs.randint(0, 3, 20)]

feats = tf.placeholder(tf.float32, [None, 5], name="feats")
labs = tf.placeholder(tf.float32, [None, 3], name="labs")
fed = tf.data.Dataset.from_tensor_slices((feats, labs)).batch(16)
fed_it = fed.make_initializable_iterator()
fx, fy = fed_it.get_next()
fsum = tf.reduce_sum(fx) + tf.reduce_sum(fy)

train_data = tf.data.Dataset.from_tensor_slices((Xtr, ytr)).shuffle(10000, seed=1673).batch(8)
test_data = tf.data.Dataset.from_tensor_slices((Xte, yte)).batch(8)
iterator = tf.data.Iterator.from_structure(train_data.output_types, train_data.output_shapes)
img, label = iterator.get_next()
train_init = iterator.make_initializer(train_data)
test_init = iterator.make_initializer(test_data)
w = tf.get_variable(name="weights", shape=(5, 3),
                    initializer=tf.random_normal_initializer(0, 0.01, seed=1674))
b = tf.get_variable(name="bias", shape=(1, 3), initializer=tf.zeros_initializer())
logits = tf.matmul(img, w) + b
entropy = tf.nn.softmax_cross_entropy_with_logits_v2(labels=label, logits=logits, name="entropy")
loss = tf.reduce_mean(entropy, name="loss")
optimizer = tf.train.AdamOptimizer(0.05).minimize(loss)
preds = tf.nn.softmax(logits)
correct_preds = tf.equal(tf.argmax(preds, 1), tf.argmax(label, 1))
accuracy = tf.reduce_sum(tf.cast(correct_preds, tf.float32))

g = tf.get_default_graph()
print(len(g.get_operations()), fx.shape, img.shape, train_init.name, test_init.name)
print(train_data.output_types, train_data.output_shapes)
with tf.Session() as sess:
    for part in (Xtr[:20], Xte):
        sess.run(fed_it.initializer, feed_dict={feats: part, labs: np.ones((len(part), 3))})
        vals = []
        try:
            while True:
                vals.append(repr(float(sess.run(fsum))))
        except tf.errors.OutOfRangeError:
            pass
        print(vals)
    sess.run(tf.global_variables_initializer())
    for i in range(3):
        sess.run(train_init)
        total_loss, n_batches = 0, 0
        try:
            while True:
                _, lv = sess.run([optimizer, loss])
                total_loss += float(lv)
                n_batches += 1
        except tf.errors.OutOfRangeError:
            pass
        print("epoch", i, n_batches, repr(float(total_loss / n_batches)))
        sess.run(test_init)
        total_correct = 0
        try:
            while True:
                total_correct += float(sess.run(accuracy))
        except tf.errors.OutOfRangeError:
            pass
        print("acc", repr(float(total_correct / 20)))
    print(H(sess.run(w)), sess.run(b).tolist())
