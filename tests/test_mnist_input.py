"""The tutorials' MNIST loader (input_data.read_data_sets, DataSet.next_batch), the
contrib.learn and Keras entry points: TF 1.14's splits, dtypes and batches, offline."""
import gzip
import hashlib
import importlib.util
import os
import sys
import textwrap

import numpy as np
import pytest

import flowgrad as tf
from flowgrad import cli
from flowgrad.contrib.learn.datasets import base
from flowgrad.examples.tutorials.mnist import input_data
from goldens import load, path

_spec = importlib.util.spec_from_file_location("mnist_files", path("queues", "mnist_files.py"))
mnist_files = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mnist_files)

GEN = importlib.util.spec_from_file_location("gen_mnist_input",
                                             path("queues", "gen_mnist_input.py"))
_gen = importlib.util.module_from_spec(GEN)
sys.modules.setdefault("mnist_files", mnist_files)
GEN.loader.exec_module(_gen)
GOLD = load("queues", "mnist_input")


@pytest.fixture(scope="module")
def mnist_dir(tmp_path_factory):
    d = str(tmp_path_factory.mktemp("mnist"))
    mnist_files.write(d)
    return d


def _same(a, b):
    a = np.asarray(a)
    assert a.dtype == np.asarray(b).dtype
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("label,kw,graph_seed,batches", _gen.RUNS, ids=[r[0] for r in _gen.RUNS])
def test_read_data_sets_matches_tf(mnist_dir, label, kw, graph_seed, batches, capsys):
    gold = GOLD[label]
    with tf.Graph().as_default():
        if graph_seed is not None:
            tf.set_random_seed(graph_seed)
        kw = dict(kw)
        if kw.get("dtype") == "uint8":
            kw["dtype"] = tf.uint8
        m = input_data.read_data_sets(mnist_dir, **kw)
    for part in ("train", "validation", "test"):
        ds = getattr(m, part)
        images, labels, n = gold[part]
        _same(ds.images, images)
        _same(ds.labels, labels)
        assert ds.num_examples == n
    for i, b in enumerate(batches):
        x, y = m.train.next_batch(b, shuffle=(label != "uint8_noreshape" or i < 2))
        gx, gy, epochs = gold["batches"][i]
        _same(x, gx)
        _same(y, gy)
        assert m.train.epochs_completed == epochs
    for got, want in zip(m.test.next_batch(4, shuffle=False), gold["test_batch"]):
        _same(got, want)
    assert "Extracting " + os.path.join(mnist_dir, "t10k-labels-idx1-ubyte.gz") in \
        capsys.readouterr().out


@pytest.mark.parametrize("size", [-1, 31])
def test_validation_size_out_of_range(mnist_dir, size):
    want = GOLD["validation_size_%d" % size]
    with pytest.raises(ValueError) as e:
        input_data.read_data_sets(mnist_dir, validation_size=size)
    assert str(e.value) == want.message


def test_fake_data_and_dtype_check():
    n, fx, fy = GOLD["fake"]
    m = input_data.read_data_sets("unused", fake_data=True, one_hot=True)
    x, y = m.train.next_batch(2, fake_data=True)
    assert m.train.num_examples == n
    _same(x, fx)
    _same(y, fy)
    with pytest.raises(TypeError, match="Invalid image dtype"):
        input_data.DataSet(np.zeros((1, 2, 2, 1), np.uint8), np.zeros(1), dtype=tf.int32)


def test_bad_magic_number(tmp_path):
    p = tmp_path / "x.gz"
    with gzip.open(p, "wb") as f:
        f.write(b"\0\0\x08\x01" + b"\0" * 12)
    with open(p, "rb") as f, pytest.raises(ValueError, match="Invalid magic number 2049 in "
                                           "MNIST image file"):
        input_data.read_data_sets.__globals__["extract_images"](f)


