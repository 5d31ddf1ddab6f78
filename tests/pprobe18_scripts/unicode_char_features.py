"""Character features for a char-level tagger from UTF-8 text: tf.strings.unicode_decode and
unicode_decode_with_offsets (ragged, errors='replace'), unicode_split, bytes_split,
unicode_transcode to UTF-16-BE, unicode_encode back, unicode_script, the ragged code points
padded by to_tensor and clipped to a vocabulary, a conv1d over char embeddings with
max-over-time pooling masked by the row lengths, and one Adam step: op counts and values."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1891)
words = tf.constant([u"na\u00efve".encode("utf-8"), b"cat", u"\u00fcber\u20ac".encode("utf-8"),
                     b"ab\xffz", u"\u4e2d\u6587".encode("utf-8")])
cp = tf.strings.unicode_decode(words, "UTF-8", errors="replace")
cp2, offs = tf.strings.unicode_decode_with_offsets(words, "UTF-8", errors="replace",
                                                   replacement_char=63)
us = tf.strings.unicode_split(words, "UTF-8", errors="replace")
bs = tf.strings.bytes_split(words)
u16 = tf.strings.unicode_transcode(words, "UTF-8", "UTF-16-BE", errors="replace")
enc = tf.strings.unicode_encode(cp, "UTF-8")
scr = tf.strings.unicode_script(cp.flat_values)
lens = cp.row_lengths()
dense = cp.to_tensor(default_value=0)
cid = tf.where(dense < 256, dense, tf.fill(tf.shape(dense), 255))
emb = tf.get_variable("cemb", [256, 4], initializer=tf.random_normal_initializer(seed=1892))
x = tf.nn.embedding_lookup(emb, cid)
k = tf.get_variable("k", [2, 4, 3], initializer=tf.glorot_uniform_initializer(seed=1893))
h = tf.nn.conv1d(x, k, 1, "SAME")
mask = tf.sequence_mask(lens, tf.shape(dense)[1])
hm = tf.where(tf.tile(mask[:, :, None], [1, 1, 3]), h, tf.fill(tf.shape(h), -1e9))
feat = tf.reduce_max(hm, 1)
loss = tf.reduce_sum(tf.square(feat - 0.5))
step = tf.train.AdamOptimizer(0.05).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    v = s.run(dict(cp=cp, cp2=cp2, offs=offs, us=us, bs=bs, u16=u16, enc=enc, scr=scr,
                   lens=lens, dense=dense, feat=feat))
    for kk in sorted(v):
        x = v[kk]
        print(kk, x.to_list() if hasattr(x, "to_list") else x.tolist())
    for i in range(3):
        print(i, repr(float(s.run([loss, step])[0])))
    print(H(s.run(emb)), H(s.run(k)))
