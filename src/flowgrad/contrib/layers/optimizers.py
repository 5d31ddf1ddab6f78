"""contrib.layers.optimize_loss (TF 1.14 contrib/layers/python/layers/optimizers.py):
a training op with the learning-rate variable, summaries, gradient clipping, noise and
multipliers TF 1.14 builds."""
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import GraphKeys, Tensor, get_collection
from ...engine.framework.indexed_slices import IndexedSlices
from ...ops import array_ops, control_flow_ops, init_ops, math_ops, random_ops
from ...ops import variable_scope as vs
from ...ops import variables as vars_
from ... import summary
from ... import train
from ...train import moving_averages
from ...train.optimizer import Optimizer
from ..framework.tensor_util import assert_scalar

__all__ = ["optimize_loss", "adaptive_clipping_fn", "OPTIMIZER_CLS_NAMES",
           "OPTIMIZER_SUMMARIES"]

OPTIMIZER_CLS_NAMES = {
    "Adagrad": train.AdagradOptimizer,
    "Adam": train.AdamOptimizer,
    "Ftrl": train.FtrlOptimizer,
    "Momentum": lambda learning_rate: train.MomentumOptimizer(learning_rate, momentum=0.9),
    "RMSProp": train.RMSPropOptimizer,
    "SGD": train.GradientDescentOptimizer,
}

OPTIMIZER_SUMMARIES = ["learning_rate", "loss", "gradients", "gradient_norm",
                       "global_gradient_norm"]


def _learning_rate(learning_rate):
    if learning_rate is None:
        return None
    if isinstance(learning_rate, Tensor) and learning_rate.shape.ndims == 0:
        return learning_rate
    if isinstance(learning_rate, float):
        if learning_rate < 0.0:
            raise ValueError("Invalid learning_rate %s.", learning_rate)
        return vs.get_variable("learning_rate", [], trainable=False,
                               initializer=init_ops.constant_initializer(learning_rate))
    raise ValueError("Learning rate should be 0d Tensor or float. Got %s of type %s"
                     % (str(learning_rate), str(type(learning_rate))))


def _make_optimizer(optimizer, lr, learning_rate):
    if isinstance(optimizer, str):
        if lr is None:
            raise ValueError("Learning rate is None, but should be specified if optimizer is "
                             "string (%s)." % optimizer)
        if optimizer not in OPTIMIZER_CLS_NAMES:
            raise ValueError("Optimizer name should be one of [%s], you provided %s."
                             % (", ".join(OPTIMIZER_CLS_NAMES), optimizer))
        return OPTIMIZER_CLS_NAMES[optimizer](learning_rate=lr)
    if isinstance(optimizer, type) and issubclass(optimizer, Optimizer):
        if lr is None:
            raise ValueError("Learning rate is None, but should be specified if optimizer is "
                             "class (%s)." % optimizer)
        return optimizer(learning_rate=lr)
    if isinstance(optimizer, Optimizer):
        return optimizer
    if callable(optimizer):
        opt = optimizer(lr) if learning_rate is not None else optimizer()
        if not isinstance(opt, Optimizer):
            raise ValueError("Unrecognized optimizer: function should return subclass of "
                             "Optimizer. Got %s." % str(opt))
        return opt
    raise ValueError("Unrecognized optimizer: should be string, subclass of Optimizer, "
                     "instance of subclass of Optimizer or function with one argument. "
                     "Got %s." % str(optimizer))


