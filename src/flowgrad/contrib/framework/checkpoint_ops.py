"""tf.contrib.framework's initializers that load (vocabulary-remapped) values from a
checkpoint: TF 1.14's wrappers of load_and_remap_matrix_initializer
(train/checkpoint_ops.py) for embeddings, a linear model's multi-class bias and an
optimizer's slot variables."""
import math

from ...engine.framework import dtypes as _dt
from ...ops import init_ops
from ...train.checkpoint_ops import load_and_remap_matrix_initializer

__all__ = ["load_and_remap_matrix_initializer", "load_embedding_initializer",
           "load_linear_multiclass_bias_initializer", "load_variable_slot_initializer"]


def load_embedding_initializer(ckpt_path, embedding_tensor_name, new_vocab_size,
                               embedding_dim, old_vocab_file, new_vocab_file, old_vocab_size=-1,
                               num_oov_buckets=0, initializer=None, max_rows_in_memory=-1):
    """An initializer loading a checkpoint's embedding rows in the new vocabulary's order;
    new words and OOV buckets from `initializer` (default truncated normal, stddev
    1/sqrt(embedding_dim))."""
    if initializer is None:
        initializer = init_ops.truncated_normal_initializer(stddev=1.0 / math.sqrt(embedding_dim))
    return load_and_remap_matrix_initializer(
        ckpt_path=ckpt_path, old_tensor_name=embedding_tensor_name,
        new_row_vocab_size=new_vocab_size, new_col_vocab_size=embedding_dim,
        old_row_vocab_size=old_vocab_size, old_row_vocab_file=old_vocab_file,
        new_row_vocab_file=new_vocab_file, old_col_vocab_file=None, new_col_vocab_file=None,
        num_row_oov_buckets=num_oov_buckets, num_col_oov_buckets=0, initializer=initializer,
        max_rows_in_memory=max_rows_in_memory)


def load_linear_multiclass_bias_initializer(ckpt_path, bias_tensor_name, new_class_vocab_size,
                                            old_class_vocab_file, new_class_vocab_file,
                                            num_class_oov_buckets=0, initializer=None,
                                            max_rows_in_memory=-1):
    """An initializer loading a multi-class linear model's bias ([classes, 1]) in the new
    class vocabulary's order; new classes from `initializer` (default zeros)."""
    if initializer is None:
        initializer = init_ops.zeros_initializer()
    return load_and_remap_matrix_initializer(
        ckpt_path=ckpt_path, old_tensor_name=bias_tensor_name,
        new_row_vocab_size=new_class_vocab_size, new_col_vocab_size=1,
        old_row_vocab_file=old_class_vocab_file, new_row_vocab_file=new_class_vocab_file,
        old_col_vocab_file=None, new_col_vocab_file=None,
        num_row_oov_buckets=num_class_oov_buckets, num_col_oov_buckets=0,
        initializer=initializer, max_rows_in_memory=max_rows_in_memory)


def load_variable_slot_initializer(ckpt_path, old_tensor_name, primary_partition_info,
                                   new_row_vocab_size, new_col_vocab_size,
                                   old_row_vocab_file=None, new_row_vocab_file=None,
                                   old_col_vocab_file=None, new_col_vocab_file=None,
                                   num_row_oov_buckets=0, num_col_oov_buckets=0,
                                   initializer=None, max_rows_in_memory=-1):
    """An initializer loading an optimizer slot as load_and_remap_matrix_initializer, with
    the partition of the slot's primary variable (`primary_partition_info`) whatever
    partition it is called with."""
    initializer_fn = load_and_remap_matrix_initializer(
        ckpt_path=ckpt_path, old_tensor_name=old_tensor_name,
        new_row_vocab_size=new_row_vocab_size, new_col_vocab_size=new_col_vocab_size,
        old_row_vocab_file=old_row_vocab_file, new_row_vocab_file=new_row_vocab_file,
        old_col_vocab_file=old_col_vocab_file, new_col_vocab_file=new_col_vocab_file,
        num_row_oov_buckets=num_row_oov_buckets, num_col_oov_buckets=num_col_oov_buckets,
        initializer=initializer, max_rows_in_memory=max_rows_in_memory)

    def _initializer(shape, dtype=_dt.float32, partition_info=None):
        del partition_info   # the primary variable's partition, as TF
        return initializer_fn(shape, dtype, partition_info=primary_partition_info)
    return _initializer
