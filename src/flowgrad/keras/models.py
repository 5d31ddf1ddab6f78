"""tf.keras.models: Model and Sequential, and reading and writing whole models: configs
(get_config / from_config / to_json / model_from_json) and HDF5 files (save_model /
load_model, TF 1.14's layout: see keras/saving.py)."""
import json

from .. import logging
from . import optimizers
from . import saving
from .engine.sequential import Sequential, layer_class
from .engine.training import Model

__all__ = ["Model", "Sequential", "model_from_config", "model_from_json", "load_model",
           "save_model", "clone_model"]


def model_from_config(config, custom_objects=None):
    """A model (or layer) from {'class_name': ..., 'config': ...}."""
    if isinstance(config, list):
        raise TypeError("`model_from_config` expects a dictionary, not a list. Maybe you "
                        "meant to use `Sequential.from_config(config)`?")
    if not isinstance(config, dict) or "class_name" not in config or "config" not in config:
        raise ValueError("Improper config format: " + str(config))
    name = config["class_name"]
    if name == "Sequential":
        return Sequential.from_config(config["config"], custom_objects)
    if name in ("Model", "Functional"):
        return Model.from_config(config["config"], custom_objects)
    return layer_class(name, custom_objects).from_config(dict(config["config"]))


def _clone_layer(layer):
    return layer.__class__.from_config(layer.get_config())


def clone_model(model, input_tensors=None, clone_function=None):
    """A new model of the same structure with new layers (and newly initialized weights):
    a Sequential of each layer's clone (`clone_function`, default from_config of its
    config), or a functional model rebuilt from its config."""
    from .engine.base_layer import KERAS_HISTORY  # lazy: keras engine on first use
    from .engine.input_layer import Input, InputLayer  # lazy: keras engine on first use
    if isinstance(model, Sequential):
        fn = _clone_layer if clone_function is None else clone_function
        if not callable(fn):
            raise ValueError("Expected `layer_fn` argument to be a callable.")
        if input_tensors is None:
            layers = [_clone_layer(x) if isinstance(x, InputLayer) else fn(x)
                      for x in model._layers]
            return Sequential(layers=layers, name=model.name)
        # TF 1.14: the model's InputLayer gives way to one over the given tensor
        layers = [fn(x) for x in model._layers if not isinstance(x, InputLayer)]
        tensors = list(input_tensors) if isinstance(input_tensors, (list, tuple)) \
            else [input_tensors]
        if len(tensors) != 1:
            raise ValueError("To clone a `Sequential` model, we expect  at most one tensor "
                             "as part of `input_tensors`.")
        x = tensors[0]
        if x in KERAS_HISTORY:
            raise NotImplementedError("flowgrad does not implement clone_model("
                                      "input_tensors=...) with a Keras tensor")
        wrapped = Input(tensor=x, name="input_wrapper_for_" + str(x.name))
        layer = KERAS_HISTORY[wrapped][0]
        return Sequential(layers=[layer] + layers, name=model.name)
    if not isinstance(model, Model):
        raise ValueError("Expected `model` argument to be a `Model` instance, got ", model)
    if clone_function is not None:
        raise NotImplementedError("flowgrad does not implement clone_model(clone_function=...) "
                                  "for a functional model")
    custom = {type(x).__name__: type(x) for x in model.layers}
    if input_tensors is None:
        return Model._from_config(model.get_config(), custom, cloning=True)
    tensors = list(input_tensors) if isinstance(input_tensors, (list, tuple)) \
        else [input_tensors]
    input_layers = {}
    for original, x in zip([KERAS_HISTORY[t][0] for t in model.inputs], tensors):
        if x in KERAS_HISTORY:
            raise NotImplementedError("flowgrad does not implement clone_model("
                                      "input_tensors=...) with a Keras tensor")
        wrapped = Input(tensor=x, name="input_wrapper_for_" + original.name)
        layer = KERAS_HISTORY[wrapped][0]
        input_layers[original.name] = layer
    return Model._from_config(model.get_config(), custom, input_layers=input_layers,
                              cloning=True)


# a subclassed model's state that in_place_subclassed_model_state_restoration puts back
# (TF 1.14 caches inputs, outputs, total_loss, optimizer, its functions and feeds; here the
# attributes compile and the first call set)
_CACHED_ATTRIBUTES = ("inputs", "outputs", "input_names", "output_names", "total_loss",
                      "optimizer", "loss", "loss_weights", "_compile_metrics_names",
                      "_compiled", "_graph_built", "_metrics_arg", "_weighted_metrics_arg",
                      "_target_tensors_arg", "_loss_fns", "_loss_weights_list", "_targets",
                      "_sample_weights", "_metric_objects", "_metric_results",
                      "_per_output", "_weighted_per_output", "_loss_means", "_train_fn",
                      "_test_group", "_predict_group", "_train_call", "_test_call",
                      "_sw_want")
_NOT_LAYER_LISTS = ("layers", "_layers", "metrics", "_metrics", "_metric_objects",
                    "_loss_means")


