"""tf.keras.datasets loaders against TF 1.14 on synthetic cache files
(tests/golden/keras/gen_datasets.py), and their cache handling."""
import os
import shutil

import pytest

import flowgrad as tf
from flowgrad.keras.datasets import boston_housing, fashion_mnist
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "datasets")
GEN = generator("keras", "datasets")
NAMES = ["train-labels", "train-images", "t10k-labels", "t10k-images"]


def test_boston_housing_split_as_tf(monkeypatch):
    path, _ = GEN.make_files()
    monkeypatch.setattr(boston_housing, "_get_file", lambda *a, **k: path)
    _compare(GEN.boston(tf.keras.datasets.boston_housing.load_data, path), GOLD["boston"],
             "boston")


def test_fashion_mnist_as_tf(monkeypatch):
    _, paths = GEN.make_files()
    monkeypatch.setattr(fashion_mnist, "_get_file", lambda fname, *a, **k: paths[
        [i for i, n in enumerate(NAMES) if fname.startswith(n)][0]])
    _compare(GEN.fashion(tf.keras.datasets.fashion_mnist.load_data), GOLD["fashion"],
             "fashion")


def test_fashion_mnist_reads_the_keras_cache(tmp_path, monkeypatch):
    _, paths = GEN.make_files()
    cache = tmp_path / "home" / ".keras" / "datasets" / "fashion-mnist"
    cache.mkdir(parents=True)
    for p, name in zip(paths, fashion_mnist._FILES):
        shutil.copy(p, os.path.join(str(cache), name))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (xtr, ytr), _ = tf.keras.datasets.fashion_mnist.load_data()
    assert xtr.shape == (5, 28, 28) and ytr.shape == (5,)


def test_fashion_mnist_rejects_mismatched_files(tmp_path, monkeypatch):
    _, paths = GEN.make_files()
    wrong = [paths[0], paths[3], paths[2], paths[3]]
    monkeypatch.setattr(fashion_mnist, "_get_file", lambda fname, *a, **k: wrong[
        [i for i, n in enumerate(NAMES) if fname.startswith(n)][0]])
    with pytest.raises(ValueError, match="do not match"):
        tf.keras.datasets.fashion_mnist.load_data()
