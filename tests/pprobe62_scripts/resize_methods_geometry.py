"""tf.image geometry as image repositories call it: resize_images with every ResizeMethod,
align_corners False / True, on uint8 and float32 3-D and 4-D images (the result dtypes and
values), preserve_aspect_ratio, resize to a tensor size; pad_to_bounding_box,
crop_to_bounding_box, central_crop, rot90 with k = 0..3 and a tensor k, transpose_image,
flip_left_right / up_down, adjust_gamma and total_variation; the op types each creates and
the errors TF raises for bad arguments."""
import numpy as np
import tensorflow as tf

np.random.seed(9)
u8 = np.random.randint(0, 256, size=(2, 5, 7, 3)).astype(np.uint8)
f32 = (np.random.rand(5, 7, 1) * 4).astype(np.float32)
M = tf.image.ResizeMethod
graph = tf.get_default_graph()


def new_ops(fn):
    before = len(graph.get_operations())
    out = fn()
    return out, [op.type for op in graph.get_operations()[before:]]


results = []
for name, method in [("bilinear", M.BILINEAR), ("nearest", M.NEAREST_NEIGHBOR),
                     ("bicubic", M.BICUBIC), ("area", M.AREA)]:
    for ac in (False, True):
        if method == M.AREA and ac:
            continue
        r, types = new_ops(lambda: tf.image.resize_images(u8, [4, 9], method=method,
                                                          align_corners=ac))
        print(name, ac, r.dtype.name, r.shape, types)
        rf, _ = new_ops(lambda: tf.image.resize_images(f32, [3, 4], method=method,
                                                       align_corners=ac))
        results.append((name, ac, r, rf))
pa, types = new_ops(lambda: tf.image.resize_images(f32, [10, 10], preserve_aspect_ratio=True))
print("preserve", pa.shape, types)
size_t = tf.placeholder(tf.int32, [2])
dyn = tf.image.resize_images(f32, size_t)
print("dynamic size", dyn.shape)
pad, types = new_ops(lambda: tf.image.pad_to_bounding_box(f32, 1, 2, 8, 10))
print("pad", pad.shape, types)
crop = tf.image.crop_to_bounding_box(u8, 1, 2, 3, 4)
print("crop", crop.shape)
cc = tf.image.central_crop(f32, 0.6)
print("central", cc.shape)
rots = [tf.image.rot90(u8, k=k) for k in range(4)]
print("rot90", [r.shape for r in rots])
kt = tf.placeholder(tf.int32, [])
rot_t = tf.image.rot90(f32, k=kt)
print("rot90 tensor k", rot_t.shape)
tr = tf.image.transpose_image(u8)
print("transpose", tr.shape)
gam, types = new_ops(lambda: tf.image.adjust_gamma(f32, gamma=0.5, gain=1.5))
print("gamma", types)
tv, types = new_ops(lambda: tf.image.total_variation(tf.constant(u8.astype(np.float32))))
print("tv", tv.shape, types)
tv3 = tf.image.total_variation(tf.constant(f32))

with tf.Session() as sess:
    for name, ac, r, rf in results:
        a, b = sess.run([r, rf])
        print(name, ac, a.reshape(-1)[:6].tolist(), repr(float(a.astype(np.float64).sum())),
              [repr(float(v)) for v in b.reshape(-1)[:5]])
    print("preserve", sess.run(pa).shape)
    print("dynamic", [repr(float(v)) for v in sess.run(dyn, {size_t: [2, 3]}).reshape(-1)])
    print("pad", sess.run(pad)[:, :, 0].tolist())
    print("crop", sess.run(crop)[1, :, :, 2].tolist())
    print("central", [repr(float(v)) for v in sess.run(cc).reshape(-1)])
    print("rots", [sess.run(r)[0, :, :, 0].reshape(-1)[:5].tolist() for r in rots])
    print("rot k=3", [repr(float(v)) for v in sess.run(rot_t, {kt: 3})[:, :, 0].reshape(-1)])
    print("transpose", sess.run(tr)[1, :, :, 1].reshape(-1)[:6].tolist())
    print("gamma", [repr(float(v)) for v in sess.run(gam).reshape(-1)[:6]])
    print("tv", sess.run(tv).tolist(), repr(float(sess.run(tv3))))

for desc, fn in [
        ("pad negative offset", lambda: tf.image.pad_to_bounding_box(f32, -1, 0, 8, 10)),
        ("pad too small", lambda: tf.image.pad_to_bounding_box(f32, 0, 0, 4, 10)),
        ("crop too large", lambda: tf.image.crop_to_bounding_box(f32, 0, 0, 6, 7)),
        ("central fraction 0", lambda: tf.image.central_crop(f32, 0.0)),
        ("central fraction 1.5", lambda: tf.image.central_crop(f32, 1.5)),
        ("resize 2-D", lambda: tf.image.resize_images(np.zeros((4, 4), np.float32), [2, 2])),
        ("resize bad size", lambda: tf.image.resize_images(f32, [2, 2, 2])),
        ("random_crop rank", lambda: tf.random_crop(f32, [2, 2])),
        ("rot90 2-D", lambda: tf.image.rot90(np.zeros((3, 3), np.float32))),
        ("tv 2-D", lambda: tf.image.total_variation(tf.zeros([3, 3])))]:
    try:
        fn()
        print(desc, "no error")
    except Exception as e:
        print(desc, type(e).__name__, e)
print("ops", len(graph.get_operations()))
