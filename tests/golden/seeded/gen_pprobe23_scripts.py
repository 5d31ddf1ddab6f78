"""What the probe programs in tests/pprobe23_scripts print under TF 1.14: whole seeded TF1
programs of tf.estimator end to end: a custom regression model_fn on a
Dataset.from_generator input_fn through train_and_evaluate (TrainSpec / EvalSpec,
throttle_secs=0) with tf.metrics eval_metric_ops; a LinearRegressor (Ftrl) on bucketized,
numeric, indicator and vocabulary-list columns; a DNNRegressor on an embedding column
warm-started into a second one (WarmStartSettings regex); export_savedmodel with raw and
parsing serving receivers loaded back by tf.contrib.predictor.from_saved_model and
tf.saved_model.loader.load; a classifier model_fn with auc / precision / recall /
mean_per_class_accuracy, evaluate(name, checkpoint_path) and predict(predict_keys,
yield_single_examples=False); a LinearClassifier with label_vocabulary wrapped by
tf.estimator.add_metrics and a BaselineRegressor. Values at full precision or hashes of
their bytes. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe23_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
