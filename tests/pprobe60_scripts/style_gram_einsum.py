"""Neural style transfer (the Gatys / anishathalye neural-style style) on a fixed random conv
net: Gram matrices with tf.einsum over a batch ('bijc,bijd->bcd') and over one image
('ijc,ijd->cd'), normalized by the feature count from tf.shape, content loss with
tf.nn.l2_loss, style loss over two layers, total variation by slicing, the image a variable
optimized by Adam; the ops tf.einsum makes, its static shapes, einsum of a transpose and a
trace-free contraction ('ij,jk->ik', 'ij->ji', 'bij,bjk->bik'), and einsum's errors."""
import numpy as np
import tensorflow as tf

np.random.seed(11)
tf.set_random_seed(13)
H, W = 8, 8
content = np.random.rand(1, H, W, 3).astype(np.float32)
style = np.random.rand(1, H, W, 3).astype(np.float32)


def net(img, reuse):
    with tf.variable_scope("vgg", reuse=reuse):
        c1 = tf.layers.conv2d(img, 4, 3, padding="same", activation=tf.nn.relu, name="c1",
                              kernel_initializer=tf.random_normal_initializer(0, 0.3, seed=1),
                              trainable=False)
        p1 = tf.nn.avg_pool(c1, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
        c2 = tf.layers.conv2d(p1, 6, 3, padding="same", activation=tf.nn.relu, name="c2",
                              kernel_initializer=tf.random_normal_initializer(0, 0.3, seed=2),
                              trainable=False)
    return {"c1": c1, "c2": c2}


def gram(f):
    shp = tf.shape(f)
    n = tf.cast(shp[1] * shp[2] * shp[3], tf.float32)
    return tf.einsum("bijc,bijd->bcd", f, f) / n


g = tf.get_default_graph()
image = tf.get_variable("image", initializer=tf.constant(content * 0.5 + 0.25))
feats = net(image, False)
cfeats = net(tf.constant(content), True)
sfeats = net(tf.constant(style), True)
n0 = len(g.get_operations())
G = gram(feats["c1"])
n1 = len(g.get_operations())
print("gram ops", n1 - n0, sorted({o.type for o in g.get_operations()[n0:n1]}))
print("gram shape", G.shape, G.op.type, G.op.inputs[0].op.type)
single = tf.einsum("ijc,ijd->cd", feats["c2"][0], feats["c2"][0])
print("single", single.shape, single.op.type)

content_loss = 2 * tf.nn.l2_loss(feats["c2"] - cfeats["c2"]) / tf.cast(tf.size(cfeats["c2"]),
                                                                        tf.float32)
style_loss = tf.add_n([tf.reduce_sum(tf.square(gram(feats[k]) - gram(sfeats[k]))) * w
                       for k, w in (("c1", 0.5), ("c2", 0.5))])
tv = (tf.nn.l2_loss(image[:, 1:, :, :] - image[:, :-1, :, :]) / (7 * 8 * 3) +
      tf.nn.l2_loss(image[:, :, 1:, :] - image[:, :, :-1, :]) / (8 * 7 * 3))
loss = 5.0 * content_loss + 100.0 * style_loss + 0.1 * tv
train = tf.train.AdamOptimizer(0.02, beta1=0.9, beta2=0.999, epsilon=1e-8).minimize(
    loss, var_list=[image])
print("trainable", [v.name for v in tf.trainable_variables()])

a = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3))
b = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4))
bb = tf.constant(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
mm = tf.einsum("ij,jk->ik", a, b)
tr = tf.einsum("ij->ji", a)
bm = tf.einsum("bij,bjk->bik", tf.stack([a, a]), bb)
outer = tf.einsum("i,j->ij", a[0], b[0])
print("small", mm.shape, tr.shape, bm.shape, outer.shape, tr.op.type, outer.op.type)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        lv, cl, sl, tvl, _ = sess.run([loss, content_loss, style_loss, tv, train])
        print(step, repr(float(lv)), repr(float(cl)), repr(float(sl)), repr(float(tvl)))
    print("G", sess.run(G)[0, 0].tolist())
    print("single diag", np.diag(sess.run(single)).tolist())
    print("image", sess.run(image)[0, 0, :2].tolist())
    print("small vals", sess.run(mm).tolist(), sess.run(tr).tolist(), sess.run(bm)[1, 0].tolist(),
          sess.run(outer).tolist())

for eq, args in (("ij,jk->ik", (a, a)), ("ij,jk", (a,)), ("ij->k", (a,)),
                 ("ij,jk->ikl", (a, b)), ("iij->j", (bb,))):
    try:
        r = tf.einsum(eq, *args)
        print(eq, "ok", r.shape)
    except (ValueError, TypeError) as e:
        print(eq, type(e).__name__, str(e).splitlines()[0])
