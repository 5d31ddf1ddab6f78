"""tf.contrib.image's labelling and distance ops on small masks: connected_components (a batch
and a single image, bool and float input; TF 1.14 has no euclidean_dist_transform),
interpolate_spline (orders 1 and 2, a regularisation weight) and sparse_image_warp with
boundary points, its dense flow output and its gradient with respect to the image: op
counts, values at full precision."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(11)
rs = np.random.RandomState(11)
g = tf.get_default_graph()
mask = (rs.rand(2, 7, 8) > 0.55)
n0 = len(g.get_operations())
cc = tf.contrib.image.connected_components(tf.constant(mask))
print("cc ops", len(g.get_operations()) - n0, cc.dtype.name, cc.shape, cc.op.name)
cc1 = tf.contrib.image.connected_components(tf.constant(mask[0].astype(np.float32)))
tp = tf.constant(rs.rand(2, 5, 2).astype(np.float32))
tvv = tf.constant(rs.randn(2, 5, 1).astype(np.float32))
qp = tf.constant(rs.rand(2, 4, 2).astype(np.float32))
sp1 = tf.contrib.image.interpolate_spline(tp, tvv, qp, order=1)
n0 = len(g.get_operations())
sp2 = tf.contrib.image.interpolate_spline(tp, tvv, qp, order=2, regularization_weight=0.01)
print("spline ops", len(g.get_operations()) - n0)
img = tf.constant(rs.rand(1, 8, 8, 2).astype(np.float32))
src = tf.constant([[[2.0, 2.0], [5.0, 4.0]]], tf.float32)
dst = tf.constant([[[2.5, 3.0], [4.5, 4.0]]], tf.float32)
n0 = len(g.get_operations())
warped, flow = tf.contrib.image.sparse_image_warp(img, src, dst, interpolation_order=2,
                                                  num_boundary_points=1)
print("sparse warp ops", len(g.get_operations()) - n0, warped.shape, flow.shape)
gimg = tf.gradients(tf.reduce_sum(warped * warped), img)[0]
with tf.Session() as sess:
    r = sess.run({"cc": cc, "cc1": cc1, "sp1": sp1, "sp2": sp2,
                  "w": warped, "f": flow, "g": gimg})
    print("cc", r["cc"].tolist())
    print("cc1", r["cc1"].tolist())
    print("sp1", [repr(float(v)) for v in r["sp1"].ravel()])
    print("sp2", [repr(float(v)) for v in r["sp2"].ravel()])
    print("warped", H(r["w"]), repr(float(r["w"][0, 3, 3, 1])))
    print("flow", H(r["f"]), repr(float(r["f"][0, 3, 2, 0])))
    print("gimg", H(r["g"]), repr(float(r["g"].sum())))
