"""A custom Estimator: a model_fn (feature columns, two dense layers, softmax cross
entropy, accuracy) on a tf.data input_fn, trained, evaluated, used for predictions and
exported as a SavedModel (the TF 1.x "custom estimators" tutorial, run by flowgrad run)."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)

rng = np.random.RandomState(7)
FEATURES = {"sepal_length": rng.uniform(4, 8, 60).astype(np.float32),
            "sepal_width": rng.uniform(2, 4.5, 60).astype(np.float32),
            "petal_length": rng.uniform(1, 7, 60).astype(np.float32)}
LABELS = ((FEATURES["petal_length"] > 3).astype(np.int64)
          + (FEATURES["petal_length"] > 5).astype(np.int64))


def train_input_fn(batch_size):
    dataset = tf.data.Dataset.from_tensor_slices((FEATURES, LABELS))
    return dataset.repeat().batch(batch_size)


def eval_input_fn(batch_size, with_labels=True):
    inputs = (FEATURES, LABELS) if with_labels else FEATURES
    return tf.data.Dataset.from_tensor_slices(inputs).batch(batch_size)


def my_model(features, labels, mode, params):
    net = tf.feature_column.input_layer(features, params["feature_columns"])
    for i, units in enumerate(params["hidden_units"]):
        net = tf.layers.dense(net, units=units, activation=tf.nn.relu,
                              kernel_initializer=tf.glorot_uniform_initializer(seed=i + 1))
    logits = tf.layers.dense(net, params["n_classes"], activation=None,
                             kernel_initializer=tf.glorot_uniform_initializer(seed=9))
    predicted_classes = tf.argmax(logits, 1)
    if mode == tf.estimator.ModeKeys.PREDICT:
        predictions = {"class_ids": predicted_classes[:, tf.newaxis],
                       "probabilities": tf.nn.softmax(logits)}
        return tf.estimator.EstimatorSpec(mode, predictions=predictions)
    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    accuracy = tf.metrics.accuracy(labels=labels, predictions=predicted_classes,
                                   name="acc_op")
    tf.summary.scalar("accuracy", accuracy[1])
    if mode == tf.estimator.ModeKeys.EVAL:
        return tf.estimator.EstimatorSpec(mode, loss=loss,
                                          eval_metric_ops={"accuracy": accuracy})
    optimizer = tf.train.AdagradOptimizer(learning_rate=0.1)
    train_op = optimizer.minimize(loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


workdir = tempfile.mkdtemp()
columns = [tf.feature_column.numeric_column(k) for k in sorted(FEATURES)]
classifier = tf.estimator.Estimator(
    model_fn=my_model, model_dir=os.path.join(workdir, "model"),
    config=tf.estimator.RunConfig(tf_random_seed=42, save_checkpoints_steps=50),
    params={"feature_columns": columns, "hidden_units": [10, 10], "n_classes": 3})
classifier.train(input_fn=lambda: train_input_fn(16), steps=120)
result = classifier.evaluate(input_fn=lambda: eval_input_fn(16))
print("Test set accuracy: {accuracy:0.3f}".format(**result))
print("loss: %.4f at step %d" % (result["loss"], result["global_step"]))
for pred in list(classifier.predict(input_fn=lambda: eval_input_fn(16, False)))[:5]:
    print("class %d with p=%.3f" % (pred["class_ids"][0],
                                     pred["probabilities"][pred["class_ids"][0]]))
print(sorted(os.path.basename(p) for p in
             tf.train.get_checkpoint_state(classifier.model_dir).all_model_checkpoint_paths))
spec = {k: tf.FixedLenFeature([], tf.float32) for k in FEATURES}
export_dir = classifier.export_saved_model(
    os.path.join(workdir, "export"),
    tf.estimator.export.build_parsing_serving_input_receiver_fn(spec))
print(sorted(os.listdir(export_dir)))
shutil.rmtree(workdir)
