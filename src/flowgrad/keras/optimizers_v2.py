"""The machinery of TF 1.14's Keras optimizers (keras/optimizer_v2/optimizer_v2.py), graph
mode.

Hyperparameters given as numbers (learning_rate, decay, beta_1, rho, momentum, ...) become
float variables on first use, made in name order in the current name scope (inside
apply_gradients: '<Name>/beta_1'), as TF's `_create_hypers`; an attribute of that name
(`opt.lr`, `opt.beta_1`) is the variable, and setting it sets the variable. The `iter`
counter (int64) and per-variable slots '<Name>/<variable>/<slot>' are made before the
updates; `weights` is [iter, extra weights (Nadam's momentum_cache), slots...] in TF's
order - what TF writes as an HDF5 file's `optimizer_weights` (hyperparameters are not
weights). apply_gradients builds each variable's update in '<Name>/<name>/update_<var>/'
and returns the iterations' AssignAddVariableOp run after them. Sparse gradients
(IndexedSlices) are deduplicated (unique indices, summed values) before a class's
`_resource_apply_sparse`."""
import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import control_dependencies, get_default_graph, name_scope
from ..engine.framework.indexed_slices import IndexedSlices
from ..engine.ops import resource as _res
from ..engine.framework.graph import Tensor
from ..ops import array_ops, math_ops
from ..ops.io_extras import init_scope
from . import backend
from . import optimizers_schedules as schedules
from .engine.base_layer_utils import make_variable

__all__ = ["OptimizerV2"]


def _is_variable(x):
    return hasattr(x, "_should_act_as_resource_variable") or hasattr(x, "_lazy_read")


def _ref_slot_error(var, slot_name, initializer):
    """TF 1.14 makes a slot with `var.dtype`: for a reference variable ('float32_ref') the
    initializer's value (built in '<slot>/Initializer/') fails the conversion to it, TF's
    ValueError."""
    with name_scope(slot_name), name_scope("Initializer"):
        value = initializer(var.shape, dtype=var.dtype)
    convert_to_tensor(value, dtype=var.dtype)
    raise AssertionError("a ref dtype never converts")


