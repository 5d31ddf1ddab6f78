"""A cnn-text-classification-tf style pipeline: tf.contrib.learn.preprocessing.VocabularyProcessor
fit / transform / reverse (max_document_length, min_frequency), save and restore through a
temporary directory, then a Kim text CNN (embedding_lookup, expand_dims, conv2d of three filter
widths with VALID padding, max_pool over time, concat, seeded dropout, l2 loss, Adam) trained a
few steps: the vocabulary, op counts and values at full precision."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

learn = tf.contrib.learn

texts = ["the cat sat on the mat", "a dog ate my homework", "the dog sat",
         "cats and dogs are friends", "my cat is on the mat again", "a bird flew over the dog"]
labels = np.array([[1, 0], [0, 1], [0, 1], [1, 0], [1, 0], [0, 1]], np.float32)

vp = learn.preprocessing.VocabularyProcessor(max_document_length=7, min_frequency=0)
x = np.array(list(vp.fit_transform(texts)))
print("vocab size", len(vp.vocabulary_))
print("x", x.tolist())
print("x dtype", x.dtype)
print("reverse", list(vp.reverse(x[:3])))
print("transform new", np.array(list(vp.transform(["the bird ate a zebra"]))).tolist())
mapping = vp.vocabulary_._mapping
print("mapping", sorted(mapping.items(), key=lambda kv: kv[1]))

vp2 = learn.preprocessing.VocabularyProcessor(max_document_length=4, min_frequency=2)
x2 = np.array(list(vp2.fit_transform(texts)))
print("min_frequency vocab", len(vp2.vocabulary_), x2.tolist())

tmp = tempfile.mkdtemp()
try:
    path = os.path.join(tmp, "vocab")
    vp.save(path)
    vp3 = learn.preprocessing.VocabularyProcessor.restore(path)
    print("restored size", len(vp3.vocabulary_), vp3.max_document_length)
    print("restored transform", np.array(list(vp3.transform(texts[:2]))).tolist())
finally:
    shutil.rmtree(tmp)

np.random.seed(3)
tf.set_random_seed(11)
seq_len, emb, nf = 7, 6, 3
vocab_size = len(vp.vocabulary_)
input_x = tf.placeholder(tf.int32, [None, seq_len], name="input_x")
input_y = tf.placeholder(tf.float32, [None, 2], name="input_y")
keep = tf.placeholder(tf.float32, name="dropout_keep_prob")
with tf.name_scope("embedding"):
    W = tf.Variable(tf.random_uniform([vocab_size, emb], -1.0, 1.0, seed=1), name="W")
    embedded = tf.nn.embedding_lookup(W, input_x)
    embedded_exp = tf.expand_dims(embedded, -1)
pooled = []
for fs in (2, 3, 4):
    with tf.name_scope("conv-maxpool-%s" % fs):
        Wc = tf.Variable(tf.truncated_normal([fs, emb, 1, nf], stddev=0.1, seed=fs), name="W")
        b = tf.Variable(tf.constant(0.1, shape=[nf]), name="b")
        conv = tf.nn.conv2d(embedded_exp, Wc, strides=[1, 1, 1, 1], padding="VALID", name="conv")
        h = tf.nn.relu(tf.nn.bias_add(conv, b), name="relu")
        pooled.append(tf.nn.max_pool(h, ksize=[1, seq_len - fs + 1, 1, 1],
                                     strides=[1, 1, 1, 1], padding="VALID", name="pool"))
h_pool = tf.concat(pooled, 3)
h_flat = tf.reshape(h_pool, [-1, nf * 3])
with tf.name_scope("dropout"):
    h_drop = tf.nn.dropout(h_flat, keep, seed=5)
with tf.name_scope("output"):
    Wo = tf.get_variable("W", shape=[nf * 3, 2],
                         initializer=tf.contrib.layers.xavier_initializer(seed=7))
    bo = tf.Variable(tf.constant(0.1, shape=[2]), name="b")
    l2 = tf.nn.l2_loss(Wo) + tf.nn.l2_loss(bo)
    scores = tf.nn.xw_plus_b(h_drop, Wo, bo, name="scores")
    preds = tf.argmax(scores, 1, name="predictions")
with tf.name_scope("loss"):
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(
        logits=scores, labels=input_y)) + 0.01 * l2
with tf.name_scope("accuracy"):
    acc = tf.reduce_mean(tf.cast(tf.equal(preds, tf.argmax(input_y, 1)), "float"),
                         name="accuracy")
gs = tf.Variable(0, name="global_step", trainable=False)
opt = tf.train.AdamOptimizer(1e-2)
gv = opt.compute_gradients(loss)
train = opt.apply_gradients(gv, global_step=gs)
print("grad names", [g.name for g, v in gv if g is not None])
print("ops", len(tf.get_default_graph().get_operations()))
print("pool shape", h_pool.shape, h_flat.shape)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        _, step, lv, a = sess.run([train, gs, loss, acc],
                                 {input_x: x, input_y: labels, keep: 0.5})
        print("step", step, repr(float(lv)), repr(float(a)))
    s, p = sess.run([scores, preds], {input_x: x, input_y: labels, keep: 1.0})
    print("scores", [[repr(float(v)) for v in r] for r in s])
    print("preds", p.tolist())
    print("emb row0", [repr(float(v)) for v in sess.run(W)[0]])
