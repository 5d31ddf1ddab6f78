"""What the probe programs in tests/ptfpaths_scripts print under TF 1.14 (TF1 programs
importing TF's private modules as tensor2tensor, BERT, official/ models and sonnet v1 do:
eager.context, ops.inplace_ops / special_math_ops / check_ops / partitioned_variables /
template, util.deprecation / nest, estimator.model_fn / estimator, training.slot_creator,
lib.io.file_io, framework.function, client.device_lib, platform.gfile / tf_logging), and
the public names of each of those modules ("names": module -> sorted names, the ones
that are not modules or __future__ features). Made on an AMD EPYC (its case "host")."""
import __future__
import importlib
import os
import types

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/ptfpaths_scripts"
MODULES = ["client.device_lib", "eager.context", "estimator.estimator", "estimator.model_fn",
           "framework.function", "lib.io.file_io", "ops.check_ops", "ops.inplace_ops",
           "ops.partitioned_variables", "ops.special_math_ops", "ops.template",
           "platform.gfile", "platform.tf_logging", "training.slot_creator",
           "util.deprecation", "util.nest", "util.tf_export"]


def _names(path):
    mod = importlib.import_module("tensorflow.python." + path)
    return sorted(n for n, v in vars(mod).items()
                  if not n.startswith("_")
                  and not isinstance(v, (types.ModuleType, __future__._Feature)))


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["names"] = {m: _names(m) for m in MODULES}
    out["host"] = host_vendor()
    return out
