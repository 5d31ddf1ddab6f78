"""tf.contrib.distributions.Mixture (TF 1.14): a Categorical choice among a list of component
distributions. Samples partition the categorical draws and draw each component with TF's
derived seed (gen_new_seed), then stitch them back, as TF does."""
from __future__ import annotations

import hashlib

import numpy as np

from ...distributions import distribution
from ...distributions.discrete import Categorical
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import control_dependencies, name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...engine.ops.array_extra import dynamic_partition
from ...engine.ops.construction import range as _range
from ...engine.ops.reductions import dynamic_stitch
from ...ops import array_ops, check_ops, linalg_ops, math_ops, nn_ops
from ...ops.tensor_util import constant_value
from .mixture import pad_mixture_dimensions

__all__ = ["Mixture", "gen_new_seed"]


def gen_new_seed(seed, salt):
    """TF's distribution_util.gen_new_seed: a seed derived from seed and salt (md5)."""
    if seed is None:
        return None
    string = (str(seed) + salt).encode("utf-8")
    return int(hashlib.md5(string).hexdigest()[:8], 16) & 0x7FFFFFFF


def _mixture_stddev(weights, means, stddevs):
    pi = array_ops.expand_dims(weights, axis=1)
    mu = array_ops.expand_dims(means, axis=2)
    sigma = array_ops.expand_dims(stddevs, axis=2)
    mean_wa = array_ops.reshape(linalg_ops.matmul(pi, mu), (-1,))
    var_wa = array_ops.reshape(linalg_ops.matmul(pi, math_ops.square(sigma)), (-1,))
    sq_mean_wa = array_ops.reshape(linalg_ops.matmul(pi, math_ops.square(mu)), (-1,))
    return math_ops.sqrt(var_wa + sq_mean_wa - math_ops.square(mean_wa))


