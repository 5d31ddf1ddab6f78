"""Input-pipeline workloads (issue 12), written once against the TF 1.x API and run by
bench/peers.py on flowgrad and on TensorFlow's compat.v1 graph mode.

  W6  from_tensor_slices of 60k 28x28 float32 images (fed at the initializer) ->
      shuffle(10k, seed) -> map(normalize, num_parallel_calls=4) -> batch(128) ->
      prefetch(1): time to the first batch (graph build + init + first get_next),
      microseconds per element over one epoch, and one SGD step of a 784-128-10 MLP fed
      by the pipeline (ms per step).
  W7  TFRecord read + parse_example: 20k tf.train.Examples (784 floats + an int64 label)
      in one file -> TFRecordDataset -> batch(128) -> map(parse_example) -> prefetch(1):
      time to first batch and microseconds per element over one epoch. Variant "single":
      TFRecordDataset -> map(parse_single_example) -> batch(128) -> prefetch(1).
"""
from __future__ import annotations

import os
import tempfile
import time

import numpy as np

N_IMAGES = 60000
N_RECORDS = 20000
BATCH = 128


def _images():
    rs = np.random.RandomState(0)
    x = rs.randint(0, 256, size=(N_IMAGES, 28, 28)).astype(np.float32)
    y = rs.randint(0, 10, size=N_IMAGES).astype(np.int64)
    return x, y


def _drain(sess, op, limit=None):
    n = 0
    while limit is None or n < limit:
        try:
            sess.run(op)
        except Exception as e:  # noqa: BLE001 - OutOfRangeError of either framework
            if type(e).__name__ == "OutOfRangeError":
                return n
            raise
        n += 1
    return n


def w6(tf, quick=False):
    x, y = _images()
    t0 = time.perf_counter()
    g = tf.Graph()
    with g.as_default():
        xp = tf.placeholder(tf.float32, [None, 28, 28])
        yp = tf.placeholder(tf.int64, [None])
        ds = tf.data.Dataset.from_tensor_slices((xp, yp)).shuffle(10000, seed=1)
        ds = ds.map(lambda im, lab: (tf.reshape(im, [784]) / 255.0 - 0.5, lab),
                    num_parallel_calls=4).batch(BATCH).prefetch(1)
        it = ds.make_initializable_iterator()
        images, labels = it.get_next()
        rs = np.random.RandomState(1)
        w1 = tf.Variable((rs.randn(784, 128) * 0.05).astype(np.float32))
        w2 = tf.Variable((rs.randn(128, 10) * 0.05).astype(np.float32))
        h = tf.nn.relu(tf.matmul(images, w1))
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=labels, logits=tf.matmul(h, w2)))
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(it.initializer, {xp: x, yp: y})
            sess.run(images)
            first = time.perf_counter() - t0
            # elements per second: one epoch of the bare pipeline
            sess.run(it.initializer, {xp: x, yp: y})
            t1 = time.perf_counter()
            n = _drain(sess, images, 100 if quick else None)
            elem = (time.perf_counter() - t1) / max(1, n * BATCH)
            # training steps fed by the pipeline
            sess.run(it.initializer, {xp: x, yp: y})
            steps = 30 if quick else 200
            sess.run(train)
            t2 = time.perf_counter()
            for _ in range(steps):
                sess.run(train)
            step = (time.perf_counter() - t2) / steps
    return {"first_s": first, "elem_s": elem, "step_s": step,
            "elements_per_s": 1.0 / elem, "steps_per_s": 1.0 / step}


