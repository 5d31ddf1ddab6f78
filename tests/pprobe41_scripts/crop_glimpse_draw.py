"""Region ops around a warping pipeline: crop_and_resize (bilinear with boxes flipped and out of
range, an extrapolation_value, nearest) and its gradients with respect to the image and the
boxes; extract_glimpse un-normalised and un-centred (windows inside the image: TF fills the
rest with unseeded noise; an offset truncated toward 0); draw_bounding_boxes with one and two
boxes per image (some degenerate or flipped); sample_distorted_bounding_box_v2 seeded with
several boxes and a tensor min_object_covered, its crop fed through contrib.image.transform
with an output_shape; op counts, values at full precision."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(23)
rs = np.random.RandomState(23)
g = tf.get_default_graph()
img = tf.constant(rs.rand(2, 10, 12, 3).astype(np.float32), name="img")
boxes = tf.Variable([[0.1, 0.2, 0.7, 0.9], [0.8, 0.6, 0.2, 0.1], [-0.2, 0.3, 0.5, 1.3]],
                    name="boxes")
box_ind = tf.constant([0, 1, 1])
n0 = len(g.get_operations())
crops = tf.image.crop_and_resize(img, boxes, box_ind, [5, 4], extrapolation_value=-1.0)
print("crop ops", len(g.get_operations()) - n0, crops.op.type, crops.shape)
near = tf.image.crop_and_resize(img, boxes, box_ind, [3, 3], method="nearest")
loss = tf.reduce_sum(tf.square(crops - 0.3) * tf.reshape(tf.range(1., 4.), [3, 1, 1, 1]))
n0 = len(g.get_operations())
gimg, gbox = tf.gradients(loss, [img, boxes])
print("grad ops", sorted(o.type for o in g.get_operations()[n0:] if "CropAndResize" in o.type))
gl = tf.image.extract_glimpse(img, [4, 5], tf.constant([[1.5, 2.5], [6.0, 9.7]]),
                              centered=False, normalized=False, uniform_noise=False)
drawn = tf.image.draw_bounding_boxes(img, tf.constant([[[0.1, 0.1, 0.6, 0.5]],
                                                       [[0.3, 0.2, 0.9, 0.95]]]))
drawn2 = tf.image.draw_bounding_boxes(
    img * 2.0, tf.constant([[[0.0, 0.0, 1.0, 1.0], [0.2, 0.3, 0.2, 0.9]],
                            [[0.25, 0.5, 0.75, 0.75], [0.9, 0.9, 0.1, 0.1]]]))
moc = tf.placeholder_with_default(0.3, [], name="moc")
begin, size, bbox = tf.image.sample_distorted_bounding_box(
    [10, 12, 3], tf.constant([[[0.1, 0.1, 0.5, 0.6], [0.4, 0.3, 0.9, 0.8]]]),
    seed=4, min_object_covered=moc, aspect_ratio_range=[0.5, 2.0], area_range=[0.2, 0.9],
    max_attempts=50)
print("sdbb", begin.op.type, begin.op.name)
crop = tf.slice(img[0], begin, size)
tr = tf.contrib.image.transform(crop[None], [1.0, 0.2, -1.0, 0.1, 0.9, 0.5, 0.01, 0.0],
                                interpolation="BILINEAR", output_shape=[6, 7])
opt = tf.train.GradientDescentOptimizer(0.01).minimize(loss, var_list=[boxes])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r = sess.run({"c": crops, "n": near, "gi": gimg, "gb": gbox, "gl": gl, "d": drawn,
                  "d2": drawn2})
    print("crops", H(r["c"]), repr(float(r["c"][2, 0, 0, 0])), repr(float(r["c"][1, 4, 3, 2])))
    print("near", H(r["n"]))
    print("gimg", H(r["gi"]), repr(float(r["gi"].sum())))
    print("gbox", [repr(float(v)) for v in r["gb"].ravel()])
    print("glimpse", H(r["gl"]), repr(float(r["gl"][1, 0, 0, 0])))
    print("drawn", H(r["d"]), "drawn2", H(r["d2"]))
    for i in range(3):
        b, s, bb, t = sess.run([begin, size, bbox, tr])
        print("sample", b.tolist(), s.tolist(), [repr(float(v)) for v in bb.ravel()], H(t))
    b, s = sess.run([begin, size], {moc: 0.9})
    print("moc 0.9", b.tolist(), s.tolist())
    for step in range(3):
        lv, _ = sess.run([loss, opt])
        print(step, repr(float(lv)))
    print("boxes", [repr(float(v)) for v in sess.run(boxes).ravel()])
