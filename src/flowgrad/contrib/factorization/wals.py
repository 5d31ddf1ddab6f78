"""tf.contrib.factorization.WALSMatrixFactorization (TF 1.14 contrib/factorization/python/ops/
wals.py): a contrib.learn Estimator training WALSModel in alternating row and column sweeps
through training hooks, with projections (predict) and losses (evaluate)."""

from __future__ import annotations

import flowgrad as _tf

from ...train.session_run_hook import SessionRunArgs, SessionRunHook
from ..learn import model_fn
from ..learn.estimator import Estimator
from .factorization_ops import WALSModel

array_ops = control_flow_ops = math_ops = ops = state_ops = dtypes = _tf
logging = _tf.logging
summary = _tf.summary
training_util = _tf.train


def _variable(initial_value, **kwargs):
    """variable_scope.variable: a TF 1.x reference variable."""
    return _tf.Variable(initial_value, **kwargs)


class _SweepHook(SessionRunHook):
    """Keeps track of row/col sweeps, and runs prep ops before each sweep."""

    def __init__(self, is_row_sweep_var, is_sweep_done_var, init_op, row_prep_ops,
                 col_prep_ops, row_train_op, col_train_op, switch_op):
        self._is_row_sweep_var = is_row_sweep_var
        self._is_sweep_done_var = is_sweep_done_var
        self._init_op = init_op
        self._row_prep_ops = row_prep_ops
        self._col_prep_ops = col_prep_ops
        self._row_train_op = row_train_op
        self._col_train_op = col_train_op
        self._switch_op = switch_op
        self._is_initialized = False

    def before_run(self, run_context):
        """Runs the appropriate prep ops, and requests running update ops."""
        sess = run_context.session
        is_sweep_done = sess.run(self._is_sweep_done_var)
        if not self._is_initialized:
            logging.info("SweepHook running init op.")
            sess.run(self._init_op)
        if is_sweep_done:
            logging.info("SweepHook starting the next sweep.")
            sess.run(self._switch_op)
        is_row_sweep = sess.run(self._is_row_sweep_var)
        if is_sweep_done or not self._is_initialized:
            logging.info("SweepHook running prep ops for the {} sweep.".format(
                "row" if is_row_sweep else "col"))
            prep_ops = self._row_prep_ops if is_row_sweep else self._col_prep_ops
            for prep_op in prep_ops:
                sess.run(prep_op)
        self._is_initialized = True
        logging.info("Next fit step starting.")
        return SessionRunArgs(
            fetches=[self._row_train_op if is_row_sweep else self._col_train_op])


class _IncrementGlobalStepHook(SessionRunHook):
    """Hook that increments the global step."""

    def __init__(self):
        global_step = training_util.get_global_step()
        if global_step:
            self._global_step_incr_op = state_ops.assign_add(
                global_step, 1, name="global_step_incr").op
        else:
            self._global_step_incr_op = None

    def before_run(self, run_context):
        if self._global_step_incr_op:
            run_context.session.run(self._global_step_incr_op)


class _StopAtSweepHook(SessionRunHook):
    """Hook that requests stop at a given sweep (reads the COMPLETED_SWEEPS variable)."""

    def __init__(self, last_sweep):
        self._last_sweep = last_sweep

    def begin(self):
        try:
            self._completed_sweeps_var = ops.get_default_graph().get_tensor_by_name(
                WALSMatrixFactorization.COMPLETED_SWEEPS + ":0")
        except KeyError:
            raise RuntimeError(WALSMatrixFactorization.COMPLETED_SWEEPS
                               + " counter should be created to use StopAtSweepHook.")

    def before_run(self, run_context):
        return SessionRunArgs(self._completed_sweeps_var)

    def after_run(self, run_context, run_values):
        completed_sweeps = run_values.results
        if completed_sweeps >= self._last_sweep:
            run_context.request_stop()


