"""Compressed TFRecords under TFRecordOptions' zlib knobs against TF 1.14
(tests/golden/data/gen_records_zlib.py): flowgrad's writer makes TF's bytes (TF reads
them), flush() writes what TF's does, and flowgrad's readers read TF's files."""
import os
import sys

import pytest

import flowgrad as tf
from goldens import load
from test_data import _same

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "data"))
import gen_records_zlib as G  # noqa: E402

GOLD = load("data", "records_zlib")


@pytest.mark.parametrize("name", sorted(G.OPTIONS))
def test_writer_makes_tfs_bytes(tmp_path, name):
    assert G.write(tf, str(tmp_path), name) == GOLD["bytes/" + name]


@pytest.mark.parametrize("name", ["gzip", "zlib_sync_in100", "zlib_sync_in30_out900"])
def test_flush_writes_what_tf_writes(tmp_path, name):
    assert G.flushing(tf, str(tmp_path), name) == GOLD["flush/" + name]


def test_readers_read_tfs_files(tmp_path):
    d = str(tmp_path)
    gz = GOLD["bytes/gzip"]
    zl = GOLD["bytes/zlib_sync_in100"]
    assert G.read_iter(tf, d, "a", gz, tf.io.TFRecordOptions("GZIP")) == \
        GOLD["iter/gzip_options"]
    assert G.read_iter(tf, d, "b", gz, tf.io.TFRecordCompressionType.GZIP) == \
        GOLD["iter/gzip_enum"]
    assert G.read_iter(tf, d, "c", zl, "ZLIB") == GOLD["iter/zlib_string"]
    assert G.read_iter(tf, d, "c2", GOLD["bytes/zlib_wbits9"], "ZLIB") == \
        GOLD["iter/zlib_wbits9"]
    _same(G.read_reader(tf, d, "d", gz, tf.io.TFRecordOptions("GZIP")),
          GOLD["reader/gzip_options"])
    _same(G.read_reader(tf, d, "e", zl, tf.io.TFRecordCompressionType.ZLIB),
          GOLD["reader/zlib_enum"])
    _same(G.read_reader(tf, d, "f", GOLD["bytes/gzip_wbits10"], "ZLIB"),
          GOLD["reader/zlib_string"])
    _same(G.read_dataset(tf, d, "g", gz, "GZIP"), GOLD["dataset/gzip"])
    _same(G.read_dataset(tf, d, "h", GOLD["bytes/zlib_full_in100"], "ZLIB"),
          GOLD["dataset/zlib_full"])
    _same(G.read_dataset(tf, d, "i", GOLD["bytes/gzip_block_in50"], "GZIP"),
          GOLD["dataset/zlib_block_gzip"])


def test_errors(tmp_path):
    assert G.errors(tf, str(tmp_path)) == GOLD["errors"]


def test_bad_flush_mode(tmp_path):
    assert G.bad_flush_mode(tf, str(tmp_path)) == GOLD["bad_flush_mode"]


def test_writer_round_trip_every_golden_option(tmp_path):
    for name, opts in sorted(G.OPTIONS.items()):
        data = G.write(tf, str(tmp_path), name)
        # the stream's own format: GZIP's window_bits replaced by one < 16 makes ZLIB's
        kind = "GZIP" if data[:2] == b"\x1f\x8b" else \
            tf.io.TFRecordOptions.get_compression_type_string(opts["compression_type"]) and "ZLIB"
        path = str(tmp_path / (name + ".tfrecord"))
        assert list(tf.io.tf_record_iterator(path, kind)) == G.RECORDS, name


def test_options_tf_aborts_on_raise(tmp_path):
    # TF 1.14 aborts the process (LOG(FATAL) in record_writer.cc) for these
    path = str(tmp_path / "x")
    with pytest.raises(tf.errors.InvalidArgumentError, match="status-2"):
        tf.io.TFRecordWriter(path, tf.io.TFRecordOptions("ZLIB", compression_level=12))
    with pytest.raises(tf.errors.InvalidArgumentError, match="greater than 1"):
        tf.io.TFRecordWriter(path, tf.io.TFRecordOptions("ZLIB", output_buffer_size=1))
    with pytest.raises(NotImplementedError, match="Z_FINISH"):
        tf.io.TFRecordWriter(path, tf.io.TFRecordOptions("ZLIB", flush_mode=4))


def test_level0_beyond_what_matches_tf_raises(tmp_path):
    w = tf.io.TFRecordWriter(str(tmp_path / "l0"), tf.io.TFRecordOptions(
        "ZLIB", compression_level=0))
    w.write(b"x" * 15000)
    with pytest.raises(NotImplementedError, match="compression_level 0"):
        w.write(b"y" * 1000)
    w.close()
    assert list(tf.io.tf_record_iterator(str(tmp_path / "l0"), "ZLIB")) == [b"x" * 15000]
