"""The dtype and shape corners of a vision input function: colour adjustments on uint8,
float16 and float64 images (adjust_brightness/contrast/saturation/hue/gamma, random_hue on
uint8), convert_image_dtype between every integer width and floats (saturate on and
off), resize_images of uint8/int32/float16/float64 inputs with each method (dtype of the
result), rot90 with a tensor k, transpose_image, resize_image_with_crop_or_pad and
central_crop on a dynamically shaped batch, and the errors TF raises for bad arguments."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


tf.set_random_seed(1471)
rs = np.random.RandomState(1472)
u8 = rs.randint(0, 256, size=(2, 6, 7, 3)).astype(np.uint8)
f = u8.astype(np.float32) / 255.
outs = {}
for name, arr in (("u8", u8), ("f16", f.astype(np.float16)), ("f64", f.astype(np.float64))):
    t = tf.constant(arr)
    outs[name + "_bright"] = tf.image.adjust_brightness(t, 0.1)
    if name != "f16":   # (float16: contrast_half_xla_cpu.py)
        outs[name + "_contrast"] = tf.image.adjust_contrast(t, 1.7)
    outs[name + "_sat"] = tf.image.adjust_saturation(t, 0.4)
    outs[name + "_hue"] = tf.image.adjust_hue(t, -0.3)
    outs[name + "_gamma"] = tf.image.adjust_gamma(t, 0.8, 1.1)
outs["u8_rhue"] = tf.image.random_hue(tf.constant(u8), 0.25, seed=3)
outs["u8_rsat"] = tf.image.random_saturation(tf.constant(u8), 0.2, 1.8, seed=4)
src = {"uint8": u8, "uint16": u8.astype(np.uint16) * 257, "int8": (u8 // 2).astype(np.int8),
       "int16": u8.astype(np.int16) * 128, "int32": u8.astype(np.int32) * 8421504}
for sname, arr in sorted(src.items()):
    t = tf.constant(arr)
    for dst in (tf.uint8, tf.int16, tf.int32, tf.float32, tf.float64):
        outs["cvt_%s_%s" % (sname, dst.name)] = tf.image.convert_image_dtype(t, dst)
big = tf.constant(f * 1.4 - 0.2)
for dst in (tf.uint8, tf.int16, tf.int32):
    outs["sat_" + dst.name] = tf.image.convert_image_dtype(big, dst, saturate=True)
    outs["nosat_" + dst.name] = tf.image.convert_image_dtype(big * 0.5 + 0.25, dst)
for dt in (tf.uint8, tf.int32, tf.float16, tf.float64):
    t = tf.cast(tf.constant(u8), dt)
    for m in range(4):
        r = tf.image.resize_images(t, [4, 9], method=m)
        outs["rs_%s_%d" % (dt.name, m)] = r
k = tf.placeholder(tf.int32, [])
rot = tf.image.rot90(tf.constant(u8), k)
tr = tf.image.transpose_image(tf.constant(u8))
dyn = tf.placeholder(tf.float32, [None, None, None, 3])
cp = tf.image.resize_image_with_crop_or_pad(dyn, 5, 9)
cc = tf.image.central_crop(dyn, 0.6)
print("ops", len(tf.get_default_graph().get_operations()))
print("dtypes", sorted((n, o.dtype.name) for n, o in outs.items() if n.startswith("rs_")))
print("static", rot.shape, tr.shape, cp.shape, cc.shape)
for fn in (lambda: tf.image.random_contrast(tf.constant(f), 0.9, 0.5),
           lambda: tf.image.random_saturation(tf.constant(f), -0.1, 0.5),
           lambda: tf.image.central_crop(tf.constant(f), 1.5),
           lambda: tf.image.random_brightness(tf.constant(f), -0.1),
           lambda: tf.image.resize_image_with_crop_or_pad(tf.constant(f), 0, 4),
           lambda: tf.image.random_hue(tf.constant(f), 0.7),
           lambda: tf.image.adjust_gamma(tf.constant(f), -1.0),
           lambda: tf.image.resize_images(tf.constant(f), [3])):
    try:
        fn()
        print("no error")
    except Exception as e:  # noqa: BLE001
        print(type(e).__name__, str(e).splitlines()[0][:120])

with tf.Session() as sess:
    names = sorted(outs)
    vals = sess.run([outs[n] for n in names])
    for n, v in zip(names, vals):
        print(n, h(v))
    print("f64_hue", [repr(float(v)) for v in vals[names.index("f64_hue")][0, 0, 0]])
    for kk in (1, 2, -1, 7):
        print("rot", kk, h(sess.run(rot, {k: kk})))
    print("tr", h(sess.run(tr)))
    for shape in ((2, 3, 4, 3), (1, 8, 12, 3)):
        a = rs.uniform(size=shape).astype(np.float32)
        c1, c2 = sess.run([cp, cc], {dyn: a})
        print("dyn", shape, h(c1), h(c2))
