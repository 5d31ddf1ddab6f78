"""Segmentation-style evaluation: a tiny conv net's per-pixel argmax scored over batches with
mean_iou and mean_per_class_accuracy (weights masking an ignore label), accuracy, the
confusion-matrix total variables read back, and tf.confusion_matrix per batch; reset and
second pass."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(3831)
rs = np.random.RandomState(3832)
C = 4
img = tf.placeholder(tf.float32, [None, 6, 6, 2])
seg = tf.placeholder(tf.int32, [None, 6, 6])
h = tf.layers.conv2d(img, C, 3, padding="same",
                     kernel_initializer=tf.glorot_uniform_initializer(seed=4))
pred = tf.argmax(h, -1, output_type=tf.int32)
valid = tf.not_equal(seg, 255)
lab = tf.where(valid, seg, tf.zeros_like(seg))
wt = tf.cast(valid, tf.float32)
fl, fp, fw = tf.reshape(lab, [-1]), tf.reshape(pred, [-1]), tf.reshape(wt, [-1])
miou, miou_up = tf.metrics.mean_iou(fl, fp, C, weights=fw)
miou2, miou2_up = tf.metrics.mean_iou(fl, fp, C, name="plain_iou")
mpca, mpca_up = tf.metrics.mean_per_class_accuracy(fl, fp, C, weights=fw)
acc, acc_up = tf.metrics.accuracy(fl, fp, weights=fw)
cm = tf.confusion_matrix(fl, fp, C, weights=fw)
upd = tf.group(miou_up, miou2_up, mpca_up, acc_up)
print(len(tf.get_default_graph().get_operations()))
print(sorted(v.name for v in tf.local_variables()))
print(miou.name, miou_up.name, mpca.name, mpca_up.name, cm.name, upd.name)
lv = {v.name: v for v in tf.local_variables()}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for rnd in range(2):
        s.run(tf.local_variables_initializer())
        for b in range(3):
            Im = rs.randn(2, 6, 6, 2).astype(np.float32)
            S = rs.randint(0, C, (2, 6, 6)).astype(np.int32)
            S[rs.rand(2, 6, 6) < 0.15] = 255
            r = s.run([upd, miou_up, mpca_up, cm], {img: Im, seg: S})
            print(rnd, b, repr(r[1].tolist()), repr(r[2].tolist()), repr(r[3].tolist()))
        print(repr(s.run(miou).item()), repr(s.run(miou2).item()), repr(s.run(mpca).item()),
              repr(s.run(acc).item()))
        for n in sorted(lv):
            print(n, repr(s.run(lv[n]).tolist()))