def optimize_loss(loss, global_step, learning_rate, optimizer, gradient_noise_scale=None,
                  gradient_multipliers=None, clip_gradients=None,
                  learning_rate_decay_fn=None, update_ops=None, variables=None, name=None,
                  summaries=None, colocate_gradients_with_ops=False,
                  increment_global_step=True):
    """The op that applies `optimizer` to minimize `loss` (and returns the loss).

    Args:
      loss: a scalar tensor.
      global_step: the step variable (None: tf.train.get_global_step()).
      learning_rate: a float (a 'learning_rate' variable is made) or a scalar tensor.
      optimizer: a name ('SGD', 'Adam', 'Adagrad', 'Ftrl', 'Momentum', 'RMSProp'), an
        Optimizer class or instance, or a function of the learning rate.
      gradient_noise_scale: adds truncated-normal noise times this to the gradients.
      gradient_multipliers: {variable or name: multiplier}.
      clip_gradients: a float (clip_by_global_norm) or a function of grads_and_vars.
      learning_rate_decay_fn: f(learning_rate, global_step) -> the decayed rate.
      update_ops: ops run before the loss (default: UPDATE_OPS).
      variables: the variables to train (default: trainable_variables()).
      name: the variable scope (default 'OptimizeLoss').
      summaries: a subset of OPTIMIZER_SUMMARIES (default loss, learning_rate,
        global_gradient_norm).
      colocate_gradients_with_ops: passed to compute_gradients.
      increment_global_step: whether the train op increments global_step.
    """
    loss = convert_to_tensor(loss)
    assert_scalar(loss)
    if global_step is None:
        global_step = train.get_global_step()
    else:
        train.assert_global_step(global_step)
    with vs.variable_scope(name, "OptimizeLoss", [loss, global_step]):
        if update_ops is None:
            update_ops = set(get_collection(GraphKeys.UPDATE_OPS))
        if update_ops:
            loss = control_flow_ops.with_dependencies(list(update_ops), loss)
        lr = _learning_rate(learning_rate)
        if summaries is None:
            summaries = ["loss", "learning_rate", "global_gradient_norm"]
        else:
            for summ in summaries:
                if summ not in OPTIMIZER_SUMMARIES:
                    raise ValueError("Summaries should be one of [%s], you provided %s."
                                     % (", ".join(OPTIMIZER_SUMMARIES), summ))
        if learning_rate is not None and learning_rate_decay_fn is not None:
            if global_step is None:
                raise ValueError("global_step is required for learning_rate_decay_fn.")
            lr = learning_rate_decay_fn(lr, global_step)
            if "learning_rate" in summaries:
                summary.scalar("learning_rate", lr)
        opt = _make_optimizer(optimizer, lr, learning_rate)
        if variables is None:
            variables = vars_.trainable_variables()
        gradients = opt.compute_gradients(
            loss, variables, colocate_gradients_with_ops=colocate_gradients_with_ops)
        if gradient_noise_scale is not None:
            gradients = _add_scaled_noise_to_gradients(gradients, gradient_noise_scale)
        if gradient_multipliers is not None:
            gradients = _multiply_gradients(gradients, gradient_multipliers)
            if not gradients:
                raise ValueError("Empty list of (gradient, var) pairs encountered. This is "
                                 "most likely to be caused by an improper value of "
                                 "gradient_multipliers.")
        if "global_gradient_norm" in summaries or "gradient_norm" in summaries:
            summary.scalar("global_norm/gradient_norm",
                           math_ops.global_norm(list(zip(*gradients))[0]))
        if isinstance(clip_gradients, float):
            gradients = _clip_gradients_by_norm(gradients, clip_gradients)
        elif callable(clip_gradients):
            gradients = clip_gradients(gradients)
        elif clip_gradients is not None:
            raise ValueError("Unknown type %s for clip_gradients" % type(clip_gradients))
        if "loss" in summaries:
            summary.scalar("loss", loss)
        for gradient, variable in gradients:
            grad_values = gradient.values if isinstance(gradient, IndexedSlices) else gradient
            if grad_values is not None:
                var_name = variable.name.replace(":", "_")
                if "gradients" in summaries:
                    summary.histogram("gradients/%s" % var_name, grad_values)
                if "gradient_norm" in summaries:
                    summary.scalar("gradient_norm/%s" % var_name,
                                   math_ops.global_norm([grad_values]))
        if clip_gradients is not None and ("global_gradient_norm" in summaries
                                           or "gradient_norm" in summaries):
            summary.scalar("global_norm/clipped_gradient_norm",
                           math_ops.global_norm(list(zip(*gradients))[0]))
        grad_updates = opt.apply_gradients(
            gradients, global_step=global_step if increment_global_step else None,
            name="train")
        return control_flow_ops.with_dependencies([grad_updates], loss)


