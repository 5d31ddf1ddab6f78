"""tf.data.Options and its parts (TF 1.14): OptionsBase's type-checked properties and
merging, OptimizationOptions (+ MapVectorizationOptions), ThreadingOptions, StatsOptions,
DistributeOptions; and what an iterator makes of them (TF's `_apply_options`): the
thread-pool datasets, OptimizeDataset's list of static optimizations, ModelDataset
(unless autotune is off) and SetStatsAggregatorDataset."""
from __future__ import annotations

__all__ = ["Options", "OptionsBase", "OptimizationOptions", "MapVectorizationOptions",
           "ThreadingOptions", "StatsOptions", "DistributeOptions", "merge_options",
           "create_option"]


class OptionsBase:
    """Base class for a set of options: its properties are type-checked, unknown
    attributes refused."""

    def __init__(self):
        object.__setattr__(self, "_options", {})

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        for name in set(self._options) | set(other._options):
            if getattr(self, name) != getattr(other, name):
                return False
        return True

    def __ne__(self, other):
        if isinstance(other, self.__class__):
            return not self.__eq__(other)
        return NotImplemented

    __hash__ = None

    def __setattr__(self, name, value):
        if hasattr(self, name):
            object.__setattr__(self, name, value)
        else:
            raise AttributeError(f"Cannot set the property {name} on {type(self).__name__}.")


def create_option(name, ty, docstring, default_factory=lambda: None):
    """A property holding a value of type `ty` (TypeError otherwise), `default_factory()`
    until set."""
    def get_fn(option):
        if name not in option._options:
            option._options[name] = default_factory()
        return option._options.get(name)

    def set_fn(option, value):
        if not isinstance(value, ty):
            raise TypeError("Property \"%s\" must be of type %s, got: %r (type: %r)" %
                            (name, ty, value, type(value)))
        option._options[name] = value
    return property(get_fn, set_fn, None, docstring)


def merge_options(*options_list):
    """A new options object merging `options_list` (all of one OptionsBase type): an option
    set to different non-default values raises ValueError."""
    if len(options_list) < 1:
        raise ValueError("At least one options should be provided")
    result_type = type(options_list[0])
    for options in options_list:
        if not isinstance(options, result_type):
            raise TypeError("Incompatible options type: %r vs %r" % (type(options),
                                                                     result_type))
    if not isinstance(options_list[0], OptionsBase):
        raise TypeError("The inputs should inherit from `OptionsBase`")
    default_options = result_type()
    result = result_type()
    for options in options_list:
        for name in list(options._options):
            this = getattr(result, name)
            that = getattr(options, name)
            default = getattr(default_options, name)
            if that == default:
                continue
            if this == default:
                setattr(result, name, that)
            elif isinstance(this, OptionsBase):
                setattr(result, name, merge_options(this, that))
            elif this != that:
                raise ValueError("Cannot merge incompatible values (%r and %r) of option: %s"
                                 % (this, that, name))
    return result


class MapVectorizationOptions(OptionsBase):
    """Options for the map_vectorization static optimization."""

    enabled = create_option(
        name="enabled", ty=bool,
        docstring="Whether to vectorize map transformations. If None, defaults to False.")
    use_choose_fastest = create_option(
        name="use_choose_fastest", ty=bool,
        docstring="Whether to use ChooseFastestBranchDataset with this transformation. If "
                  "True, the pipeline picks between the vectorized and original segment at "
                  "runtime based on their iterations speed. If None, defaults to False.")

    def _static_optimizations(self):
        return ["map_vectorization"] if self.enabled else []

    def _static_optimization_configs(self):
        if self.use_choose_fastest:
            return ["map_vectorization:use_choose_fastest:true"]
        return ["map_vectorization:use_choose_fastest:false"]


_ALL_OPTIMIZATIONS = ("filter_fusion", "filter_with_random_uniform_fusion",
                      "hoist_random_uniform", "map_and_batch_fusion", "map_and_filter_fusion",
                      "map_parallelization", "map_fusion", "noop_elimination",
                      "parallel_batch", "shuffle_and_repeat_fusion")
