"""What the canned estimators share: feature checks, the hidden-layer summaries, the
partitioner arguments flowgrad does not take, and the feature-column entry points."""
from __future__ import annotations

from ...ops import nn_ops
from ...summary import summary_ops

__all__ = []


def validate_features(features):
    if not isinstance(features, dict):
        raise ValueError("features should be a dictionary of `Tensor`s. Given type: {}"
                         .format(type(features)))


def add_layer_summary(value, tag):
    summary_ops.scalar("%s/fraction_of_zero_values" % tag, nn_ops.zero_fraction(value))
    summary_ops.histogram("%s/activation" % tag, value)


def refuse(owner, **args):
    """NotImplementedError for the first argument that is set (not None)."""
    for name, value in args.items():
        if value is not None:
            raise NotImplementedError("%s: %s is not implemented by flowgrad (variables are "
                                      "never partitioned)" % (owner, name))


def feature_column_lib():
    from ... import feature_column  # lazy: tf.feature_column loads on first use
    return feature_column
