"""`tf.contrib.predictor` (TF 1.14's contrib/predictor): a callable holding a session over
a prediction graph, built from a SavedModel on disk (from_saved_model), from a
tf.estimator Estimator's latest checkpoint and a serving_input_receiver_fn
(from_estimator) or from a tf.contrib.learn Estimator and an InputFnOps input_fn
(from_contrib_estimator). `predictor({key: value})` feeds the named inputs and returns
{key: numpy value} of its outputs."""
from __future__ import annotations

import os

from ..engine.framework.graph import Graph
from ..engine.runtime.session import Session
from ..estimator.estimator import Estimator as _CoreEstimator
from ..estimator.model_fn import ModeKeys as _CoreModeKeys
from ..saved_model import _proto, loader, signature_constants
from ..train import checkpoint_management
from ..train.monitored_session import ChiefSessionCreator, MonitoredSession
from .learn.constants import PredictionKey, ProblemType
from .learn.estimator import Estimator as _ContribEstimator
from .learn.input_fn_utils import InputFnOps

__all__ = ["from_contrib_estimator", "from_estimator", "from_saved_model"]

DEFAULT_TAGS = "serve"
_DEFAULT_INPUT_ALTERNATIVE_KEY = "default_input_alternative"
_FALLBACK_DEFAULT_OUTPUT_ALTERNATIVE_KEY = "default_output_alternative"


class Predictor:
    """Base of the predictors: a graph, a session in it, and the feed and fetch tensors
    keyed by the names `__call__` takes and returns."""

    graph = property(lambda self: self._graph)
    session = property(lambda self: self._session)
    feed_tensors = property(lambda self: self._feed_tensors)
    fetch_tensors = property(lambda self: self._fetch_tensors)

    def __repr__(self):
        return "{} with feed tensors {} and fetch_tensors {}".format(
            type(self).__name__, self._feed_tensors, self._fetch_tensors)

    def __call__(self, input_dict):
        """Runs the fetch tensors with `input_dict`'s values fed to the feed tensors of the
        same keys (a key absent or None is not fed); ValueError on an unknown key."""
        input_keys = set(input_dict.keys())
        expected_keys = set(self.feed_tensors.keys())
        unexpected_keys = input_keys - expected_keys
        if unexpected_keys:
            raise ValueError("Got unexpected keys in input_dict: {}\nexpected: {}".format(
                unexpected_keys, expected_keys))
        feed_dict = {}
        for key in self.feed_tensors.keys():
            value = input_dict.get(key)
            if value is not None:
                feed_dict[self.feed_tensors[key]] = value
        return self._session.run(fetches=self.fetch_tensors, feed_dict=feed_dict)


# -- from a SavedModel ---------------------------------------------------------------

def get_meta_graph_def(saved_model_dir, tags):
    """The MetaGraphDef of the SavedModel in `saved_model_dir` whose tags are the
    comma-separated `tags` (ValueError when none is)."""
    _, meta_graphs = _proto.parse_saved_model(os.fsdecode(saved_model_dir))
    set_of_tags = set(tag.strip() for tag in tags.split(","))
    for meta_graph_def in meta_graphs:
        if set(meta_graph_def.meta_info_def.tags) == set_of_tags:
            return meta_graph_def
    raise ValueError("Could not find MetaGraphDef with tags {}".format(tags))


def _saved_signature_def(signature_def_key, export_dir, tags):
    """The SignatureDef `signature_def_key` (default 'serving_default') of the SavedModel.
    As in TF, a key it lacks reads as an empty SignatureDef (a protobuf map of messages
    makes the entry it is asked for), so the predictor then feeds and fetches nothing."""
    signature_def_key = (signature_def_key or
                         signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY)
    return get_meta_graph_def(export_dir, tags).signature_def[signature_def_key]


def _check_signature_arguments(signature_def_key, signature_def, input_names, output_names):
    """At most one of the three ways of naming the inputs and outputs, input_names and
    output_names together."""
    input_names_specified = input_names is not None
    if input_names_specified != (output_names is not None):
        raise ValueError("input_names and output_names must both be specified or both be "
                         "unspecified.")
    if (signature_def_key is not None) + (signature_def is not None) + \
            input_names_specified > 1:
        raise ValueError("You must specify at most one of signature_def_key OR signature_def "
                         "OR(input_names AND output_names).")


