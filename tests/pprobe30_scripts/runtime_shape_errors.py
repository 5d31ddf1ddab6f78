"""Shapes that only clash at run time, through placeholders of partial shapes in a seeded
TF1 classifier: MatMul of fed inner dimensions, ConcatOp of fed non-axis dimensions,
Reshape of a fed size, broadcasting of an add and a multiply, GatherV2 (embedding_lookup)
index out of range, SparseSoftmaxCrossEntropyWithLogits label out of range, a Tile and a
Slice of bad sizes, OneHot depth and SplitV sizes, integer FloorDiv / TruncateDiv /
TruncateMod by zero, a ScatterUpdate index out of range; each OpError's class, message up to its
traceback, op and node_def names and code; the good feed trains on, full-precision values."""

import re

import numpy as np
import tensorflow as tf

tf.set_random_seed(32)
rng = np.random.RandomState(32)
g = tf.get_default_graph()
ids = tf.placeholder(tf.int32, [None], name="ids")
feat = tf.placeholder(tf.float32, [None, None], name="feat")
lab = tf.placeholder(tf.int32, [None], name="lab")
emb = tf.get_variable("emb", [6, 3], initializer=tf.random_normal_initializer(seed=1))
looked = tf.nn.embedding_lookup(emb, ids, name="look")
joined = tf.concat([looked, feat], 1, name="joined")
w = tf.get_variable("w", [5, 4], initializer=tf.glorot_uniform_initializer(seed=2))
logits = tf.matmul(joined, w, name="logits")
xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=lab, logits=logits, name="xent")
loss = tf.reduce_mean(xent, name="loss")
train = tf.train.AdamOptimizer(0.05).minimize(loss)
mm = tf.matmul(feat, tf.ones([2, 3]), name="mm")
rs = tf.reshape(feat, [-1, 3], name="rs")
addb = tf.add(feat, tf.ones([3]), name="addb")
mulb = tf.multiply(feat, tf.transpose(feat), name="mulb")
tl = tf.tile(feat, tf.placeholder_with_default([2, 1], [None], name="mult"), name="tl")
sl = tf.slice(feat, [0, 1], [-1, 2], name="sl")
sp = tf.split(feat, [1, 2], axis=1, name="sp")
oh = tf.one_hot(ids, tf.placeholder_with_default(4, [], name="depth"), name="oh")
fd = tf.floordiv(ids, ids[::-1], name="fd")
td = tf.truncatediv(ids, ids[::-1], name="td")
tm = tf.truncatemod(ids, ids[::-1], name="tm")
sc = tf.scatter_update(emb, ids, tf.zeros([tf.size(ids), 3]), name="sc")
print(len(g.get_operations()))

IDS = np.array([0, 5, 2, 3], np.int32)
F = rng.randn(4, 2).astype(np.float32)
Lb = np.array([1, 0, 3, 2], np.int32)


def head(e):
    # TF's message up to its traceback-dependent part; the file of "defined at" without
    # its folders (TF strips a prefix common to the traceback's files)
    s = str(e).split("\n\nOriginal stack trace")[0].split("\n\nErrors may have")[0]
    return re.sub(r"defined at [^ )]*/", "defined at ", s)


def show(what, t, fd):
    try:
        r = s.run(t, fd)
        print(what, "ok", np.asarray(r).shape if not isinstance(r, list) else len(r))
    except tf.errors.OpError as e:
        print(what, type(e).__name__, repr(head(e)))
        print("   op", e.op.name if e.op is not None else None,
              e.node_def.name if e.node_def is not None else None, e.error_code)


with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    show("good", loss, {ids: IDS, feat: F, lab: Lb})
    show("gather", loss, {ids: [0, 6, 1, 2], feat: F, lab: Lb})
    show("gather_neg", looked, {ids: [-1]})
    show("concat", joined, {ids: IDS, feat: F[:3]})
    show("matmul", logits, {ids: IDS, feat: rng.randn(4, 3).astype(np.float32)})
    show("label", loss, {ids: IDS, feat: F, lab: [1, 4, 0, 0]})
    show("label_neg", loss, {ids: IDS, feat: F, lab: [1, -1, 0, 0]})
    show("label_len", xent, {ids: IDS, feat: F, lab: [1, 2]})
    show("mm", mm, {feat: rng.randn(2, 4)})
    show("rs", rs, {feat: F})
    show("addb", addb, {feat: F})
    show("mulb", mulb, {feat: F})
    show("mulb_sq", mulb, {feat: F[:2]})
    show("tile", tl, {feat: F, "mult:0": [2]})
    show("slice", sl, {feat: F})
    show("split", sp, {feat: F})
    show("onehot", oh, {ids: IDS, "depth:0": -2})
    show("floordiv", fd, {ids: IDS})
    show("truncatediv", td, {ids: IDS})
    show("truncatemod", tm, {ids: [3, 0, 2]})
    show("truncatediv_ok", td, {ids: [-7, 2, 3]})
    show("scatter", sc, {ids: [1, 7]})
    print(s.run(emb)[1].tolist())   # (TF's ScatterUpdate wrote row 1 before it failed)
    for step in range(4):
        _, lv = s.run([train, loss], {ids: IDS, feat: F, lab: Lb})
        print(step, repr(float(lv)))
    print(s.run(w).ravel().tolist())
print(len(g.get_operations()))
