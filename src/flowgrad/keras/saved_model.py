"""tf.keras.experimental.export_saved_model and load_from_saved_model (TF 1.14 keras/saving/
saved_model.py), TF 1.x SavedModel format.

export_saved_model writes what TF 1.14 writes for a model that is not compiled:
- variables/variables: the model's weights as a TF-format (object-based) checkpoint, with
  TF's keys ('layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE') and the
  directory's `checkpoint` file;
- saved_model.pb (or .pbtxt with as_text): one meta graph tagged 'serve', a clone of the
  model built in a graph of its own in the inference phase, its 'serving_default'
  predict signature (inputs and outputs by the model's input and output names), a Saver
  restoring the object-based keys, local_variables_initializer as its init op (in the
  '__saved_model_init_op' signature) and the default attrs stripped;
- assets/saved_model.json: model.to_json().
A compiled model (a Keras optimizer) gets TF 1.14's 'train' and 'eval' meta graphs first:
a clone compiled as the model (its optimizer's class and config) in a graph of its own in
the mode's learning phase, restoring the model's checkpoint; the train clone's checkpoint
(its optimizer's state with it: 'optimizer/iter', the hyperparameters and the slots
'.../.OPTIMIZER_SLOT/optimizer/m') is the one written; their signatures feed the inputs
and the targets and give the predictions, the loss and the compiled metrics' value and
update; the train op is in the '__saved_model_train_op' signature and the optimizer's
iterations in the global_step collection.
load_from_saved_model rebuilds the model from that JSON and loads the weights; TF 1.14's
SavedModels (compiled or not) load.

Not implemented (NotImplementedError): serving_only=True (TF 2's SavedModel of traced
functions), input_signature, and a model compiled with a tf.train optimizer
(TFOptimizer). The meta graphs lack the restore and save ops TF's graph-mode
load_weights / save_weights leave in them (TF's op counts there are higher).
"""
import os

from ..engine.framework.graph import Graph, get_default_graph
from ..engine.framework.graph_keys import GraphKeys
from ..engine.runtime.session import Session
from ..estimator.export import export as export_lib
from ..ops.variables import local_variables_initializer
from ..saved_model import builder as _builder
from ..saved_model import constants
from ..train.saver import Saver
from . import backend as K
from . import metrics as metrics_module
from . import saving
from ._serialization import CustomObjectScope
from .engine.sequential import Sequential
from .models import clone_model, model_from_json
from .optimizers import TFOptimizer

__all__ = ["export_saved_model", "load_from_saved_model"]

_JSON = "saved_model.json"
_MAX_JSON_BYTES = 64 << 20


class _KerasSavedModelBuilder(_builder.SavedModelBuilder):
    """TF 1.14's _SavedModelBuilder, as Keras uses it: the init op and the train op go in
    the '__saved_model_init_op' / '__saved_model_train_op' signatures (an output naming
    the op), not in collections."""

    init_op = None
    train_op = None

    def _tag_and_add(self, meta_graph_def, tags, signature_def_map):
        signature_def_map = dict(signature_def_map)
        any_sig = next(iter(signature_def_map.values()))
        for key, op in ((constants.INIT_OP_SIGNATURE_KEY, self.init_op),
                        (constants.TRAIN_OP_SIGNATURE_KEY, self.train_op)):
            if op is not None:
                sig = type(any_sig)()
                sig.outputs[key].name = op.name
                signature_def_map[key] = sig
        super()._tag_and_add(meta_graph_def, tags, signature_def_map)


# TF 1.14's Keras mode keys as the export utilities name them
_TRAIN, _EVAL, _PREDICT = "train", "eval", "infer"


def export_saved_model(model, saved_model_path, custom_objects=None, as_text=False,
                       input_signature=None, serving_only=False):
    """Writes `model` as a TF 1.x SavedModel at `saved_model_path` (see the module)."""
    if serving_only:
        raise NotImplementedError("flowgrad does not implement export_saved_model("
                                  "serving_only=True) (TF 2's object-based SavedModel)")
    if input_signature is not None:
        raise NotImplementedError("flowgrad does not implement export_saved_model("
                                  "input_signature=...)")
    if not model._is_graph_network:
        if isinstance(model, Sequential):
            if not model.built:
                raise ValueError(
                    "Weights for sequential model have not yet been created. Weights are "
                    "created when the Model is first called on inputs or `build()` is "
                    "called with an `input_shape`, or the first layer in the model has "
                    "`input_shape` during construction.")
        else:
            raise NotImplementedError("Subclassed models can only be exported for serving. "
                                      "Please set argument serving_only=True.")
    optimizer = getattr(model, "optimizer", None)
    if isinstance(optimizer, TFOptimizer):
        raise NotImplementedError(
            "flowgrad does not implement tf.keras.experimental.export_saved_model of a model "
            "compiled with a tf.train optimizer (TFOptimizer: its train and eval graphs)")
    builder = _KerasSavedModelBuilder(saved_model_path)
    checkpoint_path = os.path.join(saved_model_path, "variables", "variables")
    model.save_weights(checkpoint_path, save_format="tf", overwrite=True)
    has_saved_vars = False
    if optimizer:   # TF 1.14: the train and eval graphs first, the clone's state saved
        _export_mode(_TRAIN, has_saved_vars, builder, model, custom_objects,
                     checkpoint_path)
        has_saved_vars = True
        _export_mode(_EVAL, has_saved_vars, builder, model, custom_objects, checkpoint_path)
    _export_mode(_PREDICT, has_saved_vars, builder, model, custom_objects, checkpoint_path)
    builder.save(as_text)
    assets = os.path.join(saved_model_path, "assets")
    os.makedirs(assets, exist_ok=True)
    with open(os.path.join(assets, _JSON), "w") as f:
        f.write(model.to_json())