class Mixture(distribution.Distribution):
    """p(x) = sum_k cat.probs[k] components[k].prob(x)."""

    def __init__(self, cat, components, validate_args=False, allow_nan_stats=True,
                 use_static_graph=False, name="Mixture"):
        parameters = dict(locals())
        if not isinstance(cat, Categorical):
            raise TypeError("cat must be a Categorical distribution, but saw: %s" % cat)
        if not components:
            raise ValueError("components must be a non-empty list or tuple")
        if not isinstance(components, (list, tuple)):
            raise TypeError("components must be a list or tuple, but saw: %s" % components)
        if not all(isinstance(c, distribution.Distribution) for c in components):
            raise TypeError("all entries in components must be Distribution instances but "
                            "saw: %s" % components)
        dtype = components[0].dtype
        if not all(d.dtype == dtype for d in components):
            raise TypeError("All components must have the same dtype, but saw dtypes: %s"
                            % [(d.name, d.dtype) for d in components])
        static_event_shape = components[0].event_shape
        static_batch_shape = cat.batch_shape
        for d in components:
            static_event_shape = static_event_shape.merge_with(d.event_shape)
            static_batch_shape = static_batch_shape.merge_with(d.batch_shape)
        if static_event_shape.ndims is None:
            raise ValueError("Expected to know rank(event_shape) from components, but none "
                             "of the components provide a static number of ndims")
        with name_scope(name, values=[cat.logits]) as name:
            static_num_components = constant_value(cat.event_size)
            if static_num_components is None:
                raise ValueError("Could not infer number of classes from cat and unable to "
                                 "compare this value to the number of components passed in.")
            static_num_components = int(static_num_components)
            if static_num_components != len(components):
                raise ValueError("cat.num_classes != len(components): %d vs. %d"
                                 % (static_num_components, len(components)))
            cat_batch_shape = cat.batch_shape_tensor()
            cat_batch_rank = array_ops.size(cat_batch_shape)
            self._assertions = []
            if validate_args:
                # TF's checks: each component's batch rank, then its batch shape, equal cat's
                batch_shapes = [d.batch_shape_tensor() for d in components]
                batch_ranks = [array_ops.size(bs) for bs in batch_shapes]
                message = "components[%d] batch shape must match cat batch shape"
                self._assertions = [
                    check_ops.assert_equal(cat_batch_rank, batch_ranks[i], message=message % i)
                    for i in range(len(components))]
                self._assertions += [
                    check_ops.assert_equal(cat_batch_shape, batch_shapes[i], message=message % i)
                    for i in range(len(components))]
            self._cat = cat
            self._components = list(components)
            self._num_components = static_num_components
            self._static_event_shape = static_event_shape
            self._static_batch_shape = static_batch_shape
            self._use_static_graph = use_static_graph
        graph_parents = list(cat._graph_parents)
        for c in self._components:
            graph_parents += c._graph_parents
        super().__init__(dtype=dtype, reparameterization_type=distribution.NOT_REPARAMETERIZED,
                         validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                         parameters=parameters, graph_parents=graph_parents, name=name)

    @property
    def cat(self):
        return self._cat

    @property
    def components(self):
        return self._components

    @property
    def num_components(self):
        return self._num_components

    def _batch_shape_tensor(self):
        return self._cat.batch_shape_tensor()

    def _batch_shape(self):
        return self._static_batch_shape

    def _event_shape_tensor(self):
        return self._components[0].event_shape_tensor()

    def _event_shape(self):
        return self._static_event_shape

    def _checked(self):
        """TF's `control_dependencies(self._assertions)` around every method's ops."""
        return control_dependencies(self._assertions)

    def _expand_to_event_rank(self, x):
        for _ in range(self.event_shape.ndims):
            x = array_ops.expand_dims(x, -1)
        return x

    def _mean(self):
        with self._checked():
            distribution_means = [d.mean() for d in self.components]
            cat_probs = [self._expand_to_event_rank(c_p)
                         for c_p in self._cat_probs(log_probs=False)]
            return math_ops.add_n([c_p * m for c_p, m in zip(cat_probs, distribution_means)])

    def _stddev(self):
        with self._checked():
            distribution_means = [d.mean() for d in self.components]
            distribution_devs = [d.stddev() for d in self.components]
            cat_probs = self._cat_probs(log_probs=False)
            stacked_means = array_ops.stack(distribution_means, axis=-1)
            stacked_devs = array_ops.stack(distribution_devs, axis=-1)
            cat_probs = [self._expand_to_event_rank(c_p) for c_p in cat_probs]
            broadcasted = array_ops.stack(cat_probs, axis=-1) * array_ops.ones_like(stacked_means)
            k = len(self.components)
            batched_dev = _mixture_stddev(array_ops.reshape(broadcasted, [-1, k]),
                                          array_ops.reshape(stacked_means, [-1, k]),
                                          array_ops.reshape(stacked_devs, [-1, k]))
            return array_ops.reshape(batched_dev, array_ops.shape(broadcasted)[:-1])

    def _mix(self, x, method):
        with self._checked():
            x = convert_to_tensor(x, name="x")
            per_component = [getattr(d, method)(x) for d in self.components]
            cat_log_probs = self._cat_probs(log_probs=True)
            final = [cat_lp + d_lp for cat_lp, d_lp in zip(cat_log_probs, per_component)]
            return math_ops.reduce_logsumexp(array_ops.stack(final, 0), [0])

    def _log_prob(self, x):
        return self._mix(x, "log_prob")

    def _log_cdf(self, x):
        return self._mix(x, "log_cdf")

    def _sample_n(self, n, seed=None):
        if self._use_static_graph:
            return self._sample_n_static(n, seed)
        with self._checked():
            return self._sample_n_dynamic(n, seed)

    def _sample_n_dynamic(self, n, seed):
        n = convert_to_tensor(n, name="n")
        static_n = constant_value(n)
        n = int(static_n) if static_n is not None else n
        cat_samples = self.cat.sample(n, seed=seed)
        static_samples_shape = cat_samples.get_shape()
        if static_samples_shape.is_fully_defined():
            samples_shape = static_samples_shape.as_list()
            samples_size = static_samples_shape.num_elements()
        else:
            samples_shape = array_ops.shape(cat_samples)
            samples_size = array_ops.size(cat_samples)
        if self.batch_shape.is_fully_defined():
            batch_size = self.batch_shape.num_elements()
        else:
            batch_size = math_ops.reduce_prod(self.batch_shape_tensor())
        if self.event_shape.is_fully_defined():
            event_shape = np.array(self.event_shape.as_list(), dtype=np.int32)
        else:
            event_shape = self.event_shape_tensor()
        samples_raw_indices = array_ops.reshape(_range(0, samples_size), samples_shape)
        partitioned_samples_indices = dynamic_partition(
            data=samples_raw_indices, partitions=cat_samples,
            num_partitions=self.num_components)
        batch_raw_indices = array_ops.reshape(
            array_ops.tile(_range(0, batch_size), [n]), samples_shape)
        partitioned_batch_indices = dynamic_partition(
            data=batch_raw_indices, partitions=cat_samples,
            num_partitions=self.num_components)
        samples_class = []
        for c in range(self.num_components):
            n_class = array_ops.size(partitioned_samples_indices[c])
            seed = gen_new_seed(seed, "mixture")
            samples_class_c = self.components[c].sample(n_class, seed=seed)
            lookup = batch_size * _range(n_class) + partitioned_batch_indices[c]
            samples_class_c = array_ops.reshape(
                samples_class_c, array_ops.concat([[n_class * batch_size], event_shape], 0))
            samples_class.append(array_ops.gather(samples_class_c, lookup,
                                                  name="samples_class_c_gather"))
        lhs_flat_ret = dynamic_stitch(indices=partitioned_samples_indices, data=samples_class)
        ret = array_ops.reshape(lhs_flat_ret, array_ops.concat(
            [samples_shape, self.event_shape_tensor()], 0))
        ret.set_shape(TensorShape(static_samples_shape).concatenate(self.event_shape))
        return ret

    def _sample_n_static(self, n, seed):
        samples = []
        cat_samples = self.cat.sample(n, seed=seed)
        for c in range(self.num_components):
            seed = gen_new_seed(seed, "mixture")
            samples.append(self.components[c].sample(n, seed=seed))
        x = array_ops.stack(samples, -self._static_event_shape.ndims - 1)
        npdt = x.dtype.as_numpy_dtype
        mask = array_ops.one_hot(indices=cat_samples, depth=self._num_components,
                                 on_value=np.ones([], dtype=npdt),
                                 off_value=np.zeros([], dtype=npdt))
        mask = pad_mixture_dimensions(mask, self, self._cat, self._static_event_shape.ndims)
        return math_ops.reduce_sum(x * mask, axis=-1 - self._static_event_shape.ndims)

    def entropy_lower_bound(self, name="entropy_lower_bound"):
        """sum_k cat.probs[k] * components[k].entropy(), a lower bound of the entropy."""
        with self._name_scope(name, values=[self.cat.logits]), self._checked():
            distribution_entropies = [d.entropy() for d in self.components]
            cat_probs = self._cat_probs(log_probs=False)
            return math_ops.add_n([c_p * m for c_p, m in zip(cat_probs,
                                                             distribution_entropies)])

    def _cat_probs(self, log_probs):
        which_softmax = nn_ops.log_softmax if log_probs else nn_ops.softmax
        return array_ops.unstack(which_softmax(self.cat.logits), num=self.num_components,
                                 axis=-1)
