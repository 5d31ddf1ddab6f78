"""`tf.contrib.data` (TF 1.14): the deprecated aliases of tf.data.experimental that
flowgrad implements."""
from ..data.experimental import (AUTOTUNE, CsvDataset, RandomDataset, SqlDataset,
                                 choose_from_datasets, dense_to_sparse_batch,
                                 enumerate_dataset, get_single_element, ignore_errors,
                                 make_saveable_from_iterator, map_and_batch,
                                 parallel_interleave, sample_from_datasets,
                                 shuffle_and_repeat, unbatch)
from ..data.experimental import make_csv_dataset as _make_csv_dataset
from ..data.experimental import CheckpointInputPipelineHook, rejection_resample
from ..data._batched_features import (make_batched_features_dataset, parse_example_dataset,
                                     read_batch_features)
from ..data._extras import (Optional, TFRecordWriter, assert_element_shape,
                            batch_and_drop_remainder, copy_to_device,
                            get_next_as_optional, padded_batch_and_drop_remainder,
                            prefetch_to_device, sliding_window_batch, sloppy_interleave)
from ..data._grouping import (Counter, Reducer, group_by_reducer, group_by_window,
                              reduce_dataset, scan, unique)
from ..data._grouping import bucket_by_sequence_length as _bucket_by_sequence_length
from ..data.readers import LMDBDataset

__all__ = ["AUTOTUNE", "CheckpointInputPipelineHook", "Counter", "CsvDataset", "LMDBDataset",
           "Optional",
           "RandomDataset", "Reducer", "SqlDataset", "dense_to_sparse_batch",
           "TFRecordWriter", "batch_and_drop_remainder", "bucket_by_sequence_length",
           "copy_to_device", "get_next_as_optional", "group_by_reducer", "group_by_window",
           "padded_batch_and_drop_remainder", "prefetch_to_device", "reduce_dataset",
           "rejection_resample", "scan", "make_batched_features_dataset",
           "assert_element_shape",
           "parse_example_dataset", "read_batch_features",
           "sliding_window_batch", "sloppy_interleave", "unique", "choose_from_datasets",
           "enumerate_dataset", "get_single_element", "ignore_errors",
           "make_csv_dataset", "make_saveable_from_iterator", "map_and_batch",
           "parallel_interleave", "sample_from_datasets",
           "shuffle_and_repeat", "unbatch"]


def make_csv_dataset(file_pattern, batch_size, column_names=None, column_defaults=None,
                     label_name=None, select_columns=None, field_delim=",",
                     use_quote_delim=True, na_value="", header=True, num_epochs=None,
                     shuffle=True, shuffle_buffer_size=10000, shuffle_seed=None,
                     prefetch_buffer_size=AUTOTUNE, num_parallel_reads=1, sloppy=False,
                     num_rows_for_inference=100, compression_type=None):
    """tf.data.experimental.make_csv_dataset without `ignore_errors` (TF 1.14's contrib)."""
    return _make_csv_dataset(file_pattern, batch_size, column_names, column_defaults,
                             label_name, select_columns, field_delim, use_quote_delim,
                             na_value, header, num_epochs, shuffle, shuffle_buffer_size,
                             shuffle_seed, prefetch_buffer_size, num_parallel_reads, sloppy,
                             num_rows_for_inference, compression_type)


def bucket_by_sequence_length(element_length_func, bucket_boundaries, bucket_batch_sizes,
                              padded_shapes=None, padding_values=None,
                              pad_to_bucket_boundary=False, no_padding=False):
    """tf.data.experimental.bucket_by_sequence_length without `drop_remainder` (TF 1.14's
    contrib)."""
    return _bucket_by_sequence_length(element_length_func, bucket_boundaries,
                                      bucket_batch_sizes, padded_shapes, padding_values,
                                      pad_to_bucket_boundary, no_padding)
