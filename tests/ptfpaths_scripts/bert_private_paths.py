"""BERT / official/ models style: TF's private modules imported directly. file_io for the
vocabulary and the output folder, tf_logging and gfile, device_lib's devices, an
Estimator model_fn built from estimator.model_fn's ModeKeys / EstimatorSpec, an
optimizer's slots by slot_creator, nest over the features and a Defun'd gelu."""
import os
import sys
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow.python.client import device_lib
from tensorflow.python.estimator import estimator as estimator_lib
from tensorflow.python.estimator import model_fn as model_fn_lib
from tensorflow.python.framework import function
from tensorflow.python.lib.io import file_io
from tensorflow.python.platform import gfile
from tensorflow.python.platform import tf_logging as logging
from tensorflow.python.training import slot_creator
from tensorflow.python.util import nest

base = tempfile.mkdtemp()


def show(*args):
    print(" ".join(str(a) for a in args).replace(base, "<base>"))


logging.set_verbosity(logging.WARN)
show("verbosity", logging.get_verbosity(), logging.WARN)

# vocabulary and output folder through file_io
out_dir = os.path.join(base, "out", "run1")
file_io.recursive_create_dir(out_dir)
vocab = os.path.join(base, "vocab.txt")
file_io.write_string_to_file(vocab, "[PAD]\n[CLS]\nhello\nworld\n")
show("vocab", file_io.file_exists(vocab), file_io.read_file_to_string(vocab).split("\n"),
     file_io.read_file_to_string(vocab, binary_mode=True)[:5])
file_io.atomic_write_string_to_file(os.path.join(out_dir, "eval.txt"), "acc = 0.5\n")
show("listing", sorted(file_io.list_directory(base)), file_io.is_directory(out_dir),
     [os.path.basename(p) for p in file_io.get_matching_files(out_dir + "/*.txt")])
try:
    file_io.atomic_write_string_to_file(vocab, "x", overwrite=False)
except tf.errors.OpError as e:
    show(type(e).__name__, sorted(file_io.list_directory(base)))
try:
    file_io.read_file_to_string(os.path.join(base, "missing.txt"))
except tf.errors.NotFoundError as e:
    show("NotFoundError", e.message)
show("gfile", gfile.Exists(vocab), gfile.Exists is file_io.file_exists,
     sorted(gfile.ListDirectory(out_dir)))
file_io.delete_recursively(os.path.join(base, "out"))
show("deleted", file_io.file_exists(out_dir), sorted(file_io.list_directory(base)))

devices = device_lib.list_local_devices()
show("devices", [(d.name, d.device_type) for d in devices])

# a model_fn as BERT's run_classifier writes it
tf.set_random_seed(7)
rs = np.random.RandomState(2)
features = {"input_ids": tf.constant(rs.randint(0, 4, (3, 5)).astype(np.int32)),
            "label_ids": tf.constant([0, 1, 1])}
show("nest", [t.name for t in nest.flatten(features)],
     nest.map_structure(lambda t: t.shape.as_list(), features))


@function.Defun(tf.float32)
def gelu(x):
    return 0.5 * x * (1.0 + tf.tanh(0.7978846 * (x + 0.044715 * x * x * x)))


def model_fn(features, labels, mode, params):
    emb = tf.get_variable("emb", [4, 3], initializer=tf.truncated_normal_initializer(
        stddev=0.02, seed=3))
    h = tf.reduce_mean(tf.nn.embedding_lookup(emb, features["input_ids"]), 1)
    logits = tf.layers.dense(tf.reshape(gelu(h), [-1, 3]), 2, name="cls",
                             kernel_initializer=tf.glorot_uniform_initializer(seed=4))
    loss = tf.losses.sparse_softmax_cross_entropy(features["label_ids"], logits)
    if mode == model_fn_lib.ModeKeys.PREDICT:
        return model_fn_lib.EstimatorSpec(mode, predictions={"logits": logits})
    return model_fn_lib.EstimatorSpec(mode=mode, loss=loss, train_op=tf.no_op())


spec = model_fn(features, None, model_fn_lib.ModeKeys.TRAIN, {})
show("spec", type(spec).__name__, spec.mode, spec.loss.name, spec.train_op.type,
     model_fn_lib.LOSS_METRIC_KEY, model_fn_lib.AVERAGE_LOSS_METRIC_KEY)
show("estimator", estimator_lib.Estimator is tf.estimator.Estimator,
     estimator_lib.ModeKeys.EVAL, estimator_lib.WarmStartSettings is tf.estimator.WarmStartSettings,
     estimator_lib.VocabInfo is tf.estimator.VocabInfo)

# an optimizer's slots, as BERT's AdamWeightDecayOptimizer's ancestors make them
var = tf.trainable_variables()[0]
with tf.name_scope("adam"):
    m = slot_creator.create_zeros_slot(var, "m")
    v = slot_creator.create_slot(var, tf.ones_like(var.initialized_value()) * 2.0, "v")
    w = slot_creator.create_slot_with_initializer(var, tf.constant_initializer(0.5),
                                                  var.get_shape(), var.dtype.base_dtype, "w")
show("slots", m.name, v.name, w.name, m.get_shape(), w.dtype)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    loss, mv, vv, wv = sess.run([spec.loss, m, v, w])
    show("run", repr(loss), mv.tolist(), vv.tolist()[0], wv.tolist()[1])
file_io.delete_recursively(base)
sys.stdout.flush()
