"""`tf.contrib.estimator`'s export functions (TF 1.14's contrib export.py and
export/export.py): one mode's SavedModel, all modes', and a supervised receiver built from
an input_fn's features and labels."""
from __future__ import annotations

from ...engine.framework.graph import Graph
from ...estimator.estimator import _features_and_labels
from ...estimator.export.export import build_raw_supervised_input_receiver_fn
from ...estimator.model_fn import ModeKeys

__all__ = ["build_supervised_input_receiver_fn_from_input_fn", "export_all_saved_models",
           "export_saved_model_for_mode"]


def export_saved_model_for_mode(estimator, export_dir_base, input_receiver_fn,
                                assets_extra=None, as_text=False, checkpoint_path=None,
                                mode=ModeKeys.PREDICT):
    """estimator.export_saved_model for one mode (TRAIN and EVAL take a supervised
    receiver)."""
    return estimator.export_saved_model(export_dir_base, input_receiver_fn,
                                        assets_extra=assets_extra, as_text=as_text,
                                        checkpoint_path=checkpoint_path,
                                        experimental_mode=mode)


def export_all_saved_models(estimator, export_dir_base, input_receiver_fn_map,
                            assets_extra=None, as_text=False, checkpoint_path=None):
    """estimator.experimental_export_all_saved_models (deprecated name)."""
    return estimator.experimental_export_all_saved_models(
        export_dir_base, input_receiver_fn_map, assets_extra=assets_extra, as_text=as_text,
        checkpoint_path=checkpoint_path)


def build_supervised_input_receiver_fn_from_input_fn(input_fn, **input_fn_args):
    """A supervised receiver whose placeholders have the shapes and dtypes of what
    input_fn(**input_fn_args) returns (called in a graph of its own)."""
    with Graph().as_default():
        features, labels, _ = _features_and_labels(input_fn(**input_fn_args))
    return build_raw_supervised_input_receiver_fn(features, labels)
