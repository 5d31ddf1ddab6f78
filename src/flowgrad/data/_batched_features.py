"""tf.data.experimental.parse_example_dataset and make_batched_features_dataset (TF 1.14),
and tf.contrib.data's read_batch_features: TFRecord files of tf.train.Example, shuffled
and repeated, batched, parsed by parse_example into dicts of feature tensors (dense
features) and SparseTensors (VarLenFeature, SparseFeature)."""
from __future__ import annotations

from .. import gfile as _gfile
from ..engine.framework import dtypes as _dt
from ..ops import parsing_ops as _parsing
from ._transforms import parallel_interleave, shuffle_and_repeat
from .dataset_ops import AUTOTUNE, DatasetV1
from .readers import TFRecordDataset

__all__ = ["make_batched_features_dataset", "parse_example_dataset", "read_batch_features"]


def parse_example_dataset(features, num_parallel_calls=1):
    """A transformation parsing batches of serialized Examples (string vectors) into
    dicts of feature tensors and SparseTensors (tf.io.parse_example)."""
    if features is None:
        raise ValueError(f"Missing: features was {features}.")

    def apply(dataset):
        out = dataset.map(lambda serialized: _parsing.parse_example(serialized, features),
                          num_parallel_calls=num_parallel_calls)
        # TF 1.14's dict: dense keys, then VarLenFeature keys, then SparseFeature keys
        # (each sorted); the components' flat order (sorted keys) is the same either way
        rank = {_parsing.FixedLenFeature: 0, _parsing.FixedLenSequenceFeature: 0,
                _parsing.VarLenFeature: 1, _parsing.SparseFeature: 2}
        order = sorted(out._structure, key=lambda k: (rank.get(type(features[k]), 1), k))
        return DatasetV1(out._variant_tensor, {k: out._structure[k] for k in order})
    return apply


def _file_names(file_pattern):
    if isinstance(file_pattern, list):
        if not file_pattern:
            raise ValueError("File pattern is empty.")
        names = []
        for entry in file_pattern:
            names.extend(_gfile.Glob(entry))
    else:
        names = list(_gfile.Glob(file_pattern))
    if not names:
        raise ValueError(f"No files match {file_pattern}.")
    return sorted(names)


def _maybe_shuffle_and_repeat(dataset, num_epochs, shuffle, shuffle_buffer_size, shuffle_seed):
    if num_epochs != 1 and shuffle:
        return dataset.apply(shuffle_and_repeat(shuffle_buffer_size, num_epochs, shuffle_seed))
    if shuffle:
        return dataset.shuffle(shuffle_buffer_size, shuffle_seed)
    if num_epochs != 1:
        return dataset.repeat(num_epochs)
    return dataset


def make_batched_features_dataset(file_pattern, batch_size, features,
                                  reader=TFRecordDataset, label_key=None, reader_args=None,
                                  num_epochs=None, shuffle=True, shuffle_buffer_size=10000,
                                  shuffle_seed=None, prefetch_buffer_size=AUTOTUNE,
                                  reader_num_threads=1, parser_num_threads=2,
                                  sloppy_ordering=False, drop_final_batch=False):
    """Batches of parsed Examples from the files matching `file_pattern` (a dict of
    feature tensors, or (dict, label) with `label_key`); endless unless `num_epochs`."""
    names = _file_names(file_pattern)
    dataset = DatasetV1.from_tensor_slices(names)
    if shuffle:
        dataset = dataset.shuffle(len(names), shuffle_seed)
    if isinstance(reader, type) and not issubclass(reader, DatasetV1):
        raise TypeError("The `reader` argument must return a `Dataset` object. "
                        "`tf.ReaderBase` subclasses are not supported. For example, pass "
                        "`tf.data.TFRecordDataset` instead of `tf.TFRecordReader`.")
    args = list(reader_args or [])
    dataset = dataset.apply(parallel_interleave(lambda filename: reader(filename, *args),
                                                cycle_length=reader_num_threads,
                                                sloppy=sloppy_ordering))
    if dataset.output_types == (_dt.string, _dt.string):
        dataset = dataset.map(lambda _, v: v)
    dataset = _maybe_shuffle_and_repeat(dataset, num_epochs, shuffle, shuffle_buffer_size,
                                        shuffle_seed)
    dataset = dataset.batch(batch_size, drop_remainder=drop_final_batch or num_epochs is None)
    dataset = dataset.apply(parse_example_dataset(features,
                                                  num_parallel_calls=parser_num_threads))
    if label_key:
        if label_key not in features:
            raise ValueError(f"The `label_key` provided ({label_key!r}) must be one of the "
                             "`features` keys.")
        dataset = dataset.map(lambda x: (x, x.pop(label_key)))
    return dataset.prefetch(prefetch_buffer_size)


def read_batch_features(file_pattern, batch_size, features, reader=TFRecordDataset,
                        reader_args=None, randomize_input=True, num_epochs=None,
                        capacity=10000):
    """tf.contrib.data.read_batch_features: the next batch (a dict of tensors) of
    make_batched_features_dataset, from a one-shot iterator."""
    dataset = make_batched_features_dataset(file_pattern, batch_size, features, reader=reader,
                                            reader_args=reader_args, shuffle=randomize_input,
                                            num_epochs=num_epochs,
                                            shuffle_buffer_size=capacity)
    return dataset.make_one_shot_iterator().get_next()
