"""tf.data.experimental.parse_example_dataset and make_batched_features_dataset (TF 1.14),
and tf.contrib.data's read_batch_features: TFRecord files of tf.train.Example, shuffled
and repeated, batched, parsed by parse_example into dicts of feature tensors (dense
features) and SparseTensors (VarLenFeature, SparseFeature)."""
from __future__ import annotations

from .. import gfile as _gfile
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import get_default_graph
from ..engine.framework.tensor_shape import TensorShape, as_shape
from ..engine.ops._base import apply_op
from ..ops import parsing_ops as _parsing
from . import _nest
from ._transforms import parallel_interleave, shuffle_and_repeat
from .dataset_ops import AUTOTUNE, DatasetV1, _Spec, _structure_attrs
from .readers import TFRecordDataset

__all__ = ["make_batched_features_dataset", "parse_example_dataset", "read_batch_features"]


def parse_example_dataset(features, num_parallel_calls=1):
    """A transformation parsing batches of serialized Examples (string vectors) into
    dicts of feature tensors and SparseTensors: TF 1.14's ExperimentalParseExampleDataset
    op (a SparseFeature's SparseTensor made after it by a map, as TF's)."""
    if features is None:
        raise ValueError(f"Missing: features was {features}.")

    def apply(dataset):
        out = _parse_example_op(dataset, features, num_parallel_calls)
        if any(isinstance(f, _parsing.SparseFeature) for f in features.values()):
            out = out.map(lambda x: _parsing._merge_sparse_features(features, x, False),
                          num_parallel_calls=num_parallel_calls)
        # TF 1.14's dict: dense keys, then VarLenFeature keys, then SparseFeature keys
        # (each sorted); the components' flat order (sorted keys) is the same either way
        rank = {_parsing.FixedLenFeature: 0, _parsing.FixedLenSequenceFeature: 0,
                _parsing.VarLenFeature: 1, _parsing.SparseFeature: 2}
        order = sorted(out._structure, key=lambda k: (rank.get(type(features[k]), 1), k))
        return DatasetV1(out._variant_tensor, {k: out._structure[k] for k in order})
    return apply


def _parse_example_op(dataset, features, num_parallel_calls):
    """TF's _ParseExampleDataset: the dense defaults made first (Const, key_<k>, ...),
    then the op, its num_parallel_calls converted in its scope."""
    if not _structure_is(dataset._structure, _dt.string, TensorShape([None])):
        raise TypeError("Input dataset should be a dataset of vectors of strings")
    for f in features.values():
        if isinstance(f, _parsing.FixedLenSequenceFeature) and not f.allow_missing:
            raise ValueError("Unsupported: FixedLenSequenceFeature requires allow_missing to "
                             "be True.")
    sk, st, dk, _, _, _ = _parsing._features_to_raw_params(features, (
        _parsing.VarLenFeature, _parsing.SparseFeature, _parsing.FixedLenFeature,
        _parsing.FixedLenSequenceFeature))
    sparse, dense = list(zip(sk, st)), [(k, features[k]) for k in dk]
    _parsing._check_keys(sparse, dense)
    defaults = _parsing._dense_defaults(dense)
    in_shape = _nest.flatten(dataset._structure)[0].shape
    var_len = [isinstance(f, _parsing.FixedLenSequenceFeature) for _, f in dense]
    structure = {}
    for (k, f), vl in zip(dense, var_len):
        shape = TensorShape([None] if vl else []).concatenate(as_shape(f.shape))
        structure[k] = _Spec(_dt.as_dtype(f.dtype), in_shape.concatenate(shape))
    for k, t in sparse:
        structure[k] = _Spec(t, in_shape.concatenate([None]), sparse=True)
    g = get_default_graph()
    with g.name_scope("ExperimentalParseExampleDataset") as scope:
        n = convert_to_tensor(num_parallel_calls, dtype=_dt.int64, name="num_parallel_calls")
        _parsing._check_types(sparse, dense)
    attrs = {"sparse_keys": [k for k, _ in sparse], "dense_keys": [k for k, _ in dense],
             "sparse_types": [t for _, t in sparse],
             "Tdense": [_dt.as_dtype(f.dtype) for _, f in dense],
             "dense_shapes": [as_shape(f.shape) for _, f in dense], "var_len": var_len,
             "sloppy": False, **_structure_attrs(structure)}
    op = apply_op("ExperimentalParseExampleDataset", [dataset._variant_tensor, n] + defaults,
                  attrs, scope)
    return DatasetV1(op.outputs[0], structure)


def _structure_is(structure, dtype, shape):
    """TF's is_compatible_with(TensorStructure(dtype, shape)): one plain tensor component."""
    if not isinstance(structure, _Spec) or structure.boxed or structure.dataset is not None:
        return False
    return structure.dtype is dtype and structure.shape.is_compatible_with(shape)


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
