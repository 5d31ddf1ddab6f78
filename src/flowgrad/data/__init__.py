"""tf.data (TF 1.14, graph mode): Dataset, Iterator, the file datasets and experimental."""
from . import experimental
from .dataset_ops import (Dataset, DatasetV1, Options, get_output_classes, get_output_shapes,
                          get_output_types, make_initializable_iterator, make_one_shot_iterator)
from .iterator_ops import Iterator
from .readers import FixedLengthRecordDataset, TextLineDataset, TFRecordDataset

__all__ = ["Dataset", "DatasetV1", "FixedLengthRecordDataset", "Iterator", "Options",
           "TFRecordDataset", "TextLineDataset", "experimental", "get_output_classes",
           "get_output_shapes", "get_output_types", "make_initializable_iterator",
           "make_one_shot_iterator"]