_DEFAULT_ON = ("map_and_batch_fusion", "noop_elimination", "shuffle_and_repeat_fusion")


def _bool_option(name, doc):
    return create_option(name=name, ty=bool, docstring=doc)


class OptimizationOptions(OptionsBase):
    """Which static optimizations an input pipeline gets, and autotuning."""

    apply_default_optimizations = _bool_option(
        "apply_default_optimizations",
        "Whether to apply default static optimizations. If False, only static optimizations "
        "that have been explicitly enabled will be applied.")
    autotune = _bool_option(
        "autotune", "Whether to automatically tune performance knobs. If None, defaults to "
                    "True.")
    autotune_cpu_budget = create_option(
        name="autotune_cpu_budget", ty=int,
        docstring="When autotuning is enabled (through `autotune`), determines the CPU "
                  "budget to use. Values greater than the number of schedulable CPU cores "
                  "are allowed but may result in CPU contention. If None, defaults to the "
                  "number of schedulable CPU cores.")
    filter_fusion = _bool_option("filter_fusion", "Whether to fuse filter transformations. "
                                                  "If None, defaults to False.")
    filter_with_random_uniform_fusion = _bool_option(
        "filter_with_random_uniform_fusion",
        "Whether to fuse filter dataset that predicts random_uniform < rate into a sampling "
        "dataset. If None, defaults to False.")
    hoist_random_uniform = _bool_option(
        "hoist_random_uniform",
        "Whether to hoist `tf.random_uniform()` ops out of map transformations. If None, "
        "defaults to False.")
    map_and_batch_fusion = _bool_option(
        "map_and_batch_fusion", "Whether to fuse map and batch transformations. If None, "
                                "defaults to True.")
    map_and_filter_fusion = _bool_option(
        "map_and_filter_fusion", "Whether to fuse map and filter transformations. If None, "
                                 "defaults to False.")
    map_fusion = _bool_option("map_fusion", "Whether to fuse map transformations. If None, "
                                            "defaults to False.")
    map_parallelization = _bool_option(
        "map_parallelization", "Whether to parallelize stateless map transformations. If "
                               "None, defaults to False.")
    map_vectorization = create_option(
        name="map_vectorization", ty=MapVectorizationOptions,
        docstring="The map vectorization options associated with the dataset. See "
                  "`tf.data.experimental.MapVectorizationOptions` for more details.",
        default_factory=MapVectorizationOptions)
    noop_elimination = _bool_option(
        "noop_elimination", "Whether to eliminate no-op transformations. If None, defaults "
                            "to True.")
    parallel_batch = _bool_option(
        "parallel_batch", "Whether to parallelize copying of batch elements. If None, "
                          "defaults to False.")
    shuffle_and_repeat_fusion = _bool_option(
        "shuffle_and_repeat_fusion", "Whether to fuse shuffle and repeat transformations. If "
                                     "None, defaults to True.")

    def _static_optimizations(self):
        result = {o for o in _ALL_OPTIMIZATIONS if getattr(self, o)}
        if self.apply_default_optimizations is not False:
            result.update(o for o in _DEFAULT_ON if getattr(self, o) is not False)
        if self.map_vectorization is not None:
            result.update(self.map_vectorization._static_optimizations())
        return sorted(result)

    def _static_optimization_configs(self):
        if self.map_vectorization is not None:
            return self.map_vectorization._static_optimization_configs()
        return []


class ThreadingOptions(OptionsBase):
    """The threads an input pipeline may use."""

    max_intra_op_parallelism = create_option(
        name="max_intra_op_parallelism", ty=int,
        docstring="If set, it overrides the maximum degree of intra-op parallelism.")
    private_threadpool_size = create_option(
        name="private_threadpool_size", ty=int,
        docstring="If set, the dataset will use a private threadpool of the given size.")


