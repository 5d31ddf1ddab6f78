"""`tf.contrib.learn.datasets`: MNIST (`load_dataset('mnist')`, `mnist.read_data_sets`)."""
from __future__ import annotations

from . import base, mnist

__all__ = ["base", "mnist", "load_dataset", "DATASETS"]

DATASETS = {"mnist": mnist.load_mnist}


def load_dataset(name, size="small", test_with_fake_data=False):
    """Loads a dataset by name (TF 1.14 knows iris, boston, mnist, dbpedia; flowgrad has mnist)."""
    if name in ("iris", "boston", "dbpedia"):
        raise NotImplementedError(f"flowgrad does not implement the {name!r} dataset of "
                                  "tf.contrib.learn.datasets.load_dataset")
    if name not in DATASETS:
        raise ValueError("Name of dataset is not found: %s" % name)
    return DATASETS[name]()