def _clone(model, mode, custom_objects):
    """TF 1.14's clone_and_build_model: a clone of the model, compiled as the model
    (an optimizer of its class and config) but in PREDICT."""
    with CustomObjectScope(custom_objects or {}):
        clone = clone_model(model)
    if mode != _PREDICT:
        original = model.optimizer
        clone.compile(original.__class__.from_config(original.get_config()), model.loss,
                      metrics=metrics_module.clone_metrics(model._metrics_arg),
                      loss_weights=model.loss_weights,
                      weighted_metrics=metrics_module.clone_metrics(
                          model._weighted_metrics_arg))
    return clone


def _export_mode(mode, has_saved_vars, builder, model, custom_objects, checkpoint_path):
    """The meta graph of `mode` (TF 1.14's _export_mode): the clone built in a graph of
    its own in the mode's learning phase; the first one restores the model's checkpoint
    and writes the clone's (its optimizer's state with it), the later ones restore it."""
    with Graph().as_default() as g, K.learning_phase_scope(int(mode == _TRAIN)):
        clone = _clone(model, mode, custom_objects)
        if mode != _PREDICT:
            g.add_to_collection(GraphKeys.GLOBAL_STEP, clone.optimizer.iterations)
        train_op = None
        if mode == _TRAIN:
            train_op = clone._make_train_function()[0]
        elif mode == _EVAL:
            clone._make_test_function()
        else:
            clone._make_predict_function()
        for update in clone.state_updates:
            g.add_to_collection(GraphKeys.UPDATE_OPS, update)
        with Session(graph=g).as_default():
            _, tensors = saving.model_checkpoint(clone)._object_graph()
            status = clone.load_weights(checkpoint_path)
            if has_saved_vars:
                status.assert_existing_objects_matched()
            else:
                clone.save_weights(checkpoint_path, save_format="tf", overwrite=True)
                builder._has_saved_variables = True
            signatures = _signature_def_map(clone, mode)
            builder.init_op = local_variables_initializer()
            builder.train_op = train_op
            builder.add_meta_graph(
                export_lib.EXPORT_TAG_MAP[mode], signature_def_map=signatures,
                saver=Saver({key: var for var, key in tensors}, allow_empty=True),
                strip_default_attrs=True)


def _signature_def_map(model, mode):
    """TF 1.14's _create_signature_def_map: the inputs (and, compiled, the targets by
    their names), the outputs, the loss and the compiled metrics' (value, update) pairs,
    their variables made local variables."""
    inputs = dict(zip(model.input_names, model.inputs))
    if model.optimizer:
        inputs.update({t.name.split(":")[0]: t for t in model._targets if t is not None})
    outputs = dict(zip(model.output_names, model.outputs))
    metrics = None
    if model.optimizer and model._metrics_arg:
        graph = get_default_graph()
        metrics = {}
        for m in model._metric_objects:
            local = graph.get_collection(GraphKeys.LOCAL_VARIABLES)
            for v in m.variables:
                if not any(v is x for x in local):
                    graph.add_to_collection(GraphKeys.LOCAL_VARIABLES, v)
            metrics[m.name] = (m.result(), m.updates[0])
    export_outputs = export_lib.export_outputs_for_mode(
        mode, predictions=outputs, loss=model.total_loss if model.optimizer else None,
        metrics=metrics)
    return export_lib.build_all_signature_defs(inputs, export_outputs,
                                               serving_only=mode == _PREDICT)


def load_from_saved_model(saved_model_path, custom_objects=None):
    """The Keras model of a SavedModel export_saved_model wrote (TF 1.14's or flowgrad's):
    rebuilt from assets/saved_model.json, its weights from variables/variables (not
    compiled)."""
    path = os.path.join(os.fspath(saved_model_path), "assets", _JSON)
    with open(path, "rb") as f:
        data = f.read(_MAX_JSON_BYTES + 1)
    if len(data) > _MAX_JSON_BYTES:
        raise ValueError("%s is larger than %d bytes" % (path, _MAX_JSON_BYTES))
    model = model_from_json(data.decode("utf-8"), custom_objects=custom_objects)
    model.load_weights(os.path.join(os.fspath(saved_model_path), "variables", "variables"))
    return model
