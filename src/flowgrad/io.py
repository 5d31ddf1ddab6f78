"""tf.io (TF 1.14): TFRecord files, Example parsing, decoders, and tf.io.gfile."""
# ruff: noqa: F401
from . import gfile
from .ops.parsing_ops import (FixedLenFeature, FixedLenSequenceFeature, SparseFeature,
                              VarLenFeature, decode_compressed, decode_csv, decode_raw,
                              parse_example, parse_sequence_example, parse_single_example,
                              parse_single_sequence_example)
from .python_io import TFRecordCompressionType, TFRecordOptions, TFRecordWriter, \
    tf_record_iterator
from .ops.sparse_ops import deserialize_many_sparse, serialize_many_sparse, serialize_sparse
from .ops.string_ops import decode_base64, encode_base64
from .ops.io_extras import (decode_json_example, match_filenames_once, matching_files,
                            parse_tensor, serialize_tensor)
from .ops.io_ops import read_file, write_file
from .ops.data_flow_ops import PaddingFIFOQueue, PriorityQueue, QueueBase, RandomShuffleQueue
from .image import (decode_and_crop_jpeg, decode_bmp, decode_gif, decode_image, decode_jpeg,
                    decode_png, encode_jpeg, extract_jpeg_shape, is_jpeg)
from .tools.graph_def import write_graph
