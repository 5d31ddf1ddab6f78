"""tf.keras training under a tf.distribute strategy (TF 1.14's training_distributed and
distributed_training_utils, graph mode, one replica).

A model compiled in a strategy's scope trains on numpy arrays through TF's distributed
input pipeline: the arrays held in variables (`experimental_make_numpy_dataset`),
shuffled with a buffer of max(1024, 8 * batch_size), repeated for the epochs, batched
(the last partial batch kept for training, refused for evaluation and prediction), and
run for ceil(samples / batch) steps per epoch. Datasets go through the model's own loops.
"""
from __future__ import annotations

import numpy as np

from .. import backend as K


def _flatten(x):
    if isinstance(x, dict):
        return [v for _, v in sorted(x.items())]
    if isinstance(x, (list, tuple)):
        out = []
        for v in x:
            out.extend(_flatten(v))
        return out
    return [x]


def _list_to_tuple(x):
    return tuple(x) if isinstance(x, list) else x


def is_numpy(x):
    flat = _flatten(x) if x is not None else []
    return bool(flat) and isinstance(flat[0], np.ndarray)


def validate_inputs(x, y):
    """TF's: a strategy's model takes numpy arrays or a tf.data Dataset, not an iterator."""
    from . import training_generator as tg   # lazy: the model's module loads it
    if isinstance(x, tg.Iterator) or isinstance(y, tg.Iterator):
        raise ValueError("`DistributionStrategy` does not support inputs of type "
                         "Iterator. You must pass a `tf.data.Dataset` object or a "
                         "numpy array as input.")


def get_input_params(strategy, first_x_value, steps, batch_size, training):
    """(steps, batch size) of numpy input (TF's get_input_params, graph mode: a partial
    last batch is allowed only in training)."""
    num_samples = first_x_value.shape[0]
    if steps is None:
        global_batch_size = min(num_samples, 32) if batch_size is None else batch_size
        if training:
            steps = int(np.ceil(num_samples / global_batch_size))
        else:
            if num_samples % global_batch_size:
                raise ValueError("The number of samples %s is not divisible by batch size "
                                 "%s." % (num_samples, global_batch_size))
            steps = num_samples // global_batch_size
    else:
        global_batch_size = batch_size
        if batch_size is None:
            if num_samples % steps:
                raise ValueError("The number of samples %s is not divisible by steps %s. "
                                 "Please change the number of steps to a value that "
                                 "divides the number of samples." % (num_samples, steps))
            global_batch_size = num_samples // steps
        elif num_samples < steps * global_batch_size:
            raise ValueError("Number of samples %s is less than samples required for "
                             "specified batch_size %s and steps %s"
                             % (num_samples, global_batch_size, steps))
    return steps, global_batch_size


def numpy_dataset(model, x, y, sample_weight, class_weight, batch_size, shuffle, epochs,
                  allow_partial_batch):
    """TF's _distribution_standardize_user_data for numpy arrays."""
    if class_weight:
        raise NotImplementedError("`class_weight` is currently not supported when using "
                                  "tf.distribute.Strategy.")
    strategy = model._distribution_strategy
    with strategy.scope():
        session = K.get_session()
        x = _list_to_tuple(x)
        if y is not None:
            y = _list_to_tuple(y)
            in_tuple = (x, y) if sample_weight is None else (
                x, y, _list_to_tuple(sample_weight))
        else:
            in_tuple = x
        ds = strategy.extended.experimental_make_numpy_dataset(in_tuple, session=session)
        if shuffle:
            ds = ds.shuffle(max(1024, batch_size * 8))
        if epochs > 1:
            ds = ds.repeat(epochs)
        drop_remainder = (not allow_partial_batch
                          and strategy.extended.experimental_require_static_shapes)
        return ds.batch(batch_size, drop_remainder=drop_remainder)


def whole_batches(model, x, y, sample_weight, steps, batch_size):
    """TF's evaluate_distributed / predict_distributed input: numpy arrays as a dataset of
    whole batches only; returns (dataset, steps, batch_size)."""
    steps, batch_size = get_input_params(model._distribution_strategy, _flatten(x)[0], steps,
                                         batch_size, training=False)
    dataset = numpy_dataset(model, x, y, sample_weight, None, batch_size, False, 1,
                            allow_partial_batch=False)
    return dataset, steps, batch_size
