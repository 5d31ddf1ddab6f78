"""What the probe programs in tests/pprobe66_scripts print under TF 1.14: whole seeded TF1
programs of tf.estimator as repositories use it: a custom model_fn with tf.layers and
EstimatorSpec for TRAIN / EVAL / PREDICT (eval_metric_ops from tf.metrics, export_outputs),
numpy_input_fn and tf.data input_fns with seeded shuffles, RunConfig(tf_random_seed,
save_checkpoints_steps, keep_checkpoint_max) and the checkpoint files kept,
train_and_evaluate with TrainSpec / EvalSpec, LoggingTensorHook, StopAtStepHook and a custom
SessionRunHook; premade DNNClassifier, LinearRegressor and DNNLinearCombinedClassifier over
feature columns with their predict dicts, warm_start_from (a model dir, WarmStartSettings
with a VocabInfo remap), export_saved_model's signatures; and the errors of EstimatorSpec,
Estimator, RunConfig and numpy_input_fn. Values at full precision; no temporary paths or
addresses printed. Made on an AMD EPYC (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe66_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
