"""TFRecord files, tf.train.Example parsing and the decoders against TF 1.14 goldens
(tests/golden/data/gen_records.py): flowgrad writes TF's bytes (so TF reads its files),
reads TF's files, and parses as TF does."""
import os
import sys

import pytest

import flowgrad as tf
from goldens import load
from test_data import _same

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "data"))
import gen_records as G  # noqa: E402

GOLD = load("data", "records")
pytest.importorskip("google.protobuf")


@pytest.mark.parametrize("kind", [None, "ZLIB", "GZIP"])
def test_writer_makes_tfs_bytes(tmp_path, kind):
    assert G.write_file(tf, str(tmp_path), kind) == GOLD["bytes/%s" % kind]


@pytest.mark.parametrize("kind", [None, "ZLIB", "GZIP"])
def test_reading_tfs_files(tmp_path, kind):
    data = GOLD["bytes/%s" % kind]
    assert G.read_iter(tf, str(tmp_path), kind, data) == GOLD["iter/%s" % kind]
    _same(G.dataset_read(tf, str(tmp_path), kind, data), GOLD["dataset/%s" % kind])


def test_corrupted_files(tmp_path):
    G._TMP[0] = str(tmp_path)
    for name, data in sorted(G._bad_files(tf).items()):
        assert G.read_error(tf, str(tmp_path), data) == GOLD["bad/" + name], name


def test_text_and_fixed_length(tmp_path):
    _same(G.text_and_fixed(tf, str(tmp_path)), GOLD["text_fixed"])


def test_examples_serialize_as_tf():
    # maps serialize in an unspecified order: compare parsed protos
    for a, b in zip(G._examples(tf), GOLD["examples"]):
        assert tf.train.Example.FromString(a) == tf.train.Example.FromString(b)


@pytest.mark.parametrize("name", ["parse", "parse_single", "parse_errors", "parse_pipeline",
                                  "decoders"])
def test_parsing(tmp_path, name):
    _same(getattr(G, name)(tf, str(tmp_path)), GOLD[name])


def test_crc32c_native_fast_path_matches_numpy(monkeypatch):
    from flowgrad.engine.framework import crc32c as c
    data = bytes(range(256)) * 50
    expected = [c.crc32c(data[:n]) for n in (0, 7, 3000, 12800)]
    monkeypatch.setattr(c, "_native_extend", None)
    assert [c.crc32c(data[:n]) for n in (0, 7, 3000, 12800)] == expected
    assert c.crc32c(data[100:], c.crc32c(data[:100])) == expected[-1]