def _clip_gradients_by_norm(grads_and_vars, clip_gradients):
    gradients, variables = zip(*grads_and_vars)
    clipped, _ = math_ops.clip_by_global_norm(gradients, clip_gradients)
    return list(zip(clipped, variables))


def _adaptive_max_norm(norm, std_factor, decay, global_step, epsilon, name):
    with vs.variable_scope(name, "AdaptiveMaxNorm", [norm]):
        log_norm = math_ops.log(norm + epsilon)

        def moving_average(name, value, decay):
            var = vs.get_variable(name, shape=value.shape, dtype=value.dtype,
                                  initializer=init_ops.zeros_initializer(), trainable=False)
            return moving_averages.assign_moving_average(var, value, decay,
                                                         zero_debias=False)

        if global_step is not None:
            n = math_ops.cast(global_step, _dt.float32)
            decay = math_ops.minimum(decay, n / (n + 1.))
        mean = moving_average("mean", log_norm, decay)
        sq_mean = moving_average("sq_mean", math_ops.square(log_norm), decay)
        variance = sq_mean - math_ops.square(mean)
        std = math_ops.sqrt(math_ops.maximum(epsilon, variance))
        return math_ops.exp(mean + std_factor * std), mean


def adaptive_clipping_fn(std_factor=2., decay=0.95, static_max_norm=None, global_step=None,
                         report_summary=False, epsilon=1e-8, name=None):
    """A clip_gradients function that clips the global norm to exp(mean + std_factor *
    std) of the moving statistics of its log."""
    def gradient_clipping(grads_and_vars):
        grads, variables = zip(*grads_and_vars)
        norm = math_ops.global_norm(grads)
        max_norm, log_mean = _adaptive_max_norm(norm, std_factor, decay, global_step,
                                                epsilon, name)
        if report_summary:
            summary.scalar("global_norm/adaptive_max_gradient_norm", max_norm)
        factor = array_ops.where(norm < max_norm, array_ops.ones_like(norm),
                                 math_ops.exp(log_mean) / norm)
        if static_max_norm is not None:
            factor = math_ops.minimum(static_max_norm / norm, factor)
        clipped = []
        for grad in grads:
            if grad is None:
                clipped.append(None)
            elif isinstance(grad, IndexedSlices):
                clipped.append(IndexedSlices(grad.values * factor, grad.indices,
                                             grad.dense_shape))
            else:
                clipped.append(grad * factor)
        return list(zip(clipped, variables))
    return gradient_clipping


def _add_scaled_noise_to_gradients(grads_and_vars, gradient_noise_scale):
    gradients, variables = zip(*grads_and_vars)
    noisy = []
    for gradient in gradients:
        if gradient is None:
            noisy.append(None)
            continue
        shape = gradient.dense_shape if isinstance(gradient, IndexedSlices) else gradient.shape
        noise = random_ops.truncated_normal(shape) * gradient_noise_scale
        noisy.append(gradient + noise)
    return list(zip(noisy, variables))


def _multiply_gradients(grads_and_vars, gradient_multipliers):
    out = []
    for grad, var in grads_and_vars:
        if grad is not None and (var in gradient_multipliers
                                 or var.name in gradient_multipliers):
            key = var if var in gradient_multipliers else var.name
            multiplier = gradient_multipliers[key]
            if isinstance(grad, IndexedSlices):
                grad = IndexedSlices(grad.values * multiplier, grad.indices, grad.dense_shape)
            else:
                grad *= math_ops.cast(multiplier, grad.dtype)
        out.append((grad, var))
    return out
