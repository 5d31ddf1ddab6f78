"""tf.feature_column (TF 1.14): the column constructors (feature_column_v2.py) and
input_layer, linear_model, make_parse_example_spec, shared_embedding_columns
(feature_column.py), and the sequence columns (sequence_feature_column.py) that
tf.keras.experimental.SequenceFeatures takes."""
from __future__ import annotations

from .feature_column import (input_layer, linear_model, make_parse_example_spec,
                             shared_embedding_columns)
from .feature_column_v2 import (bucketized_column, categorical_column_with_hash_bucket,
                                categorical_column_with_identity,
                                categorical_column_with_vocabulary_file,
                                categorical_column_with_vocabulary_list, crossed_column,
                                embedding_column, indicator_column, numeric_column,
                                weighted_categorical_column)
from .sequence_feature_column import (sequence_categorical_column_with_hash_bucket,
                                      sequence_categorical_column_with_identity,
                                      sequence_categorical_column_with_vocabulary_file,
                                      sequence_categorical_column_with_vocabulary_list,
                                      sequence_numeric_column)

__all__ = ["bucketized_column", "categorical_column_with_hash_bucket",
           "categorical_column_with_identity", "categorical_column_with_vocabulary_file",
           "categorical_column_with_vocabulary_list", "crossed_column", "embedding_column",
           "indicator_column", "input_layer", "linear_model", "make_parse_example_spec",
           "numeric_column", "sequence_categorical_column_with_hash_bucket",
           "sequence_categorical_column_with_identity",
           "sequence_categorical_column_with_vocabulary_file",
           "sequence_categorical_column_with_vocabulary_list", "sequence_numeric_column",
           "shared_embedding_columns", "weighted_categorical_column"]