class DistributeOptions(OptionsBase):
    """How a dataset is distributed (tf.distribute's auto-sharding)."""

    auto_shard = create_option(
        name="auto_shard", ty=bool,
        docstring="Whether the dataset should be automatically sharded when processed in a "
                  "distributed fashion. This is applicable when using Keras with "
                  "multi-worker/TPU distribution strategy, and by using strategy.distribute_"
                  "datasets_from_function or strategy.experimental_distribute_dataset. In "
                  "other cases, this option does nothing. If None, defaults to True.",
        default_factory=lambda: True)
    num_devices = create_option(
        name="num_devices", ty=int,
        docstring="The number of devices attached to this input pipeline. This will be "
                  "automatically set by MultiDeviceIterator.")


class StatsOptions(OptionsBase):
    """Statistics of an input pipeline, gathered by a StatsAggregator."""

    aggregator = create_option(
        name="aggregator", ty=object,   # narrowed to StatsAggregator by stats.py
        docstring="Associates the given statistics aggregator with the dataset pipeline.")
    prefix = create_option(
        name="prefix", ty=str,
        docstring="Prefix to prepend all statistics recorded for the input `dataset` with.",
        default_factory=lambda: "")
    counter_prefix = create_option(
        name="counter_prefix", ty=str,
        docstring="Prefix for the statistics recorded as counter.",
        default_factory=lambda: "")
    latency_all_edges = create_option(
        name="latency_all_edges", ty=bool,
        docstring="Whether to add latency measurements on all edges. Defaults to False.")


class Options(OptionsBase):
    """Options of a dataset: static optimizations, autotuning, threads, statistics
    (tf.data.Options; `Dataset.with_options` sets them, `Dataset.options()` merges a
    pipeline's)."""

    experimental_deterministic = create_option(
        name="experimental_deterministic", ty=bool,
        docstring="Whether the outputs need to be produced in deterministic order. If None, "
                  "defaults to True.")
    experimental_distribute = create_option(
        name="experimental_distribute", ty=DistributeOptions,
        docstring="The distribution options associated with the dataset. See "
                  "`tf.data.experimental.DistributeOptions` for more details.",
        default_factory=DistributeOptions)
    experimental_optimization = create_option(
        name="experimental_optimization", ty=OptimizationOptions,
        docstring="The optimization options associated with the dataset. See "
                  "`tf.data.experimental.OptimizationOptions` for more details.",
        default_factory=OptimizationOptions)
    experimental_slack = create_option(
        name="experimental_slack", ty=bool,
        docstring="Whether to introduce 'slack' in the last `prefetch` of the input "
                  "pipeline, if it exists. This may reduce CPU contention with accelerator "
                  "host-side activity at the start of a step. The slack frequency is "
                  "determined by the number of devices attached to this input pipeline. If "
                  "None, defaults to False.")
    experimental_stats = create_option(
        name="experimental_stats", ty=StatsOptions,
        docstring="The statistics options associated with the dataset. See "
                  "`tf.data.experimental.StatsOptions` for more details.",
        default_factory=StatsOptions)
    experimental_threading = create_option(
        name="experimental_threading", ty=ThreadingOptions,
        docstring="The threading options associated with the dataset. See "
                  "`tf.data.experimental.ThreadingOptions` for more details.",
        default_factory=ThreadingOptions)

    def _static_optimizations(self):
        result = list(self.experimental_optimization._static_optimizations())
        if self.experimental_deterministic is False:
            result.append("make_sloppy")
        stats = self.experimental_stats
        if stats and stats.latency_all_edges:
            result.append("latency_all_edges")
        if self.experimental_slack:
            result.append("slack")
        return result

    def _static_optimization_configs(self):
        result = []
        if self.experimental_optimization:
            result.extend(self.experimental_optimization._static_optimization_configs())
        if self.experimental_slack:
            n = self.experimental_distribute.num_devices
            result.append("slack:slack_period:%d" % (1 if n is None else n))
        return result

    def merge(self, options):
        """A new Options: this one merged with `options` (ValueError on a conflict)."""
        return merge_options(self, options)