def _in_place_subclassed_model_reset(model):
    """TF 1.14's stand-in for cloning a subclassed model: each layer attribute replaced by
    a fresh layer from its config (the originals, and a built model's inputs, outputs and
    compile state, cached for in_place_subclassed_model_state_restoration), then the
    model unbuilt and uncompiled."""
    from .engine.base_layer import Layer  # lazy: keras engine on first use
    from .engine.network import Network  # lazy: keras engine on first use
    cache = {}
    for name, value in sorted(vars(model).items()):
        if isinstance(value, Layer):
            cache[name] = value
            if getattr(value, "layers", None):
                raise ValueError("We do not support the use of nested layers in "
                                 "`model_to_estimator` at this time. Found nested layer: %s"
                                 % value)
        elif isinstance(value, (list, tuple)) and name not in _NOT_LAYER_LISTS:
            if value and all(isinstance(v, Layer) for v in value):
                raise ValueError("We do not support the use of list-of-layers attributes "
                                 "in subclassed models used with `model_to_estimator` at "
                                 "this time. Found list model: %s" % name)
    names = {id(v): k for k, v in cache.items()}
    original = list(model._layers)
    model.__dict__["_layers"] = []
    for layer in original:   # in the layers' order
        if isinstance(layer, Network) and not layer._is_graph_network:
            raise ValueError("We do not support the use of nested subclassed models in "
                             "`model_to_estimator` at this time. Found nested model: %s"
                             % layer)
        fresh = layer.__class__.from_config(layer.get_config())
        model.__dict__[names[id(layer)]] = fresh
        model.__dict__["_layers"].append(fresh)
    if getattr(model, "_original_attributes_cache", None) is None:
        if model.built:
            for name in _CACHED_ATTRIBUTES:
                if name in vars(model):
                    cache[name] = vars(model)[name]
        model._original_attributes_cache = cache
    _reset_build_compile_trackers(model)


def _reset_build_compile_trackers(model):
    model.built = False
    model.inputs = None
    model.outputs = None
    model._compiled = False
    model.optimizer = None


def in_place_subclassed_model_state_restoration(model):
    """Undoes _in_place_subclassed_model_reset: the original layers (and a built model's
    cached state) back; without a cache the model is unbuilt and uncompiled."""
    from .engine.base_layer import Layer  # lazy: keras engine on first use
    cache = getattr(model, "_original_attributes_cache", None)
    if cache is None:
        _reset_build_compile_trackers(model)
        return
    model.__dict__["_layers"] = []
    for name, value in cache.items():
        model.__dict__[name] = value
        if isinstance(value, Layer):
            model.__dict__["_layers"].append(value)
    model._original_attributes_cache = None


def model_from_json(json_string, custom_objects=None):
    """A model from the JSON of model.to_json()."""
    return model_from_config(json.loads(json_string), custom_objects=custom_objects)


def model_from_yaml(yaml_string, custom_objects=None):
    """A model from the YAML of model.to_yaml() (needs PyYAML: the `yaml` extra)."""
    return model_from_config(saving.yaml_load(yaml_string), custom_objects=custom_objects)


def save_model(model, filepath, overwrite=True, include_optimizer=True, save_format=None):
    """Writes the model to an HDF5 file (TF 1.14's layout; needs h5py)."""
    saving.save_model(model, filepath, overwrite, include_optimizer, save_format)


def _convert_custom(obj, custom_objects):
    if isinstance(obj, list):
        return [_convert_custom(v, custom_objects) for v in obj]
    if isinstance(obj, dict):
        return {k: _convert_custom(v, custom_objects) for k, v in obj.items()}
    if isinstance(obj, str) and obj in custom_objects:
        return custom_objects[obj]
    return obj


def load_model(filepath, custom_objects=None, compile=True):
    """The model an HDF5 file holds (written by TF 1.14's Keras or flowgrad), with its
    weights, compiled as saved when `compile` and the file has a training config."""
    h5py = saving.h5py_module()
    custom_objects = custom_objects or {}
    with h5py.File(filepath, mode="r") as f:
        model_config = f.attrs.get("model_config")
        if model_config is None:
            raise ValueError("No model found in config file.")
        if isinstance(model_config, bytes):
            model_config = model_config.decode("utf-8")
        model = model_from_config(json.loads(model_config), custom_objects=custom_objects)
        saving.load_weights_from_hdf5_group(f["model_weights"], model.layers)
        if not compile:
            return model
        training_config = f.attrs.get("training_config")
        if training_config is None:
            logging.warning("No training configuration found in save file: the model was "
                            "*not* compiled. Compile it manually.")
            return model
        if isinstance(training_config, bytes):
            training_config = training_config.decode("utf-8")
        tc = json.loads(training_config)
        opt = optimizers.deserialize(tc["optimizer_config"], custom_objects=custom_objects)
        if tc.get("sample_weight_mode") is not None:
            raise NotImplementedError("flowgrad does not implement compile("
                                      "sample_weight_mode=...) (in the file's "
                                      "training_config)")
        model.compile(optimizer=opt, loss=_convert_custom(tc["loss"], custom_objects),
                      metrics=_convert_custom(tc["metrics"], custom_objects),
                      loss_weights=tc["loss_weights"],
                      weighted_metrics=_convert_custom(tc.get("weighted_metrics"),
                                                       custom_objects))
        if "optimizer_weights" in f:
            # TF 1.14: the state loads by position into the optimizer's weights (made
            # by the train function); a mismatch leaves a fresh optimizer, with a warning
            if model._is_graph_network:
                model._make_train_function()
                _, values = saving.load_optimizer_weights(f)
                try:
                    model.optimizer.set_weights(values)
                except ValueError:
                    logging.warning("Error in loading the saved optimizer state. As a result, "
                                    "your model is starting with a freshly initialized "
                                    "optimizer.")
            else:
                logging.warning("Sequential models without an `input_shape` passed to the "
                                "first layer cannot reload their optimizer state. As a "
                                "result, your model isstarting with a freshly initialized "
                                "optimizer.")
    return model
