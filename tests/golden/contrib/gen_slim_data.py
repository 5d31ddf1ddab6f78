"""TF 1.14's slim data pipeline: tfexample_decoder's handlers (Image of PNG and raw
bytes, Tensor with shape keys, BoundingBox, SparseTensor, BackupHandler, callbacks)
decoding Examples, and a slim Dataset read by DatasetDataProvider (parallel_read
through a filename queue and a common FIFO queue) inside slim.queues.QueueRunners.
tests/test_slim_data.py runs the same programs with flowgrad."""
from __future__ import absolute_import

import os
import shutil
import struct
import tempfile
import zlib

import numpy as np


def _png(pixels):
    """PNG bytes of a uint8 [h, w, 3] image (filter 0 rows), so both sides decode them."""
    h, w, _ = pixels.shape
    raw = b"".join(b"\0" + pixels[r].tobytes() for r in range(h))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _records(tf):
    rng = np.random.RandomState(3)
    out = []
    for i in range(4):
        img = rng.randint(0, 256, (2, 3, 3)).astype(np.uint8)
        raw = i % 2 == 1
        f = {
            "image/encoded": [img.tobytes() if raw else _png(img)],
            "image/format": [b"raw" if raw else b"png"],
            "label": [i],
            "dims": [2, i + 1],
            "values": [float(v) for v in range(2 * (i + 1))],
            "bbox/ymin": [0.1 * i], "bbox/xmin": [0.2], "bbox/ymax": [0.5], "bbox/xmax": [0.9],
            "ids": [k for k in range(i)], "weights": [0.5 * k for k in range(i)],
            "text": [("t%d" % i).encode()],
        }
        if i != 2:
            f["main"] = [float(i)] * 2
        feats = {}
        for k, v in f.items():
            if not v:
                continue   # an absent feature: the VarLenFeature is empty
            if isinstance(v[0], bytes):
                feats[k] = tf.train.Feature(bytes_list=tf.train.BytesList(value=v))
            elif isinstance(v[0], float):
                feats[k] = tf.train.Feature(float_list=tf.train.FloatList(value=v))
            else:
                feats[k] = tf.train.Feature(int64_list=tf.train.Int64List(value=v))
        out.append(tf.train.Example(features=tf.train.Features(feature=feats))
                   .SerializeToString())
    return out


def _decoder(tf):
    slim = tf.contrib.slim
    td = slim.tfexample_decoder
    keys = {
        "image/encoded": tf.FixedLenFeature((), tf.string, default_value=""),
        "image/format": tf.FixedLenFeature((), tf.string, default_value="png"),
        "label": tf.FixedLenFeature([1], tf.int64),
        "dims": tf.VarLenFeature(tf.int64),
        "values": tf.VarLenFeature(tf.float32),
        "bbox/ymin": tf.VarLenFeature(tf.float32), "bbox/xmin": tf.VarLenFeature(tf.float32),
        "bbox/ymax": tf.VarLenFeature(tf.float32), "bbox/xmax": tf.VarLenFeature(tf.float32),
        "ids": tf.VarLenFeature(tf.int64), "weights": tf.VarLenFeature(tf.float32),
        "text": tf.FixedLenFeature((), tf.string),
        "main": tf.VarLenFeature(tf.float32),
    }
    items = {
        "image": td.Image(shape=[2, 3, 3]),
        "label": td.Tensor("label"),
        "matrix": td.Tensor("values", shape_keys="dims"),
        "bbox": td.BoundingBox(prefix="bbox/"),
        "sparse": td.SparseTensor("ids", "weights", shape=[4], densify=True),
        "backup": td.BackupHandler(td.Tensor("main"), td.Tensor("values")),
        "text_len": td.ItemHandlerCallback("text", lambda d: tf.strings.length(d["text"])),
    }
    return td.TFExampleDecoder(keys, items)


def _plain(v):
    return v.tolist() if hasattr(v, "tolist") else v


def decode(tf):
    with tf.Graph().as_default():
        dec = _decoder(tf)
        s = tf.placeholder(tf.string, [])
        items = sorted(dec.list_items())
        out = dec.decode(s, items)
        got = {"items": items, "shapes": [str(t.shape) for t in out],
               "dtypes": [t.dtype.name for t in out], "values": []}
        with tf.Session() as sess:
            for rec in _records(tf):
                got["values"].append([_plain(v) for v in sess.run(out, {s: rec})])
    return got


def provider(tf):
    slim = tf.contrib.slim
    d = tempfile.mkdtemp()
    try:
        for part in range(2):
            with tf.python_io.TFRecordWriter(os.path.join(d, "r-%d.tfrecord" % part)) as w:
                for rec in _records(tf)[2 * part:2 * part + 2]:
                    w.write(rec)
        with tf.Graph().as_default():
            ds = slim.dataset.Dataset(
                data_sources=os.path.join(d, "r-*.tfrecord"), reader=tf.TFRecordReader,
                decoder=_decoder(tf), num_samples=4, items_to_descriptions={"image": "img"},
                num_classes=4)
            prov = slim.dataset_data_provider.DatasetDataProvider(
                ds, num_readers=1, shuffle=False, num_epochs=1, common_queue_capacity=8,
                common_queue_min=2)
            image, label, key = prov.get(["image", "label", "record_key"])
            out = {"num_samples": prov.num_samples(), "num_classes": ds.num_classes,
                   "items": sorted(prov.list_items()),
                   "runners": [r.name for r in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)],
                   "summaries": [t.name for t in tf.get_collection(tf.GraphKeys.SUMMARIES)],
                   "rows": []}
            try:
                prov.get("image")
            except ValueError as e:
                out["not_a_list"] = str(e)
            try:
                prov.get(["nope"])
            except ValueError as e:
                out["unknown"] = str(e).split(" Valid")[0]
            with tf.Session() as sess:
                sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
                with slim.queues.QueueRunners(sess):
                    for _ in range(5):
                        try:
                            im, lb, k = sess.run([image, label, key])
                        except tf.errors.OutOfRangeError as e:
                            out["rows"].append(type(e).__name__)
                            break
                        out["rows"].append([im.tolist(), lb.tolist(),
                                            os.path.basename(k.decode())])
        return out
    finally:
        shutil.rmtree(d)


def cases(tf):
    return {"decode": decode(tf), "provider": provider(tf)}
