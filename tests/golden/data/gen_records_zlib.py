"""TF 1.14's compressed TFRecord files under TFRecordOptions' zlib knobs (flush_mode, the
buffer sizes, window_bits, compression_level/method, mem_level, compression_strategy):
the bytes its writer makes (also after flush()), what its readers (tf_record_iterator,
TFRecordReader(options=...), TFRecordDataset) return for them, and its errors.
tests/test_records_zlib.py checks flowgrad writes the same bytes and reads TF's."""
from __future__ import absolute_import

import os
import shutil
import tempfile
import zlib

RECORDS = [b"", b"hello", bytes(bytearray(range(256))) * 2, b"x" * 1000,
           bytes(bytearray(range(7))) * 40, b"tail record"]

OPTIONS = {
    "gzip": dict(compression_type="GZIP"),
    "zlib_type_enum": dict(compression_type=1),
    "zlib_wbits10": dict(compression_type="ZLIB", window_bits=10),
    "gzip_wbits10": dict(compression_type="GZIP", window_bits=10),
    "gzip_wbits25": dict(compression_type="GZIP", window_bits=25),
    "zlib_wbits9": dict(compression_type="ZLIB", window_bits=9),
    "zlib_level0": dict(compression_type="ZLIB", compression_level=0),
    "zlib_level9_mem1_huffman": dict(compression_type="ZLIB", compression_level=9, mem_level=1,
                                     compression_strategy=zlib.Z_HUFFMAN_ONLY),
    "gzip_level1_rle": dict(compression_type="GZIP", compression_level=1,
                            compression_strategy=zlib.Z_RLE),
    "gzip_filtered_mem3": dict(compression_type="GZIP", mem_level=3,
                               compression_strategy=zlib.Z_FILTERED),
    "zlib_sync_in100": dict(compression_type="ZLIB", flush_mode=zlib.Z_SYNC_FLUSH,
                            input_buffer_size=100),
    "zlib_full_in100": dict(compression_type="ZLIB", flush_mode=zlib.Z_FULL_FLUSH,
                            input_buffer_size=100),
    "zlib_partial_in64": dict(compression_type="ZLIB", flush_mode=zlib.Z_PARTIAL_FLUSH,
                              input_buffer_size=64),
    "gzip_block_in50": dict(compression_type="GZIP", flush_mode=zlib.Z_BLOCK,
                            input_buffer_size=50),
    "zlib_sync_in0": dict(compression_type="ZLIB", flush_mode=zlib.Z_SYNC_FLUSH,
                          input_buffer_size=0),
    "zlib_sync_in30_out900": dict(compression_type="ZLIB", flush_mode=zlib.Z_SYNC_FLUSH,
                                  input_buffer_size=30, output_buffer_size=900),
    "gzip_full_in40_out500": dict(compression_type="GZIP", flush_mode=zlib.Z_FULL_FLUSH,
                                  input_buffer_size=40, output_buffer_size=500),
    "zlib_nosync_in10_out3": dict(compression_type="ZLIB", input_buffer_size=10,
                                  output_buffer_size=3),
    "gzip_block_in20_out5": dict(compression_type="GZIP", flush_mode=zlib.Z_BLOCK,
                                 input_buffer_size=20, output_buffer_size=5),
    "none_knobs_ignored": dict(compression_type="", window_bits=3, flush_mode=7),
}


def write(tf, d, name, records=RECORDS):
    path = os.path.join(d, name + ".tfrecord")
    w = tf.io.TFRecordWriter(path, tf.io.TFRecordOptions(**OPTIONS[name]))
    for r in records:
        w.write(r)
    w.close()
    with open(path, "rb") as f:
        return f.read()


def flushing(tf, d, name):
    """The file's bytes after each flush() and after close()."""
    path = os.path.join(d, "flush_" + name + ".tfrecord")
    w = tf.io.TFRecordWriter(path, tf.io.TFRecordOptions(**OPTIONS[name]))
    out = []
    for batch in (RECORDS[:2], RECORDS[2:4], RECORDS[4:]):
        for r in batch:
            w.write(r)
        w.flush()
        with open(path, "rb") as f:
            out.append(f.read())
    w.close()
    with open(path, "rb") as f:
        out.append(f.read())
    return out


def _put(d, name, data):
    path = os.path.join(d, "in_" + name + ".tfrecord")
    with open(path, "wb") as f:
        f.write(data)
    return path