def _write_records(tf, path, n):
    rs = np.random.RandomState(2)
    with tf.python_io.TFRecordWriter(path) as w:
        for i in range(n):
            ex = tf.train.Example(features=tf.train.Features(feature={
                "image": tf.train.Feature(float_list=tf.train.FloatList(
                    value=rs.rand(784).astype(np.float32))),
                "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[i % 10]))}))
            w.write(ex.SerializeToString())


def w7(tf, quick=False, single=False):
    d = tempfile.mkdtemp()
    path = os.path.join(d, "examples.tfrecord")
    n = 3000 if quick else N_RECORDS
    _write_records(tf, path, n)
    try:
        t0 = time.perf_counter()
        g = tf.Graph()
        with g.as_default():
            spec = {"image": tf.FixedLenFeature([784], tf.float32),
                    "label": tf.FixedLenFeature([], tf.int64)}
            if single:      # map(parse_single_example) -> batch: TF 1.14 users' other form
                ds = tf.data.TFRecordDataset(path).map(
                    lambda s: tf.parse_single_example(s, spec)).batch(BATCH).prefetch(1)
            else:
                ds = tf.data.TFRecordDataset(path).batch(BATCH).map(
                    lambda s: tf.parse_example(s, spec)).prefetch(1)
            it = ds.make_initializable_iterator()
            nxt = it.get_next()
            with tf.Session() as sess:
                sess.run(it.initializer)
                sess.run(nxt)
                first = time.perf_counter() - t0
                sess.run(it.initializer)
                t1 = time.perf_counter()
                batches = _drain(sess, nxt)
                elem = (time.perf_counter() - t1) / max(1, n)
        return {"first_s": first, "elem_s": elem, "elements_per_s": 1.0 / elem,
                "batches": batches}
    finally:
        os.remove(path)
        os.rmdir(d)


N_FIXED = 20000
FIXED_SHAPE = (28, 28)


def _write_fixed(path, n):
    """CIFAR-style fixed-length records: one label byte, then the 28x28 uint8 image."""
    rs = np.random.RandomState(3)
    labels = (np.arange(n) % 10).astype(np.uint8)[:, None]
    images = rs.randint(0, 256, size=(n, FIXED_SHAPE[0] * FIXED_SHAPE[1])).astype(np.uint8)
    with open(path, "wb") as f:
        f.write(np.concatenate([labels, images], axis=1).tobytes())


def w8(tf, quick=False):
    """Queue pipeline: string_input_producer -> FixedLengthRecordReader -> decode_raw ->
    cast/reshape/normalize -> shuffle_batch(128, capacity 2000, min_after_dequeue 1000,
    2 threads), driven by QueueRunners and a Coordinator: time to the first batch and
    microseconds per element over `steps` batches."""
    d = tempfile.mkdtemp()
    paths = [os.path.join(d, "data_%d.bin" % i) for i in range(2)]
    n = 3000 if quick else N_FIXED
    for p in paths:
        _write_fixed(p, n // 2)
    record = 1 + FIXED_SHAPE[0] * FIXED_SHAPE[1]
    steps = 20 if quick else 150
    try:
        t0 = time.perf_counter()
        g = tf.Graph()
        with g.as_default():
            files = tf.train.string_input_producer(paths, seed=1)
            _, value = tf.FixedLengthRecordReader(record_bytes=record).read(files)
            raw = tf.decode_raw(value, tf.uint8)
            label = tf.cast(tf.strided_slice(raw, [0], [1]), tf.int32)
            image = tf.reshape(tf.strided_slice(raw, [1], [record]), FIXED_SHAPE)
            image = tf.cast(image, tf.float32) / 255.0 - 0.5
            images, labels = tf.train.shuffle_batch(
                [image, tf.reshape(label, [])], batch_size=BATCH, capacity=2000,
                min_after_dequeue=1000, num_threads=2, seed=2)
            with tf.Session() as sess:
                coord = tf.train.Coordinator()
                threads = tf.train.start_queue_runners(sess=sess, coord=coord)
                sess.run(images)
                first = time.perf_counter() - t0
                t1 = time.perf_counter()
                for _ in range(steps):
                    sess.run([images, labels])
                elem = (time.perf_counter() - t1) / (steps * BATCH)
                coord.request_stop()
                coord.join(threads, stop_grace_period_secs=10)
        return {"first_s": first, "elem_s": elem, "elements_per_s": 1.0 / elem}
    finally:
        for p in paths:
            os.remove(p)
        os.rmdir(d)
