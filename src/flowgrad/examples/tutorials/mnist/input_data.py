"""`tensorflow.examples.tutorials.mnist.input_data`: MNIST for the TF 1.x tutorials.

    from tensorflow.examples.tutorials.mnist import input_data
    mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)
    xs, ys = mnist.train.next_batch(100)
"""
from ....contrib.learn.datasets.mnist import DataSet, read_data_sets

__all__ = ["read_data_sets", "DataSet"]
