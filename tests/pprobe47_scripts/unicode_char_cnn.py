"""A char-CNN over ragged code points in TF1 graph mode: tf.strings.unicode_decode (UTF-8,
ragged_rank 2 from a [2, 3] batch), unicode_encode back (ragged_rank 2 input), unicode_transcode
to UTF-16-BE and UTF-32-BE, tf.strings.substr with unit='UTF8_CHAR' (and BYTE), tf.strings.length
in UTF8_CHAR, unicode_script on flat values; then ids folded by map_flat_values(floormod),
embedding_lookup on flat_values, padding by to_tensor, a conv1d with a masked max pool and four
Adam steps: op counts, hashes of strings and values at full precision."""
import hashlib
import numpy as np
import tensorflow as tf

tf.set_random_seed(4731)
np.random.seed(4731)
g = tf.get_default_graph()
raw = [[u"h\u00e9llo", u"\u65e5\u672c\u8a9e", u"ok"],
       [u"\u0416\u0443\u043a", u"a\U0001F600b", u"\u00df\u00e7"]]
txt = tf.constant([[w.encode("utf-8") for w in row] for row in raw])
n0 = len(g.get_operations())
cp = tf.strings.unicode_decode(txt, "UTF-8")
print("decode ops", len(g.get_operations()) - n0, cp.ragged_rank)
enc = tf.strings.unicode_encode(cp, "UTF-8")
u16 = tf.strings.unicode_transcode(txt, "UTF-8", "UTF-16-BE")
u32 = tf.strings.unicode_transcode(txt, "UTF-8", "UTF-32-BE")
flat = tf.reshape(txt, [-1])
sub = tf.strings.substr(flat, 1, 2, unit="UTF8_CHAR")
subb = tf.strings.substr(flat, 1, 2)
ln = tf.strings.length(flat, unit="UTF8_CHAR")
scr = tf.strings.unicode_script(cp.flat_values)
cpf = tf.strings.unicode_decode(flat, "UTF-8")
ids = tf.ragged.map_flat_values(tf.math.floormod, cpf, 97)
emb = tf.get_variable("cemb", [97, 5], initializer=tf.random_normal_initializer(seed=4732))
ev = tf.RaggedTensor.from_row_splits(tf.nn.embedding_lookup(emb, ids.flat_values),
                                     ids.row_splits)
x = ev.to_tensor()
k = tf.get_variable("k", [2, 5, 4], initializer=tf.glorot_uniform_initializer(seed=4733))
h = tf.nn.relu(tf.nn.conv1d(x, k, 1, "SAME"))
mask = tf.sequence_mask(ids.row_lengths(), tf.shape(x)[1], dtype=tf.float32)
pool = tf.reduce_max(h * mask[:, :, None], 1)
wo = tf.get_variable("wo", [4, 2], initializer=tf.glorot_uniform_initializer(seed=4734))
logits = tf.matmul(pool, wo)
lab = tf.constant([0, 1, 0, 1, 1, 0])
loss = tf.losses.sparse_softmax_cross_entropy(lab, logits)
step = tf.train.AdamOptimizer(0.05).minimize(loss)
print("op count", len(g.get_operations()))


def H(b):
    return hashlib.md5(b"|".join(b)).hexdigest()[:12]


with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(cp).to_list())
    e, a16, a32, su, sb = s.run([enc, u16, u32, sub, subb])
    print(e.to_list(), e.to_list() == s.run(txt).tolist())
    print(H(a16.ravel().tolist()), H(a32.ravel().tolist()))
    print([t.decode("utf-8") for t in su], H(sb.tolist()))
    print(s.run(ln).tolist(), s.run(scr).tolist())
    print(s.run(ids).to_list())
    for i in range(4):
        print(i, repr(float(s.run([loss, step])[0])))
    print([[repr(float(t)) for t in r] for r in s.run(logits)])