def test_offline_download_is_one_clear_error(tmp_path):
    with pytest.raises(OSError) as e:
        input_data.read_data_sets(str(tmp_path), source_url="http://127.0.0.1:9/")
    msg = str(e.value)
    assert "Could not download train-images-idx3-ubyte.gz from " \
           "http://127.0.0.1:9/train-images-idx3-ubyte.gz" in msg
    assert "put the file in" in msg and str(tmp_path) in msg
    assert os.listdir(tmp_path) == []   # no partial file left


def test_download_checks_size_and_md5(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    (src / "train-labels-idx1-ubyte.gz").write_bytes(b"not mnist")
    dest = tmp_path / "dest"
    url = (src / "train-labels-idx1-ubyte.gz").as_uri()
    with pytest.raises(OSError, match="is not the expected train-labels-idx1-ubyte.gz: 9 bytes"):
        base.maybe_download("train-labels-idx1-ubyte.gz", str(dest), url)
    assert os.listdir(dest) == []
    # an unknown file name is kept as downloaded
    (src / "other.bin").write_bytes(b"abc")
    got = base.maybe_download("other.bin", str(dest), (src / "other.bin").as_uri())
    assert open(got, "rb").read() == b"abc"
    # a known file with the right size and digest is kept
    md5 = hashlib.md5(b"not mnist").hexdigest()
    monkeypatch.setitem(base.KNOWN_FILES, "train-labels-idx1-ubyte.gz", (9, md5))
    got = base.maybe_download("train-labels-idx1-ubyte.gz", str(dest), url)
    assert open(got, "rb").read() == b"not mnist"


def test_contrib_learn_load_dataset(mnist_dir, monkeypatch):
    monkeypatch.chdir(os.path.dirname(mnist_dir))
    with pytest.raises(ValueError, match="Name of dataset is not found: nope"):
        tf.contrib.learn.datasets.load_dataset("nope")
    m = tf.contrib.learn.datasets.mnist.read_data_sets(mnist_dir, validation_size=2)
    assert (m.train.num_examples, m.validation.num_examples, m.test.num_examples) == (28, 2, 7)


def test_keras_mnist_reads_present_cache(tmp_path, monkeypatch):
    from flowgrad.keras.datasets import mnist as kmnist
    home = tmp_path / "home"
    cache = home / ".keras" / "datasets"
    cache.mkdir(parents=True)
    arrays = {"x_train": np.arange(24, dtype=np.uint8).reshape(3, 2, 4),
              "y_train": np.array([1, 2, 3], np.uint8),
              "x_test": np.zeros((1, 2, 4), np.uint8), "y_test": np.array([9], np.uint8)}
    np.savez(cache / "mnist.npz", **arrays)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(kmnist, "_MD5", hashlib.md5((cache / "mnist.npz").read_bytes())
                        .hexdigest())
    (xtr, ytr), (xte, yte) = tf.keras.datasets.mnist.load_data()
    _same(xtr, arrays["x_train"])
    _same(yte, arrays["y_test"])


def test_flowgrad_run_tutorial_script(mnist_dir, tmp_path, capsys):
    script = tmp_path / "mnist_softmax.py"
    script.write_text(textwrap.dedent(f"""
        import tensorflow as tf
        from tensorflow.examples.tutorials.mnist import input_data
        tf.set_random_seed(1)
        mnist = input_data.read_data_sets({mnist_dir!r}, one_hot=True, validation_size=6)
        x = tf.placeholder(tf.float32, [None, 12])
        y_ = tf.placeholder(tf.float32, [None, 10])
        W = tf.Variable(tf.zeros([12, 10]))
        b = tf.Variable(tf.zeros([10]))
        y = tf.matmul(x, W) + b
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=y))
        train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(20):
                xs, ys = mnist.train.next_batch(8)
                sess.run(train, feed_dict={{x: xs, y_: ys}})
            print("loss", sess.run(loss, {{x: mnist.test.images, y_: mnist.test.labels}}))
            print("epochs", mnist.train.epochs_completed)
        """))
    assert cli.run_script(str(script)) == 0
    out = capsys.readouterr().out
    assert "epochs 6" in out and "loss" in out
