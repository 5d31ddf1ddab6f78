"""Mixing and stateful transformations in a multi-source input pipeline: list_files with a
seeded shuffle and per-worker shard, sample_from_datasets (weights, seed) and
choose_from_datasets, tf.data.experimental.scan (a running count and sum),
group_by_reducer, enumerate_dataset, ignore_errors after a failing check_numerics map,
Dataset.reduce, rejection_resample toward a uniform class mix (seeded); every element."""

import os
import tempfile
import numpy as np
import tensorflow as tf

tf.set_random_seed(97)
d = tempfile.mkdtemp()
for k in range(6):
    with open(os.path.join(d, "f%d.txt" % k), "w") as f:
        f.write("\n".join("%d" % (10 * k + i) for i in range(k % 3 + 1)) + "\n")
g = tf.get_default_graph()
files = tf.data.Dataset.list_files(os.path.join(d, "*.txt"), shuffle=True, seed=3)
worker = files.shard(2, 0).flat_map(tf.data.TextLineDataset).map(
    lambda s: tf.strings.to_number(s, tf.int64))
a = tf.data.Dataset.range(0, 100, 10)
b = tf.data.Dataset.range(1000, 1100, 7)
c = tf.data.Dataset.from_tensors(np.int64(-1)).repeat()
mixed = tf.data.experimental.sample_from_datasets([a, b, c], weights=[0.5, 0.3, 0.2], seed=8)
chosen = tf.data.experimental.choose_from_datasets(
    [a, b], tf.data.Dataset.from_tensor_slices(tf.constant([0, 1, 1, 0, 1], tf.int64)))
scanned = tf.data.Dataset.range(1, 8).apply(tf.data.experimental.scan(
    (tf.constant(0, tf.int64), tf.constant(0.0)),
    lambda st, x: ((st[0] + 1, st[1] + tf.cast(x, tf.float32)),
                   (st[0] + 1, (st[1] + tf.cast(x, tf.float32)) / tf.cast(st[0] + 1, tf.float32)))))
reducer = tf.data.experimental.Reducer(
    init_func=lambda k: (tf.constant(0, tf.int64), tf.constant(0, tf.int64)),
    reduce_func=lambda st, x: (st[0] + 1, st[1] + x),
    finalize_func=lambda n, s: (n, s))
grouped = tf.data.Dataset.range(20).apply(
    tf.data.experimental.group_by_reducer(lambda x: x % 3, reducer))
enum = tf.data.Dataset.from_tensor_slices(["x", "y", "z"]).apply(
    tf.data.experimental.enumerate_dataset(start=5))
vals = tf.data.Dataset.from_tensor_slices(np.array([1.0, np.inf, 2.0, np.nan, 3.0], np.float32))
clean = vals.map(lambda v: tf.debugging.check_numerics(v, "bad value")).apply(
    tf.data.experimental.ignore_errors())
total = tf.data.Dataset.range(10).reduce(np.int64(0), lambda s, x: s + x * x)
labels = tf.data.Dataset.range(60).map(lambda i: (i, tf.cast(i % 5 < 3, tf.int32)))
resampled = labels.apply(tf.data.experimental.rejection_resample(
    lambda i, y: y, target_dist=[0.5, 0.5], initial_dist=[0.4, 0.6], seed=11))
print(len(g.get_operations()))
print(mixed.output_shapes, scanned.output_types, grouped.output_types, enum.output_types,
      resampled.output_types)


def all_of(s, ds, limit=40):
    nxt = ds.make_one_shot_iterator().get_next()
    out = []
    for _ in range(limit):
        try:
            out.append(s.run(nxt))
        except tf.errors.OutOfRangeError:
            break
    return out


with tf.Session() as s:
    print("worker", [int(v) for v in all_of(s, worker)])
    print("mixed", [int(v) for v in all_of(s, mixed, 25)])
    print("chosen", [int(v) for v in all_of(s, chosen)])
    print("scan", [(int(n), repr(float(m))) for n, m in all_of(s, scanned)])
    print("grouped", sorted((int(n), int(t)) for n, t in all_of(s, grouped)))
    print("enum", [(int(i), v) for i, v in all_of(s, enum)])
    print("clean", [float(v) for v in all_of(s, clean)])
    print("total", s.run(total))
    rs = all_of(s, resampled, 30)
    print("resampled", [(int(y), int(i), int(y2)) for y, (i, y2) in rs])
    print(len(g.get_operations()))
