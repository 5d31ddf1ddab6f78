"""tf.keras.datasets cifar10, cifar100, imdb, reuters against TF 1.14 (tests/golden/keras/
gen_datasets_cache.py): the same synthetic files in TF's layout under a temporary HOME's
~/.keras/datasets, loaded by both; get_file's cache, hash check, "download" (a local copy,
never the network) and archive extraction; pickled data read without pickle."""
import os
import pickle
import shutil
import tarfile

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.keras import data_utils
from flowgrad.keras.datasets import _safe_pickle
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "datasets_cache")
GEN = generator("keras", "datasets_cache")


@pytest.fixture
def keras_home(monkeypatch):
    home, serve = GEN.make_home()
    monkeypatch.setenv("HOME", home)

    def fake_download(origin, fpath):
        shutil.copy(os.path.join(serve, origin.rsplit("/", 1)[1]), fpath)
    monkeypatch.setattr(data_utils, "_download", fake_download)
    yield home
    shutil.rmtree(os.path.dirname(home), ignore_errors=True)


def test_datasets_as_tf(keras_home, capsys):
    got = GEN.run_all(tf.keras.datasets)
    for key in GOLD:
        _compare(got[key], GOLD[key], key)
    out = capsys.readouterr().out
    assert ("A local file was found, but it seems to be incomplete or outdated because the "
            "auto file hash does not match the original value of "
            "599dadb1135973df5b59232a0e9a887c so we will re-download the data.") in out
    assert os.path.isdir(os.path.join(keras_home, ".keras", "datasets", "cifar-100-python"))


def test_get_file_hash_and_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    cache = tmp_path / ".keras" / "datasets"
    cache.mkdir(parents=True)
    (cache / "f.txt").write_bytes(b"abc")
    sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert tf.keras.utils.get_file("f.txt", "http://unused", file_hash=sha) == \
        str(cache / "f.txt")
    assert tf.keras.utils.get_file("f.txt", "http://unused",
                                   md5_hash="900150983cd24fb0d6963f7d28e17f72") == \
        str(cache / "f.txt")
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "sub").mkdir()
    (other / "sub" / "g.bin").write_bytes(b"x")
    assert tf.keras.utils.get_file("g.bin", "http://unused", cache_subdir="sub",
                                   cache_dir=str(other)) == str(other / "sub" / "g.bin")


def test_get_file_reports_a_failed_download(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(Exception, match="URL fetch failure on file:///nonexistent/x.bin"):
        tf.keras.utils.get_file("x.bin", "file:///nonexistent/x.bin")
    assert not (tmp_path / ".keras" / "datasets" / "x.bin").exists()


def test_archives_cannot_write_outside_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    cache = tmp_path / ".keras" / "datasets"
    cache.mkdir(parents=True)
    evil = cache / "evil.tar.gz"
    with tarfile.open(str(evil), "w:gz") as t:
        info = tarfile.TarInfo("../../escaped.txt")
        data = b"gotcha"
        info.size = len(data)
        import io
        t.addfile(info, io.BytesIO(data))
    with pytest.raises(ValueError, match="outside"):
        tf.keras.utils.get_file("evil", "http://unused", untar=True)
    assert not (tmp_path / "escaped.txt").exists()


def test_pickled_data_never_runs_code(tmp_path):
    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned > " + str(tmp_path / "pwned"),))
    for proto in (0, 2, 4):
        with pytest.raises(ValueError, match="global"):
            _safe_pickle.loads(pickle.dumps({b"data": Evil()}, protocol=proto))
    assert not (tmp_path / "pwned").exists()
    # arrays and plain data from every protocol
    d = {b"data": np.arange(6, dtype=np.uint8).reshape(2, 3), b"labels": [3, 4],
         "f": np.arange(3.0).astype(">f8"), "s": "é"}
    for proto in range(0, pickle.HIGHEST_PROTOCOL + 1):
        got = _safe_pickle.loads(pickle.dumps(d, protocol=proto))
        np.testing.assert_array_equal(got[b"data"], d[b"data"])
        np.testing.assert_array_equal(got["f"], d["f"])
        assert got[b"labels"] == [3, 4] and got["s"] == "é"


def test_cifar100_label_mode_error():
    with pytest.raises(ValueError, match='`label_mode` must be one of `"fine"`, `"coarse"`.'):
        tf.keras.datasets.cifar100.load_data("medium")


def test_imdb_unknown_argument(keras_home):
    with pytest.raises(TypeError, match="Unrecognized keyword arguments: {'bogus': 1}"):
        tf.keras.datasets.imdb.load_data(bogus=1)