class OptimizerV2:
    """TF 1.14's OptimizerV2 in graph mode; a subclass sets its hyperparameters with
    `_set_hyper` and defines `_create_slots(var_list)`, `_resource_apply_dense(grad, var)`,
    optionally `_resource_apply_sparse(grad, var, indices)` and `_prepare(var_list)`."""

    def __init__(self, name, **kwargs):
        allowed = {"clipnorm", "clipvalue", "lr", "decay"}
        for k in kwargs:
            if k not in allowed:
                raise TypeError("Unexpected keyword argument passed to optimizer: " + str(k))
            if kwargs[k] < 0:
                raise ValueError("Expected {} >= 0, received: {}".format(k, kwargs[k]))
        self._name = name
        # TF opens '<Name>/' at construction, in the default graph of the time (graph
        # mode's name_scope uniquifies); apply_gradients re-enters it wherever called
        with name_scope(self._name) as scope:
            self._scope = scope
        self._hyper = {}
        self._hypers_created = False
        self._slots = {}
        self._weights = []
        self._iterations = None
        decay = kwargs.pop("decay", 0.0)
        self._initial_decay = decay
        if "clipnorm" in kwargs:
            self.clipnorm = kwargs.pop("clipnorm")
        if "clipvalue" in kwargs:
            self.clipvalue = kwargs.pop("clipvalue")

    # -- hyperparameters ------------------------------------------------------------------
    def _set_hyper(self, name, value):
        prev = self._hyper.get(name)
        if prev is None or not _is_variable(prev) or \
                isinstance(value, schedules.LearningRateSchedule):
            self._hyper[name] = value
        else:
            backend.set_value(prev, value)

    def _create_hypers(self):
        if self._hypers_created:
            return
        for name, value in sorted(self._hyper.items()):
            if isinstance(value, Tensor) or callable(value) or _is_variable(value):
                continue
            var = make_variable(name, shape=(), dtype=_dt.float32, trainable=False,
                                initializer=value)
            backend.track_variable(var)
            self._hyper[name] = var
            self._restore_dependency(name, var)
        self._hypers_created = True

    def _restore_dependency(self, name, var):
        """TF's _track_trackable of a weight: a checkpoint restored before it was made
        (load_weights) restores it now."""
        if "_self_restore_state" in self.__dict__:
            from ..train import checkpointable  # lazy: only after a restore
            checkpointable.dependency_added(self, name, var)

    def _get_hyper(self, name, dtype=None):
        if not self._hypers_created:
            self._create_hypers()
        value = self._hyper[name]
        if isinstance(value, schedules.LearningRateSchedule):
            return value
        if callable(value) and not _is_variable(value):
            value = value()
        return math_ops.cast(value, dtype) if dtype else value

    def _serialize_hyperparameter(self, name):
        value = self._hyper[name]
        if isinstance(value, schedules.LearningRateSchedule):
            return schedules.serialize(value)
        if callable(value) and not _is_variable(value):
            return value()
        if isinstance(value, Tensor) or _is_variable(value):
            return backend.get_value(value)
        return value

    def __getattr__(self, name):
        # only reached when normal lookup fails: TF's hyperparameter attributes
        if name.startswith("__") or name in ("_hyper", "_name"):
            raise AttributeError(name)
        key = "learning_rate" if name == "lr" else name
        hyper = self.__dict__.get("_hyper", {})
        if key in hyper:
            return self._get_hyper(key)
        raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))

    def __setattr__(self, name, value):
        key = "learning_rate" if name == "lr" else name
        hyper = self.__dict__.get("_hyper")
        if hyper is not None and key in hyper:
            self._set_hyper(key, value)
        else:
            object.__setattr__(self, name, value)

    # -- state ----------------------------------------------------------------------------
    def _var_scope(self):
        """'<Name>/' (uniquified at construction)."""
        return self._scope

    def add_weight(self, name, shape, dtype=None, initializer="zeros", trainable=None):
        """A variable in the current name scope, tracked by keras.backend."""
        from . import initializers  # lazy: keras.initializers imports the layers
        if isinstance(initializer, str) or callable(initializer):
            initializer = initializers.get(initializer)
        var = make_variable(name, shape=shape, dtype=dtype or _dt.float32,
                            initializer=initializer,
                            trainable=True if trainable is None else trainable)
        backend.track_variable(var)
        return var

    @property
    def iterations(self):
        """The int64 step counter 'iter' (made on first use, in the current scope)."""
        if self._iterations is None:
            self._iterations = self.add_weight("iter", shape=(), dtype=_dt.int64,
                                               trainable=False)
            self._restore_dependency("iter", self._iterations)
            self._weights.append(self._iterations)
        return self._iterations

    @iterations.setter
    def iterations(self, variable):
        if self._iterations is not None:
            raise RuntimeError("Cannot set `iterations` to a new Variable after the "
                               "Optimizer weights have been created")
        self._iterations = variable
        self._weights.append(self._iterations)

    def add_slot(self, var, slot_name, initializer="zeros"):
        """The slot `slot_name` of `var` ('<scope><var>/<slot>'), made on first call."""
        slot_dict = self._slots.setdefault(id(var), {})
        weight = slot_dict.get(slot_name)
        if weight is None:
            from . import initializers  # lazy: keras.initializers imports the layers
            if isinstance(initializer, str) or callable(initializer):
                initializer = initializers.get(initializer)
            scope = get_default_graph().get_name_scope()
            with name_scope((scope + "/" if scope else "") + var.op.name + "/"):
                if var.dtype._is_ref_dtype:
                    _ref_slot_error(var, slot_name, initializer)
                weight = make_variable(slot_name, shape=var.shape,
                                       dtype=var.dtype.base_dtype, trainable=False,
                                       initializer=initializer)
            backend.track_variable(weight)
            slot_dict[slot_name] = weight
            if "_self_restore_state" in self.__dict__:   # TF's _restore_slot_variable
                from ..train import checkpointable  # lazy: only after a restore
                checkpointable.slot_created(self, getattr(var, "_variable", var), slot_name,
                                            weight)
            self._weights.append(weight)
        return weight

    def get_slot(self, var, slot_name):
        return self._slots[id(var)][slot_name]

    def get_slot_names(self):
        names = []
        for slots in self._slots.values():
            names += [n for n in slots if n not in names]
        return names

    def _create_slots(self, var_list):
        pass

    def _prepare(self, var_list):
        pass

    def _decayed_lr(self, var_dtype):
        """The learning rate (a schedule's value at `iterations`), then lr / (1 + decay *
        iterations) when decay > 0."""
        lr_t = self._get_hyper("learning_rate", var_dtype)
        if isinstance(lr_t, schedules.LearningRateSchedule):
            local_step = math_ops.cast(self.iterations, var_dtype)
            lr_t = math_ops.cast(lr_t(local_step), var_dtype)
        if self._initial_decay > 0.:
            local_step = math_ops.cast(self.iterations, var_dtype)
            decay_t = self._get_hyper("decay", var_dtype)
            lr_t = lr_t / (1. + decay_t * local_step)
        return lr_t

    def _compute_gradients(self, loss, var_list, grad_loss=None):
        """TF 1.14's: (gradient, variable) pairs of the callable `loss` from a
        GradientTape (gradients in '<Name>/', clipped as clipnorm / clipvalue say)."""
        from ..eager.backprop import GradientTape  # lazy: the tape only for this path
        with GradientTape() as tape:
            if not callable(var_list):
                tape.watch(var_list)
            loss_value = loss()
        if callable(var_list):
            var_list = var_list()
        var_list = list(var_list) if isinstance(var_list, (list, tuple)) else [var_list]
        with name_scope(self._var_scope()):
            grads = tape.gradient(loss_value, var_list, grad_loss)
            if hasattr(self, "clipnorm"):
                grads = [math_ops.clip_by_norm(g, self.clipnorm) for g in grads]
            if hasattr(self, "clipvalue"):
                grads = [math_ops.clip_by_value(g, -self.clipvalue, self.clipvalue)
                         for g in grads]
        return list(zip(grads, var_list))

    # -- applying -------------------------------------------------------------------------
    def apply_gradients(self, grads_and_vars, name=None):
        """Applies (gradient, variable) pairs, then increments `iterations`; returns the op
        (TF 1.14: no pairs at all only increment it; pairs all without a gradient are a
        ValueError naming their variables)."""
        given = list(grads_and_vars)
        grads_and_vars = [(g, v) for g, v in given if g is not None]
        if given and not grads_and_vars:
            raise ValueError("No gradients provided for any variable: %s." % (
                [v.name for _, v in given],))
        var_list = [v for _, v in grads_and_vars]
        with name_scope(self._var_scope()):
            with init_scope():
                _ = self.iterations
                self._create_hypers()
                self._create_slots(var_list)
            self._prepare(var_list)
            updates = []
            with name_scope(name or self._name):
                for g, v in grads_and_vars:
                    with name_scope("update_" + v.op.name):
                        updates.append(self._apply_one(g, v))
                with control_dependencies(updates):
                    return self._iterations.assign_add(1).op

    def _apply_one(self, grad, var):
        if isinstance(grad, IndexedSlices):
            if getattr(var, "constraint", None) is not None:
                raise RuntimeError("Cannot use a constraint function on a sparse variable.")
            return self._resource_apply_sparse_duplicate_indices(grad.values, var,
                                                                 grad.indices)
        update = self._resource_apply_dense(grad, var)
        if getattr(var, "constraint", None) is not None:
            with control_dependencies([update]):
                return var.assign(var.constraint(var))
        return update

    def _resource_apply_sparse_duplicate_indices(self, grad, var, indices):
        """Duplicate indices summed, then `_resource_apply_sparse`."""
        if not hasattr(self, "_resource_apply_sparse"):
            raise NotImplementedError("flowgrad does not implement sparse gradients in "
                                      "the Keras " + type(self).__name__ + " optimizer")
        unique, positions = array_ops.unique(indices)
        values = math_ops.unsorted_segment_sum(grad, positions, array_ops.shape(unique)[0])
        return self._resource_apply_sparse(values, var, unique)

    def _resource_scatter_add(self, x, i, v):
        """x[i] += v (the raw op: no read of its own); x's value read after."""
        with control_dependencies([_res.resource_scatter_add(x.handle, i, v)]):
            return x.value()

    def _resource_scatter_update(self, x, i, v):
        with control_dependencies([_res.resource_scatter_update(x.handle, i, v)]):
            return x.value()

    # -- weights --------------------------------------------------------------------------
    def variables(self):
        """The optimizer's weights: iter, extra weights, slots (TF's order)."""
        return list(self._weights)

    @property
    def weights(self):
        return self.variables()

    def get_weights(self):
        """The values of `weights`, read in keras.backend.get_session()."""
        return backend.get_session().run(self.weights)

    def set_weights(self, weights):
        """Loads numpy arrays into `weights` by position (ValueError on a count or shape
        mismatch, TF 1.14's messages)."""
        params = self.weights
        if len(params) != len(weights):
            raise ValueError("You called `set_weights(weights)` on optimizer " + self._name +
                             " with a  weight list of length " + str(len(weights)) +
                             ", but the optimizer was expecting " + str(len(params)) +
                             " weights. Provided weights: " + str(weights)[:50] + "...")
        if not params:
            return
        for p, w in zip(params, weights):
            if tuple(p.shape.as_list()) != tuple(np.shape(w)):
                raise ValueError("Optimizer weight shape " + str(tuple(p.shape.as_list())) +
                                 " not compatible with provided weight shape " +
                                 str(np.shape(w)))
        sess = backend.get_session()
        for p, w in zip(params, weights):
            p.load(np.asarray(w), sess)

    def get_config(self):
        config = {"name": self._name}
        if hasattr(self, "clipnorm"):
            config["clipnorm"] = self.clipnorm
        if hasattr(self, "clipvalue"):
            config["clipvalue"] = self.clipvalue
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        # TF 1.14 edits `config` itself (load_model's training_config: 'lr' renamed)
        if "lr" in config:
            config["learning_rate"] = config.pop("lr")
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = schedules.deserialize(config["learning_rate"],
                                                            custom_objects=custom_objects)
        return cls(**config)
