"""`tf.estimator.Exporter`, `LatestExporter`, `FinalExporter`, `BestExporter` (TF 1.14's
exporter.py): SavedModel exports that train_and_evaluate runs after each evaluation."""
from __future__ import annotations

import os
import shutil

from .. import logging

__all__ = ["Exporter", "LatestExporter", "FinalExporter", "BestExporter"]


class Exporter:
    """Exports a trained model; subclasses give `name` and `export`."""

    @property
    def name(self):
        """The directory name exports go to (under model_dir/export)."""
        raise NotImplementedError("Calling an abstract method.")

    def export(self, estimator, export_path, checkpoint_path, eval_result,
               is_the_final_export):
        """Exports the model at checkpoint_path; returns the export's path or None."""
        raise NotImplementedError("Calling an abstract method.")


class _SavedModelExporter(Exporter):
    def __init__(self, name, serving_input_receiver_fn, assets_extra=None, as_text=False):
        self._name = name
        self._serving_input_receiver_fn = serving_input_receiver_fn
        self._assets_extra = assets_extra
        self._as_text = as_text

    name = property(lambda self: self._name)

    def export(self, estimator, export_path, checkpoint_path, eval_result,
               is_the_final_export):
        return estimator.export_saved_model(
            export_path, self._serving_input_receiver_fn, assets_extra=self._assets_extra,
            as_text=self._as_text, checkpoint_path=checkpoint_path)


def _check_keep(exports_to_keep):
    if exports_to_keep is not None and exports_to_keep <= 0:
        raise ValueError("`exports_to_keep`, if provided, must be positive number")


def _garbage_collect(export_dir_base, exports_to_keep):
    """Deletes all but the newest `exports_to_keep` timestamped exports."""
    if exports_to_keep is None or not os.path.isdir(export_dir_base):
        return
    versions = sorted(int(n) for n in os.listdir(export_dir_base) if n.isdigit())
    for version in versions[:-exports_to_keep] if exports_to_keep else []:
        path = os.path.join(export_dir_base, str(version))
        try:
            shutil.rmtree(path)
        except OSError as e:
            logging.warning("Can not delete %s recursively: %s", path, e)


class LatestExporter(_SavedModelExporter):
    """Exports after every evaluation, keeping the newest `exports_to_keep`."""

    def __init__(self, name, serving_input_receiver_fn, assets_extra=None, as_text=False,
                 exports_to_keep=5):
        super().__init__(name, serving_input_receiver_fn, assets_extra, as_text)
        _check_keep(exports_to_keep)
        self._exports_to_keep = exports_to_keep

    def export(self, estimator, export_path, checkpoint_path, eval_result,
               is_the_final_export):
        result = super().export(estimator, export_path, checkpoint_path, eval_result,
                                is_the_final_export)
        _garbage_collect(export_path, self._exports_to_keep)
        return result


class FinalExporter(_SavedModelExporter):
    """Exports once, after the final evaluation (global step >= max_steps)."""

    def export(self, estimator, export_path, checkpoint_path, eval_result,
               is_the_final_export):
        if not is_the_final_export:
            return None
        logging.info("Performing the final export in the end of training.")
        return super().export(estimator, export_path, checkpoint_path, eval_result,
                              is_the_final_export)


def _loss_smaller(best_eval_result, current_eval_result):
    """True when the current evaluation's 'loss' is below the best one's."""
    key = "loss"
    if not best_eval_result or key not in best_eval_result:
        raise ValueError("best_eval_result cannot be empty or no loss is found in it.")
    if not current_eval_result or key not in current_eval_result:
        raise ValueError("current_eval_result cannot be empty or no loss is found in it.")
    return best_eval_result[key] > current_eval_result[key]


def _read_eval_results(pattern, compare_fn):
    """The best evaluation (by `compare_fn`) recorded in the event files matching
    `pattern`, or None."""
    from ..summary import Event  # lazy: protobuf classes load on first use
    from ..python_io import tf_record_iterator  # lazy: with the event files
    best = None
    from .. import gfile  # lazy: TF's gfile.Glob (a missing directory raises NotFoundError)
    for path in gfile.Glob(pattern):
        for record in tf_record_iterator(path):
            event = Event.FromString(record)
            if not event.HasField("summary"):
                continue
            result = {v.tag: v.simple_value for v in event.summary.value
                      if v.HasField("simple_value")}
            if result and (best is None or compare_fn(best, result)):
                best = result
    return best


class BestExporter(_SavedModelExporter):
    """Exports when an evaluation beats the best so far (by `compare_fn`, default: a
    smaller 'loss'); the best so far is first read from model_dir's eval event files."""

    def __init__(self, name="best_exporter", serving_input_receiver_fn=None,
                 event_file_pattern="eval/*.tfevents.*", compare_fn=_loss_smaller,
                 assets_extra=None, as_text=False, exports_to_keep=5):
        if not callable(compare_fn):
            raise ValueError("`compare_fn` must not be None.")
        super().__init__(name, serving_input_receiver_fn, assets_extra, as_text)
        _check_keep(exports_to_keep)
        self._compare_fn = compare_fn
        self._event_file_pattern = event_file_pattern
        self._exports_to_keep = exports_to_keep
        self._model_dir = None
        self._best_eval_result = None

    def export(self, estimator, export_path, checkpoint_path, eval_result,
               is_the_final_export):
        if self._model_dir != estimator.model_dir and self._event_file_pattern:
            self._model_dir = estimator.model_dir
            self._best_eval_result = _read_eval_results(
                os.path.join(estimator.model_dir, self._event_file_pattern),
                self._compare_fn)
        result = None
        if self._best_eval_result is None or self._compare_fn(
                best_eval_result=self._best_eval_result, current_eval_result=eval_result):
            logging.info("Exporting a better model ({} instead of {})...".format(
                eval_result, self._best_eval_result))
            result = super().export(estimator, export_path, checkpoint_path, eval_result,
                                    is_the_final_export)
            _garbage_collect(export_path, self._exports_to_keep)
            self._best_eval_result = eval_result
        else:
            logging.info("Keeping the current best model ({} instead of {}).".format(
                self._best_eval_result, eval_result))
        return result
