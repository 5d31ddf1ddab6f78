"""tf.keras.estimator (TF 1.14: tensorflow_estimator's keras.py): model_to_estimator makes
a compiled Keras model an Estimator whose model_fn clones the model on the input_fn's
tensors (compiled with the optimizer's class and config, its step counter the global
step) and that warm-starts from the Keras weights, saved first to
model_dir/keras/keras_model.ckpt."""
import os

from .. import logging
from ..engine.framework.graph import Graph
from ..engine.runtime.session import Session
from ..ops import math_ops
from ..ops.random_ops import set_random_seed
from ..train import checkpoint_management, training_util
from ..train.saver import Saver
from . import _backend_core as K
from . import metrics as metrics_module
from . import models
from .engine.sequential import Sequential
from .optimizers import TFOptimizer

__all__ = ["model_to_estimator"]

_DEFAULT_SERVING_KEY = "serving_default"
_TRAIN, _PREDICT = "train", "infer"


def _convert_tensor(x):
    """x as a tensor, a numeric one cast to floatx()."""
    from ..engine.framework.constant_op import convert_to_tensor  # lazy: graph building
    x = convert_to_tensor(x)
    if (x.dtype.is_floating or x.dtype.is_integer or x.dtype.is_complex) \
            and x.dtype.base_dtype.name != K.floatx():
        x = math_ops.cast(x, K.floatx())
    return x


def _to_ordered_list(obj, key_order, obj_name, order_name):
    if obj is None:
        return None
    if isinstance(obj, (list, tuple)):
        return [_convert_tensor(x) for x in obj]
    if isinstance(obj, dict):
        different = set(obj.keys()) ^ set(key_order)
        if different:
            raise KeyError(
                "The dictionary passed into {obj_name} does not have the expected "
                "{order_name} keys defined in the keras model.\n\tExpected keys: "
                "{order_keys}\n\t{obj_name} keys: {obj_keys}\n\tDifference: "
                "{different_keys}".format(order_name=order_name, order_keys=set(key_order),
                                          obj_name=obj_name, obj_keys=set(obj.keys()),
                                          different_keys=different))
        return [_convert_tensor(obj[key]) for key in key_order]
    return [_convert_tensor(obj)]


def _clone_and_build_model(mode, keras_model, custom_objects, features=None, labels=None):
    """TF 1.14's clone of the model on the features (and, but in PREDICT, compiled on the
    labels with a new optimizer whose iterations is the global step)."""
    from .utils import CustomObjectScope  # lazy: keras utils only for custom objects
    K.set_learning_phase(int(mode == _TRAIN))
    graph_network = keras_model._is_graph_network
    input_names = output_names = None
    if isinstance(features, dict):
        input_names = keras_model.input_names if graph_network else \
            ["input_%d" % i for i in range(1, len(features) + 1)]
    if isinstance(labels, dict):
        output_names = keras_model.output_names if graph_network else \
            ["output_%d" % i for i in range(1, len(labels) + 1)]
    inputs = _to_ordered_list(features, input_names, "features", "inputs")
    targets = _to_ordered_list(labels, output_names, "labels", "outputs")
    compile_clone = mode != _PREDICT
    global_step = None
    if compile_clone:
        global_step = training_util.get_or_create_global_step()
        K.track_variable(global_step)
    original = keras_model.optimizer
    if compile_clone and not original:
        raise ValueError("Error when cloning model: compile_clone was set to True, but the "
                         "original model has not been compiled.")
    if graph_network or isinstance(keras_model, Sequential):
        if custom_objects:
            with CustomObjectScope(custom_objects):
                clone = models.clone_model(keras_model, input_tensors=inputs)
        else:
            clone = models.clone_model(keras_model, input_tensors=inputs)
    else:   # TF 1.14 resets a subclassed model in place (restored after the model_fn)
        clone = keras_model
        models._in_place_subclassed_model_reset(clone)
        if inputs is not None:
            clone._set_inputs(inputs)
    if compile_clone:
        if isinstance(original, TFOptimizer):   # the same tf.train optimizer
            optimizer = TFOptimizer(original.optimizer, global_step)
        else:
            optimizer = original.__class__.from_config(original.get_config())
            optimizer.iterations = global_step
        clone.compile(optimizer, keras_model.loss,
                      metrics=metrics_module.clone_metrics(keras_model._metrics_arg),
                      loss_weights=keras_model.loss_weights,
                      weighted_metrics=metrics_module.clone_metrics(
                          keras_model._weighted_metrics_arg),
                      target_tensors=targets)
    return clone


def _eval_metric_ops(model):
    """The compiled Keras metrics by name: EstimatorSpec turns each into a (result, update)
    pair and adds its variables to LOCAL_VARIABLES and METRIC_VARIABLES (TF 1.14)."""
    if not model._metrics_arg:
        return None
    return {m.name: m for m in model._metric_objects}