def _train_ops(model, features, params):
    """TRAIN: the book-keeping variables, the sweep hooks and a ModelFnOps."""
    input_rows = features[WALSMatrixFactorization.INPUT_ROWS]
    input_cols = features[WALSMatrixFactorization.INPUT_COLS]
    global_vars = [ops.GraphKeys.GLOBAL_VARIABLES]
    is_row_sweep_var = _variable(True, trainable=False, name="is_row_sweep",
                                 collections=global_vars)
    is_sweep_done_var = _variable(False, trainable=False, name="is_sweep_done",
                                  collections=global_vars)
    completed_sweeps_var = _variable(0, trainable=False,
                                     name=WALSMatrixFactorization.COMPLETED_SWEEPS,
                                     collections=global_vars)
    loss_var = _variable(0., trainable=False, name=WALSMatrixFactorization.LOSS,
                         collections=global_vars)
    rwse_var = _variable(0., trainable=False, name=WALSMatrixFactorization.RWSE,
                         collections=global_vars)
    summary.scalar("loss", loss_var)
    summary.scalar("root_weighted_squared_error", rwse_var)
    summary.scalar("completed_sweeps", completed_sweeps_var)

    def create_axis_ops(sp_input, num_items, update_fn, axis_name):
        processed_items_init = array_ops.fill(dims=[num_items], value=False)
        with ops.colocate_with(processed_items_init):
            processed_items = _variable(processed_items_init, collections=global_vars,
                                        trainable=False, name="processed_" + axis_name)
        _, update_op, loss, reg, sum_weights = update_fn(sp_input)
        input_indices = sp_input.indices[:, 0]
        with ops.control_dependencies([
                update_op,
                state_ops.assign(loss_var, loss + reg),
                state_ops.assign(rwse_var, math_ops.sqrt(loss / sum_weights))]):
            with ops.colocate_with(processed_items):
                update_processed_items = state_ops.scatter_update(
                    processed_items, input_indices,
                    array_ops.ones_like(input_indices, dtype=dtypes.bool),
                    name="update_processed_{}_indices".format(axis_name))
            with ops.control_dependencies([update_processed_items]):
                is_sweep_done = math_ops.reduce_all(processed_items)
                axis_train_op = control_flow_ops.group(
                    state_ops.assign(is_sweep_done_var, is_sweep_done),
                    state_ops.assign_add(completed_sweeps_var,
                                         math_ops.cast(is_sweep_done, dtypes.int32)),
                    name="{}_sweep_train_op".format(axis_name))
        return processed_items.initializer, axis_train_op

    reset_processed_rows_op, row_train_op = create_axis_ops(
        input_rows, params["num_rows"],
        lambda x: model.update_row_factors(sp_input=x, transpose_input=False), "rows")
    reset_processed_cols_op, col_train_op = create_axis_ops(
        input_cols, params["num_cols"],
        lambda x: model.update_col_factors(sp_input=x, transpose_input=True), "cols")
    switch_op = control_flow_ops.group(
        state_ops.assign(is_row_sweep_var, math_ops.logical_not(is_row_sweep_var)),
        reset_processed_rows_op, reset_processed_cols_op, name="sweep_switch_op")
    row_prep_ops = [model.row_update_prep_gramian_op, model.initialize_row_update_op]
    col_prep_ops = [model.col_update_prep_gramian_op, model.initialize_col_update_op]
    sweep_hook = _SweepHook(is_row_sweep_var, is_sweep_done_var, model.worker_init,
                            row_prep_ops, col_prep_ops, row_train_op, col_train_op, switch_op)
    training_hooks = [sweep_hook, _IncrementGlobalStepHook()]
    if params["max_sweeps"] is not None:
        training_hooks.append(_StopAtSweepHook(params["max_sweeps"]))
    return model_fn.ModelFnOps(mode=model_fn.ModeKeys.TRAIN, predictions={}, loss=loss_var,
                               eval_metric_ops={}, train_op=control_flow_ops.no_op(),
                               training_hooks=training_hooks)


