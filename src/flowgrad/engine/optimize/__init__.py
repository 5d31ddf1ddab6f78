"""Graph optimizer passes over the plan IR, and their order (PASSES).

Each pass is a pure function `pass(program, options) -> program` (it never
changes its input Program or the user's Graph) in its own module. All are on
by default; a `tf.ConfigProto` turns them off one by one, spelled as TF 1.x
spells its Grappler switches:

    ======================  =========================================================
    pass                    switched off by
    ======================  =========================================================
    constant_folding        RewriterConfig(constant_folding=RewriterConfig.OFF)
    arithmetic              RewriterConfig(arithmetic_optimization=RewriterConfig.OFF)
    cse                     RewriterConfig(common_subgraph_elimination=RewriterConfig.OFF)
                            or OptimizerOptions(opt_level=OptimizerOptions.L0)
    dependency              RewriterConfig(dependency_optimization=RewriterConfig.OFF)
    fusion                  RewriterConfig(remapping=RewriterConfig.OFF)
    accumulate              RewriterConfig(memory_optimization=RewriterConfig.NO_MEM_OPT)
    (in-place reuse)        RewriterConfig(memory_optimization=RewriterConfig.NO_MEM_OPT)
    all of the above        RewriterConfig(disable_meta_optimizer=True)
    ======================  =========================================================

Not passes: reciprocal_div.py, Grappler's Div(x, const) -> Mul(x, 1/const), and
constant_push_down.py, Grappler's op(C, op(X, Y)) -> op(X, op(C, Y)) for Add/Mul, change values
as TF 1.14 does, so the session applies them to every plan (both tiers) of a graph of at
least 4 ops while constant folding is on (with partial_split.py, an AddN's constant inputs
summed first); so are add_ops_rewrite.py (an Add/AddN tree
summed as one AddN per leaf shape, smallest shape first), hoist_common_factor.py
(`c * y1 + c * y2` as `c * (y1 + y2)`), simplify_aggregation.py (an AddN of one tensor
repeated N times as N * x), minimize_broadcasts.py (a Mul
tree's leaves multiplied smallest first) and addn_order.py (an AddN's inputs in name
order), while the arithmetic optimizer is on.
"""
from __future__ import annotations

from ..framework.engine_view import engine_side
from .accumulate import accumulate_n
from .arithmetic import arithmetic_optimization
from .constant_folding import constant_folding
from .cse import common_subexpression_elimination
from .dependency import dependency_optimization
from .complex_kernels import complex_kernels
from .fusion import fusion

# (name, fn(program, options) -> program), applied in this order.
PASSES: list = [
    ("constant_folding", constant_folding),
    ("arithmetic", arithmetic_optimization),
    ("cse", common_subexpression_elimination),
    ("dependency", dependency_optimization),
    ("fusion", fusion),
    ("accumulate", accumulate_n),
]

PASS_NAMES = tuple(name for name, _ in PASSES)

# The passes a plan's first (interpreted) run gets: those that bound its peak
# memory. Every pass runs before the second run compiles the plan.
FIRST_RUN_PASSES = frozenset({"accumulate"})

_FIELD_OF = {"constant_folding": "constant_folding", "arithmetic": "arithmetic_optimization",
             "cse": "common_subgraph_elimination", "dependency": "dependency_optimization",
             "fusion": "remapping"}


def options_from_config(config):
    """Which passes are on: all of them unless the ConfigProto turns one off.

    Returns a dict {pass name: bool, "inplace": bool}.
    """
    opts = dict.fromkeys(PASS_NAMES, True)
    opts["inplace"] = True
    opts["loop_optimization"] = True   # Grappler's (stack_pushes.py), not a pass here
    if config is None:
        return opts
    go = getattr(config, "graph_options", None)
    if go is None:
        return opts
    rw = go.rewrite_options
    if rw.disable_meta_optimizer:
        return {k: False for k in opts}
    off = 2   # RewriterConfig.OFF
    for name, field in _FIELD_OF.items():
        if getattr(rw, field) == off:
            opts[name] = False
    if rw.loop_optimization == off:
        opts["loop_optimization"] = False
    if go.optimizer_options.opt_level == -1:   # OptimizerOptions.L0
        opts["cse"] = False
    if rw.memory_optimization == 1:            # RewriterConfig.NO_MEM_OPT
        opts["inplace"] = False
        opts["accumulate"] = False
    return opts


@engine_side
def optimize_program(program, options):
    program = complex_kernels(program)   # complex nodes on their own kernels, each pass
    for name, fn in PASSES:
        if options.get(name, True):
            program = complex_kernels(fn(program, options))
    return program
