"""tf.contrib.tpu.TPUEstimator on the CPU (use_tpu=False) as BERT's run_classifier.py
drives it, against TF 1.14 (tests/golden/estimator/gen_pbert_tpu.py): log lines, params,
losses, metrics, predictions, checkpoints, op counts, the configuration classes, the
checks' errors, TPUClusterResolver's checks, and tf.estimator.Estimator's model_fn argument
checks."""
import pytest

import flowgrad as tf

import goldens

GOLD = goldens.load("estimator", "pbert_tpu")


@pytest.fixture(scope="module")
def ours():
    return goldens.flowgrad_cases("estimator", "pbert_tpu", tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_matches_tf(ours, case):
    # trained weights within float32 rounding; names, logs, counts and errors exactly
    goldens.same_close(ours[case], GOLD[case], case, rtol=1e-5, atol=1e-7)


def test_classifier_logs_each_mode_on_cpu(ours):
    log = [m for _, m in ours["classifier"]["log"]]
    assert [m for m in log if m.endswith(" on CPU")] == [
        "Running train on CPU", "Running eval on CPU", "Running infer on CPU"]
    assert log.count("prediction_loop marked as finished") == 2


def test_absent_tpu_symbols_name_themselves():
    with pytest.raises(AttributeError, match="tensorflow.contrib.tpu.replicate"):
        tf.contrib.tpu.replicate
    with pytest.raises(NotImplementedError, match="CrossShardOptimizer"):
        tf.contrib.tpu.CrossShardOptimizer(tf.train.GradientDescentOptimizer(0.1))


def test_use_tpu_true_is_not_implemented(tmp_path):
    def model_fn(features, labels, mode, params):
        return None
    with pytest.raises(NotImplementedError, match="use_tpu=True"):
        tf.contrib.tpu.TPUEstimator(model_fn, config=tf.contrib.tpu.RunConfig(
            model_dir=str(tmp_path)), train_batch_size=8)


def test_tpu_cluster_resolver_with_a_name_is_not_implemented(monkeypatch):
    monkeypatch.delenv("KUBE_GOOGLE_CLOUD_TPU_ENDPOINTS", raising=False)
    monkeypatch.setenv("TPU_NAME", "from-env")
    with pytest.raises(NotImplementedError, match="'from-env'"):
        tf.contrib.cluster_resolver.TPUClusterResolver()
    with pytest.raises(AttributeError, match="cluster_resolver.SlurmClusterResolver"):
        tf.contrib.cluster_resolver.SlurmClusterResolver