class SavedModelPredictor(Predictor):
    """A Predictor over a SavedModel loaded into its own session."""

    def __init__(self, export_dir, signature_def_key=None, signature_def=None,
                 input_names=None, output_names=None, tags=None, graph=None, config=None):
        _check_signature_arguments(signature_def_key, signature_def, input_names,
                                   output_names)
        tags = tags or DEFAULT_TAGS
        self._graph = graph or Graph()
        with self._graph.as_default():
            self._session = Session(config=config)
            loader.load(self._session, tags.split(","), export_dir)
        if input_names is None:
            if signature_def is None:
                signature_def = _saved_signature_def(signature_def_key, export_dir, tags)
            input_names = {k: v.name for k, v in signature_def.inputs.items()}
            output_names = {k: v.name for k, v in signature_def.outputs.items()}
        self._feed_tensors = {k: self._graph.get_tensor_by_name(v)
                              for k, v in input_names.items()}
        self._fetch_tensors = {k: self._graph.get_tensor_by_name(v)
                               for k, v in output_names.items()}


# -- from a tf.estimator Estimator -----------------------------------------------------

def _estimator_signature_def(serving_input_receiver, estimator, output_key=None):
    """The SignatureDef of the export output `output_key` of the estimator's PREDICT
    model_fn over the receiver's features."""
    if output_key is None:
        output_key = signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY
    estimator_spec = estimator.model_fn(serving_input_receiver.features, None,
                                        _CoreModeKeys.PREDICT, estimator.config)
    export_outputs = estimator_spec.export_outputs
    export_output = export_outputs.get(output_key)
    if export_output is None:
        raise KeyError("output_key must be one of {}; got {}".format(export_outputs.keys(),
                                                                     output_key))
    return export_output.as_signature_def(serving_input_receiver.receiver_tensors)


class CoreEstimatorPredictor(Predictor):
    """A Predictor over a tf.estimator Estimator's prediction graph, restored from the
    latest checkpoint of its model_dir."""

    def __init__(self, estimator, serving_input_receiver_fn, output_key=None, graph=None,
                 config=None):
        self._graph = graph or Graph()
        with self._graph.as_default():
            serving_input_receiver = serving_input_receiver_fn()
            signature_def = _estimator_signature_def(serving_input_receiver, estimator,
                                                     output_key)
            self._session = MonitoredSession(session_creator=ChiefSessionCreator(
                config=config, checkpoint_dir=estimator.model_dir))
        self._feed_tensors = {k: self._graph.get_tensor_by_name(v.name)
                              for k, v in signature_def.inputs.items()}
        self._fetch_tensors = {k: self._graph.get_tensor_by_name(v.name)
                               for k, v in signature_def.outputs.items()}


# -- from a tf.contrib.learn Estimator -------------------------------------------------

def _input_alternatives(input_ops):
    """({'default_input_alternative': default_inputs} of an InputFnOps, else {}),
    features; ValueError without features."""
    input_alternatives = {}
    if isinstance(input_ops, InputFnOps):
        features, _, default_inputs = input_ops
        input_alternatives[_DEFAULT_INPUT_ALTERNATIVE_KEY] = default_inputs
    else:
        features, _ = input_ops
    if not features:
        raise ValueError("Features must be defined.")
    return input_alternatives, features