def _wals_factorization_model_function(features, labels, mode, params):
    """Model function for the WALSMatrixFactorization estimator: a ModelFnOps."""
    assert labels is None
    use_factors_weights_cache = (params["use_factors_weights_cache_for_training"]
                                 and mode == model_fn.ModeKeys.TRAIN)
    use_gramian_cache = (params["use_gramian_cache_for_training"]
                         and mode == model_fn.ModeKeys.TRAIN)
    model = WALSModel(
        params["num_rows"], params["num_cols"], params["embedding_dimension"],
        unobserved_weight=params["unobserved_weight"],
        regularization=params["regularization_coeff"], row_init=params["row_init"],
        col_init=params["col_init"], num_row_shards=params["num_row_shards"],
        num_col_shards=params["num_col_shards"], row_weights=params["row_weights"],
        col_weights=params["col_weights"], use_factors_weights_cache=use_factors_weights_cache,
        use_gramian_cache=use_gramian_cache)
    input_rows = features[WALSMatrixFactorization.INPUT_ROWS]
    input_cols = features[WALSMatrixFactorization.INPUT_COLS]

    if mode == model_fn.ModeKeys.TRAIN:
        return _train_ops(model, features, params)
    elif mode == model_fn.ModeKeys.INFER:
        projection_weights = features.get(WALSMatrixFactorization.PROJECTION_WEIGHTS)

        def get_row_projection():
            return model.project_row_factors(sp_input=input_rows,
                                             projection_weights=projection_weights,
                                             transpose_input=False)

        def get_col_projection():
            return model.project_col_factors(sp_input=input_cols,
                                             projection_weights=projection_weights,
                                             transpose_input=True)

        predictions = {WALSMatrixFactorization.PROJECTION_RESULT: control_flow_ops.cond(
            features[WALSMatrixFactorization.PROJECT_ROW], get_row_projection,
            get_col_projection)}
        return model_fn.ModelFnOps(mode=model_fn.ModeKeys.INFER, predictions=predictions,
                                   loss=None, eval_metric_ops={},
                                   train_op=control_flow_ops.no_op(), training_hooks=[])
    elif mode == model_fn.ModeKeys.EVAL:
        def get_row_loss():
            _, _, loss, reg, _ = model.update_row_factors(sp_input=input_rows,
                                                          transpose_input=False)
            return loss + reg

        def get_col_loss():
            _, _, loss, reg, _ = model.update_col_factors(sp_input=input_cols,
                                                          transpose_input=True)
            return loss + reg

        loss = control_flow_ops.cond(features[WALSMatrixFactorization.PROJECT_ROW],
                                     get_row_loss, get_col_loss)
        return model_fn.ModelFnOps(mode=model_fn.ModeKeys.EVAL, predictions={}, loss=loss,
                                   eval_metric_ops={}, train_op=control_flow_ops.no_op(),
                                   training_hooks=[])
    else:
        raise ValueError("mode=%s is not recognized." % str(mode))


class WALSMatrixFactorization(Estimator):
    """An Estimator for weighted matrix factorization by WALS: `fit` alternates row and
    column sweeps (input_fn's features INPUT_ROWS and INPUT_COLS, the latter transposed);
    `get_projections` projects new rows or columns (PROJECT_ROW, PROJECTION_WEIGHTS);
    `evaluate` gives their loss. Runs on a single worker replica."""

    INPUT_ROWS = "input_rows"
    INPUT_COLS = "input_cols"
    PROJECT_ROW = "project_row"
    PROJECTION_WEIGHTS = "projection_weights"
    PROJECTION_RESULT = "projection"
    COMPLETED_SWEEPS = "completed_sweeps"
    LOSS = "WALS_loss"
    RWSE = "WALS_RWSE"

    def __init__(self, num_rows, num_cols, embedding_dimension, unobserved_weight=0.1,
                 regularization_coeff=None, row_init="random", col_init="random",
                 num_row_shards=1, num_col_shards=1, row_weights=1, col_weights=1,
                 use_factors_weights_cache_for_training=True,
                 use_gramian_cache_for_training=True, max_sweeps=None, model_dir=None,
                 config=None):
        params = {
            "num_rows": num_rows, "num_cols": num_cols,
            "embedding_dimension": embedding_dimension,
            "unobserved_weight": unobserved_weight,
            "regularization_coeff": regularization_coeff,
            "row_init": row_init, "col_init": col_init,
            "num_row_shards": num_row_shards, "num_col_shards": num_col_shards,
            "row_weights": row_weights, "col_weights": col_weights,
            "max_sweeps": max_sweeps,
            "use_factors_weights_cache_for_training": use_factors_weights_cache_for_training,
            "use_gramian_cache_for_training": use_gramian_cache_for_training,
        }
        self._row_factors_names = ["row_factors_shard_%d" % i for i in range(num_row_shards)]
        self._col_factors_names = ["col_factors_shard_%d" % i for i in range(num_col_shards)]
        super().__init__(model_fn=_wals_factorization_model_function, params=params,
                         model_dir=model_dir, config=config)
        if self._config is not None and self._config.num_worker_replicas > 1:
            raise ValueError("WALSMatrixFactorization must be run on a single worker "
                             "replica.")

    def get_row_factors(self):
        """The row factors' shards, read from the checkpoint (after training)."""
        return [self.get_variable_value(name) for name in self._row_factors_names]

    def get_col_factors(self):
        """The column factors' shards, read from the checkpoint (after training)."""
        return [self.get_variable_value(name) for name in self._col_factors_names]

    def get_projections(self, input_fn):
        """A generator of the projections of the rows or columns input_fn gives."""
        return (result[WALSMatrixFactorization.PROJECTION_RESULT]
                for result in self.predict(input_fn=input_fn))
