"""tf.contrib.factorization's WALSModel (TF 1.14 contrib/factorization/python/ops/
factorization_ops.py): weighted alternating least squares, built from flowgrad's ops with
TF's variables, ops and op names. The normal equations are formed by the
WALSComputePartialLhsAndRhs kernel and solved by MatrixSolve (Eigen's partial-pivot LU);
the loss's approximations come from MaskedMatmul (ops/factorization_ops.py)."""

from __future__ import annotations

import collections.abc
import numbers

import flowgrad as _tf

from ...ops import factorization_ops as gen_factorization_ops

array_ops = check_ops = constant_op = control_flow_ops = data_flow_ops = _tf
linalg_ops = math_ops = ops = random_ops = state_ops = variables = dtypes = _tf
sparse_tensor = sparse_ops = _tf
embedding_ops = _tf.nn


def _variable(initial_value, **kwargs):
    """variable_scope.variable: a TF 1.x reference variable."""
    return _tf.Variable(initial_value, **kwargs)


class WALSModel(object):
    r"""A model for Weighted Alternating Least Squares matrix factorization.

    It minimizes ||sqrt(W) * (A - U V^T)||_F^2 + lambda (||U||_F^2 + ||V||_F^2) over the row
    factors U and column factors V, where W_ij = W_0 + R_i C_j for observed entries and W_0
    (unobserved_weight) otherwise. Run `initialize_op`, then `worker_init`; each row sweep
    runs `row_update_prep_gramian_op`, `initialize_row_update_op` and the update op of
    `update_row_factors(sp_input)`; column sweeps alike.
    """

    def __init__(self, input_rows, input_cols, n_components, unobserved_weight=0.1,
                 regularization=None, row_init="random", col_init="random",
                 num_row_shards=1, num_col_shards=1, row_weights=1, col_weights=1,
                 use_factors_weights_cache=True, use_gramian_cache=True,
                 use_scoped_vars=False):
        self._input_rows = input_rows
        self._input_cols = input_cols
        self._num_row_shards = num_row_shards
        self._num_col_shards = num_col_shards
        self._n_components = n_components
        self._unobserved_weight = unobserved_weight
        self._regularization = regularization
        self._regularization_matrix = (
            regularization * linalg_ops.eye(self._n_components)
            if regularization is not None else None)
        assert (row_weights is None) == (col_weights is None)
        self._use_factors_weights_cache = use_factors_weights_cache
        self._use_gramian_cache = use_gramian_cache

        def create(scope, fn):
            if not use_scoped_vars:
                return fn()
            with ops.name_scope(scope):
                return fn()

        self._row_weights = create("row_weights", lambda: WALSModel._create_weights(
            row_weights, self._input_rows, self._num_row_shards, "row_weights"))
        self._col_weights = create("col_weights", lambda: WALSModel._create_weights(
            col_weights, self._input_cols, self._num_col_shards, "col_weights"))
        self._row_factors = create("row_factors", lambda: self._create_factors(
            self._input_rows, self._n_components, self._num_row_shards, row_init,
            "row_factors"))
        self._col_factors = create("col_factors", lambda: self._create_factors(
            self._input_cols, self._n_components, self._num_col_shards, col_init,
            "col_factors"))

        self._row_gramian = self._create_gramian(self._n_components, "row_gramian")
        self._col_gramian = self._create_gramian(self._n_components, "col_gramian")
        with ops.name_scope("row_prepare_gramian"):
            self._row_update_prep_gramian = self._prepare_gramian(
                self._col_factors, self._col_gramian)
        with ops.name_scope("col_prepare_gramian"):
            self._col_update_prep_gramian = self._prepare_gramian(
                self._row_factors, self._row_gramian)
        with ops.name_scope("transient_vars"):
            self._create_transient_vars()

    @property
    def row_factors(self):
        """Returns a list of tensors corresponding to row factor shards."""
        return self._row_factors

    @property
    def col_factors(self):
        """Returns a list of tensors corresponding to column factor shards."""
        return self._col_factors

    @property
    def row_weights(self):
        """Returns a list of tensors corresponding to row weight shards."""
        return self._row_weights

    @property
    def col_weights(self):
        """Returns a list of tensors corresponding to col weight shards."""
        return self._col_weights

    @property
    def initialize_op(self):
        """Returns an op for initializing tensorflow variables."""
        all_vars = self._row_factors + self._col_factors
        all_vars.extend([self._row_gramian, self._col_gramian])
        if self._row_weights is not None:
            assert self._col_weights is not None
            all_vars.extend(self._row_weights + self._col_weights)
        return variables.variables_initializer(all_vars)

    @classmethod
    def _shard_sizes(cls, dims, num_shards):
        """Helper function to split dims values into num_shards."""
        shard_size, residual = divmod(dims, num_shards)
        return [shard_size + 1] * residual + [shard_size] * (num_shards - residual)

    @classmethod
    def _create_factors(cls, rows, cols, num_shards, init, name):
        """Helper function to create row and column factors."""
        if callable(init):
            init = init()
        if isinstance(init, list):
            assert len(init) == num_shards
        elif isinstance(init, str) and init == "random":
            pass
        elif num_shards == 1:
            init = [init]
        sharded_matrix = []
        sizes = cls._shard_sizes(rows, num_shards)
        assert len(sizes) == num_shards

        def make_initializer(i, size):
            def initializer():
                if isinstance(init, str) and init == "random":
                    return random_ops.random_normal([size, cols])
                return init[i]
            return initializer

        for i, size in enumerate(sizes):
            sharded_matrix.append(_variable(make_initializer(i, size), dtype=dtypes.float32,
                                            name="%s_shard_%d" % (name, i)))
        return sharded_matrix

    @classmethod
    def _create_weights(cls, wt_init, num_wts, num_shards, name):
        """Helper function to create sharded weight vector (None: no weights)."""
        if wt_init is None:
            return None
        init_mode = "list"
        if isinstance(wt_init, collections.abc.Iterable):
            if num_shards == 1 and len(wt_init) == num_wts:
                wt_init = [wt_init]
            assert len(wt_init) == num_shards
        elif isinstance(wt_init, numbers.Real) and wt_init >= 0:
            init_mode = "scalar"
        else:
            raise ValueError(
                "Invalid weight initialization argument. Must be one of these: "
                "None, a real non-negative real number, or a list of lists of "
                "non-negative real numbers (or equivalent iterables) corresponding "
                "to sharded factors.")
        sizes = cls._shard_sizes(num_wts, num_shards)
        assert len(sizes) == num_shards

        def make_wt_initializer(i, size):
            def initializer():
                if init_mode == "scalar":
                    return wt_init * array_ops.ones([size])
                return wt_init[i]
            return initializer

        sharded_weight = []
        for i, size in enumerate(sizes):
            sharded_weight.append(_variable(make_wt_initializer(i, size), dtype=dtypes.float32,
                                            name="%s_shard_%d" % (name, i)))
        return sharded_weight

    @staticmethod
    def _create_gramian(n_components, name):
        """The [n_components, n_components] gramian variable (zeros)."""
        return _variable(array_ops.zeros([n_components, n_components]), dtype=dtypes.float32,
                         name=name)

    @staticmethod
    def _transient_var(name):
        """A local, non-trainable variable of any shape, initially 1.0."""
        return _variable(1.0, trainable=False, collections=[ops.GraphKeys.LOCAL_VARIABLES],
                         validate_shape=False, name=name)

    def _prepare_gramian(self, factors, gramian):
        """An op assigning the sum of the shards' f^T f to `gramian`."""
        partial_gramians = []
        for f in factors:
            with ops.colocate_with(f):
                partial_gramians.append(math_ops.matmul(f, f, transpose_a=True))
        with ops.colocate_with(gramian):
            prep_gramian = state_ops.assign(gramian, math_ops.add_n(partial_gramians)).op
        return prep_gramian

    def _cached_copy(self, var, name, pass_through=False):
        """(cache, cache_init, cache_reset): worker-local copies of a variable or a list of
        them (assigned one after the other), or `var` itself with no-ops if pass_through."""
        if var is None:
            return None, None, None
        elif pass_through:
            cache = var
            cache_init = control_flow_ops.no_op()
            cache_reset = control_flow_ops.no_op()
        elif isinstance(var, _tf.Variable):
            cache = WALSModel._transient_var(name=name)
            with ops.colocate_with(cache):
                cache_init = state_ops.assign(cache, var, validate_shape=False)
                cache_reset = state_ops.assign(cache, 1.0, validate_shape=False)
        else:
            assert isinstance(var, list)
            assert var
            cache = [WALSModel._transient_var(name="%s_shard_%d" % (name, i))
                     for i in range(len(var))]
            reset_ops = []
            for i, c in enumerate(cache):
                with ops.colocate_with(c):
                    if i == 0:
                        cache_init = state_ops.assign(c, var[i], validate_shape=False)
                    else:
                        with ops.control_dependencies([cache_init]):
                            cache_init = state_ops.assign(c, var[i], validate_shape=False)
                    reset_ops.append(state_ops.assign(c, 1.0, validate_shape=False))
            cache_reset = control_flow_ops.group(*reset_ops)
        return cache, cache_init, cache_reset

    def _create_transient_vars(self):
        """The worker caches of the factors, weights and gramians, and the ops that fill
        (and reset) them before row and column updates."""
        no_cache = not self._use_factors_weights_cache
        (self._row_factors_cache, row_factors_cache_init,
         row_factors_cache_reset) = self._cached_copy(
             self._row_factors, "row_factors_cache", pass_through=no_cache)
        (self._col_factors_cache, col_factors_cache_init,
         col_factors_cache_reset) = self._cached_copy(
             self._col_factors, "col_factors_cache", pass_through=no_cache)
        self._row_wt_cache, row_wt_cache_init, _ = self._cached_copy(
            self._row_weights, "row_wt_cache", pass_through=no_cache)
        self._col_wt_cache, col_wt_cache_init, _ = self._cached_copy(
            self._col_weights, "col_wt_cache", pass_through=no_cache)
        (self._row_gramian_cache, row_gramian_cache_init,
         row_gramian_cache_reset) = self._cached_copy(
             self._row_gramian, "row_gramian_cache",
             pass_through=not self._use_gramian_cache)
        (self._col_gramian_cache, col_gramian_cache_init,
         col_gramian_cache_reset) = self._cached_copy(
             self._col_gramian, "col_gramian_cache",
             pass_through=not self._use_gramian_cache)

        self._row_updates_init = control_flow_ops.group(
            col_factors_cache_init, row_factors_cache_reset, col_gramian_cache_init,
            row_gramian_cache_reset)
        self._col_updates_init = control_flow_ops.group(
            row_factors_cache_init, col_factors_cache_reset, row_gramian_cache_init,
            col_gramian_cache_reset)

        if self._row_wt_cache is not None:
            assert self._col_wt_cache is not None
            self._worker_init = control_flow_ops.group(
                row_wt_cache_init, col_wt_cache_init, name="worker_init")
        else:
            self._worker_init = control_flow_ops.no_op(name="worker_init")

    @property
    def worker_init(self):
        """Op to initialize the worker's cache of the row and column weights, once."""
        return self._worker_init

    @property
    def row_update_prep_gramian_op(self):
        """Op to form the column gramian before starting row updates."""
        return self._row_update_prep_gramian

    @property
    def col_update_prep_gramian_op(self):
        """Op to form the row gramian before starting column updates."""
        return self._col_update_prep_gramian

    @property
    def initialize_row_update_op(self):
        """Op to initialize worker state before starting row updates."""
        return self._row_updates_init

    @property
    def initialize_col_update_op(self):
        """Op to initialize worker state before starting column updates."""
        return self._col_updates_init

    @staticmethod
    def _get_sharding_func(size, num_shards):
        """The shard of each id and its index in that shard ("div" sharding)."""

        def func(ids):
            if num_shards == 1:
                return None, ids
            ids_per_shard = size // num_shards
            extras = size % num_shards
            assignments = math_ops.maximum(ids // (ids_per_shard + 1),
                                           (ids - extras) // ids_per_shard)
            new_ids = array_ops.where(assignments < extras, ids % (ids_per_shard + 1),
                                      (ids - extras) % ids_per_shard)
            return assignments, new_ids

        return func

    @classmethod
    def scatter_update(cls, factor, indices, values, sharding_func, name=None):
        """Helper function for doing sharded scatter update."""
        assert isinstance(factor, list)
        if len(factor) == 1:
            with ops.colocate_with(factor[0]):
                return state_ops.scatter_update(factor[0], indices, values, name=name).op
        num_shards = len(factor)
        assignments, new_ids = sharding_func(indices)
        assert assignments is not None
        assignments = math_ops.cast(assignments, dtypes.int32)
        sharded_ids = data_flow_ops.dynamic_partition(new_ids, assignments, num_shards)
        sharded_values = data_flow_ops.dynamic_partition(values, assignments, num_shards)
        updates = []
        for i in range(num_shards):
            updates.append(state_ops.scatter_update(factor[i], sharded_ids[i],
                                                    sharded_values[i]))
        return control_flow_ops.group(*updates, name=name)

    def update_row_factors(self, sp_input=None, transpose_input=False):
        """Updates the row factors: (new_values, update_op, unregularized_loss,
        regularization, sum_weights) for the rows of the SparseTensor sp_input."""
        return self._process_input_helper(True, sp_input=sp_input,
                                          transpose_input=transpose_input)

    def update_col_factors(self, sp_input=None, transpose_input=False):
        """Updates the column factors: (new_values, update_op, unregularized_loss,
        regularization, sum_weights) for the columns of the SparseTensor sp_input."""
        return self._process_input_helper(False, sp_input=sp_input,
                                          transpose_input=transpose_input)

    def project_row_factors(self, sp_input=None, transpose_input=False,
                            projection_weights=None):
        """The row embeddings of the rows of sp_input (one solve of the update equations;
        projection_weights: the rows' weights, a scalar or one per row, default 1)."""
        if projection_weights is None:
            projection_weights = 1
        return self._process_input_helper(True, sp_input=sp_input,
                                          transpose_input=transpose_input,
                                          row_weights=projection_weights)[0]

    def project_col_factors(self, sp_input=None, transpose_input=False,
                            projection_weights=None):
        """The column embeddings of the columns of sp_input (see project_row_factors)."""
        if projection_weights is None:
            projection_weights = 1
        return self._process_input_helper(False, sp_input=sp_input,
                                          transpose_input=transpose_input,
                                          row_weights=projection_weights)[0]

    def _process_input_helper(self, update_row_factors, sp_input=None, transpose_input=False,
                              row_weights=None):
        """The graph that updates (or projects) the row or column factors for a sparse
        slice of the input, and its loss terms (TF's _process_input_helper)."""
        assert isinstance(sp_input, sparse_tensor.SparseTensor)

        if update_row_factors:
            left = self._row_factors
            right_factors = self._col_factors_cache
            row_wt = self._row_wt_cache
            col_wt = self._col_wt_cache
            total_rows = self._input_rows
            total_cols = self._input_cols
            sharding_func = WALSModel._get_sharding_func(self._input_rows,
                                                         self._num_row_shards)
            gramian = self._col_gramian_cache
        else:
            left = self._col_factors
            right_factors = self._row_factors_cache
            row_wt = self._col_wt_cache
            col_wt = self._row_wt_cache
            total_rows = self._input_cols
            total_cols = self._input_rows
            sharding_func = WALSModel._get_sharding_func(self._input_cols,
                                                         self._num_col_shards)
            gramian = self._row_gramian_cache
            transpose_input = not transpose_input

        row_ids, col_ids = array_ops.split(value=sp_input.indices, num_or_size_splits=2,
                                           axis=1)
        update_row_indices, all_row_ids = array_ops.unique(row_ids[:, 0])
        update_col_indices, all_col_ids = array_ops.unique(col_ids[:, 0])
        col_ids = array_ops.expand_dims(math_ops.cast(all_col_ids, dtypes.int64), 1)
        row_ids = array_ops.expand_dims(math_ops.cast(all_row_ids, dtypes.int64), 1)

        if transpose_input:
            update_indices = update_col_indices
            row_shape = [math_ops.cast(array_ops.shape(update_row_indices)[0], dtypes.int64)]
            gather_indices = update_row_indices
        else:
            update_indices = update_row_indices
            row_shape = [math_ops.cast(array_ops.shape(update_col_indices)[0], dtypes.int64)]
            gather_indices = update_col_indices

        num_rows = math_ops.cast(array_ops.shape(update_indices)[0], dtypes.int64)
        col_shape = [num_rows]
        right = embedding_ops.embedding_lookup(right_factors, gather_indices,
                                               partition_strategy="div")
        new_sp_indices = array_ops.concat([row_ids, col_ids], 1)
        new_sp_shape = (array_ops.concat([row_shape, col_shape], 0) if transpose_input
                        else array_ops.concat([col_shape, row_shape], 0))
        new_sp_input = sparse_tensor.SparseTensor(indices=new_sp_indices,
                                                  values=sp_input.values,
                                                  dense_shape=new_sp_shape)

        total_lhs = (self._unobserved_weight * gramian)
        if self._regularization_matrix is not None:
            total_lhs += self._regularization_matrix
        if self._row_weights is None:
            total_rhs = (self._unobserved_weight * sparse_ops.sparse_tensor_dense_matmul(
                new_sp_input, right, adjoint_a=transpose_input))
            new_left_values = array_ops.transpose(
                linalg_ops.matrix_solve(total_lhs, array_ops.transpose(total_rhs)))
        else:
            if row_weights is None:
                row_weights_slice = embedding_ops.embedding_lookup(
                    row_wt, update_indices, partition_strategy="div")
            else:
                num_indices = array_ops.shape(update_indices)[0]
                with ops.control_dependencies(
                        [check_ops.assert_less_equal(array_ops.rank(row_weights), 1)]):
                    row_weights_slice = control_flow_ops.cond(
                        math_ops.equal(array_ops.rank(row_weights), 0),
                        lambda: (array_ops.ones([num_indices]) * row_weights),
                        lambda: math_ops.cast(row_weights, dtypes.float32))

            col_weights = embedding_ops.embedding_lookup(col_wt, gather_indices,
                                                         partition_strategy="div")
            partial_lhs, total_rhs = gen_factorization_ops.wals_compute_partial_lhs_and_rhs(
                right, col_weights, self._unobserved_weight, row_weights_slice,
                new_sp_input.indices, new_sp_input.values, [], num_rows, transpose_input,
                name="wals_compute_partial_lhs_rhs")
            total_lhs = array_ops.expand_dims(total_lhs, 0) + partial_lhs
            total_rhs = array_ops.expand_dims(total_rhs, -1)
            new_left_values = array_ops.squeeze(linalg_ops.matrix_solve(total_lhs, total_rhs),
                                                [2])

        update_op_name = "row_update" if update_row_factors else "col_update"
        update_op = self.scatter_update(left, update_indices, new_left_values, sharding_func,
                                        name=update_op_name)

        loss_sp_input = (sparse_ops.sparse_transpose(new_sp_input) if transpose_input
                         else new_sp_input)
        sp_approx_vals = gen_factorization_ops.masked_matmul(
            new_left_values, right, loss_sp_input.indices, transpose_a=False,
            transpose_b=True)
        sp_approx = sparse_tensor.SparseTensor(loss_sp_input.indices, sp_approx_vals,
                                               loss_sp_input.dense_shape)
        sp_approx_sq = math_ops.square(sp_approx)
        sp_residual = sparse_ops.sparse_add(loss_sp_input, sp_approx * (-1))
        sp_residual_sq = math_ops.square(sp_residual)
        row_wt_mat = (constant_op.constant(0.) if self._row_weights is None
                      else array_ops.expand_dims(row_weights_slice, 1))
        col_wt_mat = (constant_op.constant(0.) if self._col_weights is None
                      else array_ops.expand_dims(col_weights, 0))

        partial_row_gramian = math_ops.matmul(new_left_values, new_left_values,
                                              transpose_a=True)
        normalization_factor = total_rows / math_ops.cast(num_rows, dtypes.float32)

        unregularized_loss = (
            self._unobserved_weight * (
                sparse_ops.sparse_reduce_sum(sp_residual_sq)
                - sparse_ops.sparse_reduce_sum(sp_approx_sq)
                + math_ops.trace(math_ops.matmul(partial_row_gramian, gramian)))
            + sparse_ops.sparse_reduce_sum(row_wt_mat * (sp_residual_sq * col_wt_mat))
        ) * normalization_factor

        if self._regularization is not None:
            regularization = self._regularization * (
                math_ops.trace(partial_row_gramian) * normalization_factor
                + math_ops.trace(gramian))
        else:
            regularization = constant_op.constant(0.)

        sum_weights = self._unobserved_weight * math_ops.cast(total_rows * total_cols,
                                                               dtypes.float32)
        if self._row_weights is not None and self._col_weights is not None:
            ones = sparse_tensor.SparseTensor(
                indices=loss_sp_input.indices,
                values=array_ops.ones(array_ops.shape(loss_sp_input.values)),
                dense_shape=loss_sp_input.dense_shape)
            sum_weights += sparse_ops.sparse_reduce_sum(
                row_wt_mat * (ones * col_wt_mat)) * normalization_factor

        return (new_left_values, update_op, unregularized_loss, regularization, sum_weights)