def _output_alternatives(model_fn_ops, default_output_alternative_key=None):
    """(output alternatives, the key served by default) of ModelFnOps: its own, or the
    predictions as an UNSPECIFIED problem under 'default_output_alternative'."""
    output_alternatives = model_fn_ops.output_alternatives
    if not output_alternatives:
        if default_output_alternative_key:
            raise ValueError("Requested default_output_alternative: {}, but available "
                             "output_alternatives are: []".format(
                                 default_output_alternative_key))
        default_outputs = model_fn_ops.predictions
        if not isinstance(default_outputs, dict):
            default_outputs = {PredictionKey.GENERIC: default_outputs}
        key = _FALLBACK_DEFAULT_OUTPUT_ALTERNATIVE_KEY
        return {key: (ProblemType.UNSPECIFIED, default_outputs)}, key
    if default_output_alternative_key:
        if default_output_alternative_key in output_alternatives:
            return output_alternatives, default_output_alternative_key
        raise ValueError("Requested default_output_alternative: {}, but available "
                         "output_alternatives are: {}".format(
                             default_output_alternative_key, sorted(output_alternatives)))
    if len(output_alternatives) == 1:
        (key, _), = output_alternatives.items()
        return output_alternatives, key
    raise ValueError("Please specify a default_output_alternative.  Available "
                     "output_alternatives are: {}".format(sorted(output_alternatives)))


class ContribEstimatorPredictor(Predictor):
    """A Predictor over a tf.contrib.learn Estimator's inference graph, restored from the
    latest checkpoint of its model_dir."""

    def __init__(self, estimator, prediction_input_fn, input_alternative_key=None,
                 output_alternative_key=None, graph=None, config=None):
        self._graph = graph or Graph()
        with self._graph.as_default():
            input_fn_ops = prediction_input_fn()
            model_fn_ops = estimator._get_predict_ops(input_fn_ops.features)
            checkpoint_path = checkpoint_management.latest_checkpoint(estimator.model_dir)
            self._session = MonitoredSession(session_creator=ChiefSessionCreator(
                config=config, checkpoint_filename_with_path=checkpoint_path))
        input_alternative_key = input_alternative_key or _DEFAULT_INPUT_ALTERNATIVE_KEY
        input_alternatives, _ = _input_alternatives(input_fn_ops)
        self._feed_tensors = input_alternatives[input_alternative_key]
        output_alternatives, output_alternative_key = _output_alternatives(
            model_fn_ops, output_alternative_key)
        _, self._fetch_tensors = output_alternatives[output_alternative_key]


# -- factories -------------------------------------------------------------------------

def from_contrib_estimator(estimator, prediction_input_fn, input_alternative_key=None,
                           output_alternative_key=None, graph=None, config=None):
    """A Predictor from a tf.contrib.learn Estimator and an input_fn returning InputFnOps
    (TypeError for a tf.estimator Estimator)."""
    if isinstance(estimator, _CoreEstimator):
        raise TypeError("Expected estimator to be of type tf.contrib.learn.Estimator, but got "
                        "type tf.python.estimator.Estimator. You likely want to call "
                        "from_estimator.")
    return ContribEstimatorPredictor(estimator, prediction_input_fn,
                                     input_alternative_key=input_alternative_key,
                                     output_alternative_key=output_alternative_key,
                                     graph=graph, config=config)


def from_estimator(estimator, serving_input_receiver_fn, output_key=None, graph=None,
                   config=None):
    """A Predictor from a tf.estimator Estimator and a serving_input_receiver_fn
    (TypeError for a tf.contrib.learn Estimator)."""
    if isinstance(estimator, _ContribEstimator):
        raise TypeError("Expected estimator to be of type tf.python.estimator.Estimator, but "
                        "got type tf.contrib.learn.Estimator. You likely want to call "
                        "from_contrib_estimator.")
    return CoreEstimatorPredictor(estimator, serving_input_receiver_fn,
                                  output_key=output_key, graph=graph, config=config)


def from_saved_model(export_dir, signature_def_key=None, signature_def=None,
                     input_names=None, output_names=None, tags=None, graph=None,
                     config=None):
    """A Predictor from the SavedModel in `export_dir`: the signature `signature_def_key`
    (default 'serving_default') of the meta graph tagged `tags` (comma-separated, default
    'serve'), or the given SignatureDef, or input_names / output_names ({key: tensor
    name})."""
    return SavedModelPredictor(export_dir, signature_def_key=signature_def_key,
                               signature_def=signature_def, input_names=input_names,
                               output_names=output_names, tags=tags, graph=graph,
                               config=config)
