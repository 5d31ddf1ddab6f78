"""TF 1.14 logs its contrib-sunset warning once, the first time a program uses tf.contrib
(its LazyLoader); the tensorflow logger is shown on stdout here."""
import logging
import sys

import tensorflow as tf

handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
logging.getLogger("tensorflow").addHandler(handler)
print("before tf.contrib")
slim = tf.contrib.slim
print("after tf.contrib.slim")
layers = tf.contrib.layers
print("after tf.contrib.layers", slim.fully_connected is layers.fully_connected)