def _create_keras_model_fn(keras_model, custom_objects=None):
    from ..estimator.export.export_output import PredictOutput  # lazy: estimator package
    from ..estimator.model_fn import EstimatorSpec  # lazy: estimator package

    def model_fn(features, labels, mode):
        """model_fn for keras Estimator."""
        model = _clone_and_build_model(mode, keras_model, custom_objects, features, labels)
        predictions = dict(zip(model.output_names, model.outputs))
        loss = train_op = eval_metric_ops = None
        if mode != _PREDICT:
            if mode == _TRAIN:
                train_op = model._make_train_function()[0]
            else:
                model._make_test_function()
            loss = model.total_loss
            eval_metric_ops = _eval_metric_ops(model)
        if not model._is_graph_network:
            # TF 1.14 puts the subclassed model's state back (the model_fn must not
            # change the model given)
            models.in_place_subclassed_model_state_restoration(keras_model)
        return EstimatorSpec(mode=mode, predictions=predictions, loss=loss,
                             train_op=train_op, eval_metric_ops=eval_metric_ops,
                             export_outputs={_DEFAULT_SERVING_KEY:
                                             PredictOutput(predictions)})
    return model_fn


def _any_weight_initialized(keras_model):
    done = K._KERAS_INITIALIZED
    for layer in keras_model.layers:
        for w in layer.weights:
            if id(w) in done.get(w.graph, ()):
                return True
    return False


def _save_first_checkpoint(keras_model, custom_objects, config):
    """model_dir/keras/keras_model.ckpt: a TRAIN clone in a new graph holding the Keras
    weights (when initialized) and its other variables' initial values."""
    keras_model_dir = os.path.join(config.model_dir, "keras")
    latest_path = checkpoint_management.latest_checkpoint(keras_model_dir)
    if latest_path:
        return latest_path
    keras_weights = keras_model.get_weights() if _any_weight_initialized(keras_model) \
        else None
    os.makedirs(keras_model_dir, exist_ok=True)
    with Graph().as_default():
        set_random_seed(config.tf_random_seed)
        training_util.create_global_step()
        model = _clone_and_build_model(_TRAIN, keras_model, custom_objects)
        with Session(config=config.session_config) as sess:
            if keras_weights:
                model.set_weights(keras_weights)
            model._make_train_function()
            K.get_session()   # initializes the Keras variables not yet initialized
            latest_path = os.path.join(keras_model_dir, "keras_model.ckpt")
            Saver().save(sess, latest_path)
    return latest_path


def _config(config, model_dir):
    """TF's maybe_overwrite_model_dir_and_session_config."""
    import tempfile  # lazy: only when no model_dir is given
    from ..estimator.run_config import RunConfig  # lazy: estimator package
    if config is None:
        config = RunConfig()
        logging.info("Using default config.")
    if not isinstance(config, RunConfig):
        raise ValueError("config must be an instance of `RunConfig`, but provided %s."
                         % config)
    if model_dir is not None:
        model_dir = os.fspath(model_dir)
        if getattr(config, "model_dir", None) is not None and config.model_dir != model_dir:
            raise ValueError("`model_dir` are set both in constructor and `RunConfig`, but "
                             "with different values. In constructor: '{}', in `RunConfig`: "
                             "'{}' ".format(model_dir, config.model_dir))
    if model_dir:
        config = config.replace(model_dir=model_dir)
    elif getattr(config, "model_dir", None) is None:
        model_dir = tempfile.mkdtemp()
        logging.warning("Using temporary folder as model directory: %s", model_dir)
        config = config.replace(model_dir=model_dir)
    return config


def model_to_estimator(keras_model=None, keras_model_path=None, custom_objects=None,
                       model_dir=None, config=None):
    """An Estimator from a compiled Keras model (or the HDF5 file of one)."""
    from ..estimator.estimator import Estimator  # lazy: estimator package
    if not (keras_model or keras_model_path):
        raise ValueError("Either `keras_model` or `keras_model_path` needs to be provided.")
    if keras_model and keras_model_path:
        raise ValueError("Please specity either `keras_model` or `keras_model_path`, but "
                         "not both.")
    config = _config(config, model_dir)
    if not keras_model:
        if keras_model_path.startswith("gs://") or \
                "storage.googleapis.com" in keras_model_path:
            raise NotImplementedError("flowgrad does not implement tf.keras.estimator."
                                      "model_to_estimator from Google Cloud Storage")
        logging.info("Loading models from %s", keras_model_path)
        keras_model = models.load_model(keras_model_path)
    else:
        logging.info("Using the Keras model provided.")
    if not getattr(keras_model, "optimizer", None):
        raise ValueError("The given keras model has not been compiled yet. Please compile "
                         "the model with `model.compile()` before calling "
                         "`model_to_estimator()`.")
    model_fn = _create_keras_model_fn(keras_model, custom_objects)
    if not _any_weight_initialized(keras_model):
        K.set_session(Session(config=config.session_config))
    warm_start_path = None
    if keras_model._is_graph_network:
        warm_start_path = _save_first_checkpoint(keras_model, custom_objects, config)
    elif keras_model.built:
        logging.warning("You are creating an Estimator from a Keras model manually "
                        "subclassed from `Model`, that was already called on some inputs "
                        "(and thus already had weights). We are currently unable to "
                        "preserve the model's state (its weights) as part of the estimator "
                        "in this case. Be warned that the estimator has been created using "
                        "a freshly initialized version of your model.\nNote that this "
                        "doesn't affect the state of the model instance you passed as "
                        "`keras_model` argument.")
    return Estimator(model_fn, config=config, warm_start_from=warm_start_path)