def read_iter(tf, d, name, data, options):
    return list(tf.io.tf_record_iterator(_put(d, name, data), options))


def read_reader(tf, d, name, data, options):
    path = _put(d, name, data)
    g = tf.Graph()
    with g.as_default():
        q = tf.FIFOQueue(4, tf.string)
        enq = q.enqueue_many([[path]])
        close = q.close()
        key, value = tf.TFRecordReader(options=options).read(q)
        out = []
        with tf.Session() as sess:
            sess.run(enq)
            sess.run(close)
            while True:
                try:
                    k, v = sess.run([key, value])
                except tf.errors.OutOfRangeError:
                    break
                out.append((k.replace(path.encode(), b"PATH"), v))
    return out


def read_dataset(tf, d, name, data, compression_type):
    path = _put(d, name, data)
    g = tf.Graph()
    with g.as_default():
        nxt = tf.data.TFRecordDataset(path, compression_type=compression_type) \
            .make_one_shot_iterator().get_next()
        out = []
        with tf.Session() as sess:
            while True:
                try:
                    out.append(sess.run(nxt))
                except tf.errors.OutOfRangeError:
                    break
    return out


def errors(tf, d):
    out = []
    for bad in ("BAD", 3, "gzip"):
        try:
            tf.io.TFRecordOptions(bad)
            out.append("no error")
        except ValueError as e:
            out.append(str(e))
        try:
            tf.io.TFRecordWriter(os.path.join(d, "e.tfrecord"), bad)
            out.append("no error")
        except ValueError as e:
            out.append(str(e))
        try:
            tf.TFRecordReader(options=bad)
            out.append("no error")
        except ValueError as e:
            out.append(str(e))
    out.append(tf.io.TFRecordOptions.get_compression_type_string(
        tf.io.TFRecordOptions(tf.io.TFRecordCompressionType.GZIP)))
    out.append(tf.io.TFRecordOptions.get_compression_type_string(None))
    return out


def bad_flush_mode(tf, d):
    """flush_mode 7 (no zlib flush mode): writes buffer, flush() fails as deflate() does,
    close() still finishes the stream."""
    path = os.path.join(d, "bad_flush.tfrecord")
    w = tf.io.TFRecordWriter(path, tf.io.TFRecordOptions("ZLIB", flush_mode=7))
    w.write(b"abc")
    try:
        w.flush()
        out = ["no error"]
    except tf.errors.DataLossError as e:
        out = ["DataLossError: " + e.message]
    w.write(b"def")
    w.close()
    with open(path, "rb") as f:
        out.append(f.read())
    return out


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        out = {}
        for name in sorted(OPTIONS):
            out["bytes/" + name] = write(tf, d, name)
        for name in ("gzip", "zlib_sync_in100", "zlib_sync_in30_out900"):
            out["flush/" + name] = flushing(tf, d, name)
        gz = out["bytes/gzip"]
        zl = out["bytes/zlib_sync_in100"]
        out["iter/gzip_options"] = read_iter(tf, d, "a", gz, tf.io.TFRecordOptions("GZIP"))
        out["iter/gzip_enum"] = read_iter(tf, d, "b", gz, tf.io.TFRecordCompressionType.GZIP)
        out["iter/zlib_string"] = read_iter(tf, d, "c", zl, "ZLIB")
        out["iter/zlib_wbits9"] = read_iter(tf, d, "c2", out["bytes/zlib_wbits9"], "ZLIB")
        out["reader/gzip_options"] = read_reader(tf, d, "d", gz, tf.io.TFRecordOptions("GZIP"))
        out["reader/zlib_enum"] = read_reader(tf, d, "e", zl,
                                              tf.io.TFRecordCompressionType.ZLIB)
        out["reader/zlib_string"] = read_reader(tf, d, "f", out["bytes/gzip_wbits10"], "ZLIB")
        out["dataset/gzip"] = read_dataset(tf, d, "g", gz, "GZIP")
        out["dataset/zlib_full"] = read_dataset(tf, d, "h", out["bytes/zlib_full_in100"], "ZLIB")
        out["dataset/zlib_block_gzip"] = read_dataset(tf, d, "i", out["bytes/gzip_block_in50"],
                                                      "GZIP")
        out["errors"] = errors(tf, d)
        out["bad_flush_mode"] = bad_flush_mode(tf, d)
        return out
    finally:
        shutil.rmtree(d)
