"""tf.contrib.learn.Experiment and learn_runner (TF 1.14), local: train_and_evaluate (with
its ValidationMonitor), evaluate, test, continuous_train_and_eval, learn_runner.run with
output_dir or a RunConfig, and their errors (tests/test_learn_experiment.py runs cases()
on flowgrad)."""
import shutil
import tempfile

import numpy as np

from gen_learn_estimator import X, Y, _model_fn, _files, _results


def _inputs(tf):
    train = tf.estimator.inputs.numpy_input_fn(X, Y, batch_size=3, num_epochs=None,
                                               shuffle=False)
    ev = tf.estimator.inputs.numpy_input_fn(X, Y, batch_size=4, shuffle=False)
    return train, ev


def _experiment(tf, d, config=None, **kw):
    learn = tf.contrib.learn
    config = config or learn.RunConfig(model_dir=d, save_checkpoints_steps=3)
    est = learn.Estimator(_model_fn(tf, False), config=config, params={"lr": 0.3})
    train, ev = _inputs(tf)
    kw.setdefault("eval_steps", 2)
    return learn.Experiment(est, train_input_fn=train, eval_input_fn=ev, **kw)


def _run(tf, fn):
    d = tempfile.mkdtemp()
    try:
        return fn(d)
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _train_and_evaluate(tf):
    def fn(d):
        ex = _experiment(tf, d, train_steps=7, min_eval_frequency=3, check_interval_secs=0)
        res, exports = ex.train_and_evaluate()
        out = {"result": _results(res), "exports": exports, "files": _files(d)}
        out["evaluate"] = _results(ex.evaluate(delay_secs=0))
        out["evaluate_named"] = _results(ex.evaluate(delay_secs=0, name="named"))
        out["files_after"] = _files(d)
        return out
    return _run(tf, fn)


def _test_and_continuous(tf):
    def fn(d):
        ex = _experiment(tf, d, train_steps=6, train_steps_per_iteration=2)
        out = {"test": _results(ex.test())}
        res, exports = ex.continuous_train_and_eval()
        out["continuous"] = _results(res)
        seen = []

        def predicate(eval_results):
            seen.append(None if eval_results is None else int(eval_results["global_step"]))
            return len(seen) < 3
        ex2 = _experiment(tf, d, train_steps=20, train_steps_per_iteration=3)
        res, _ = ex2.continuous_train_and_eval(continuous_eval_predicate_fn=predicate)
        out["predicate_seen"] = seen
        out["predicate_result"] = _results(res)
        return out
    return _run(tf, fn)


def _learn_runner(tf):
    learn = tf.contrib.learn

    def fn(d):
        def experiment_fn(run_config, hparams):
            return _experiment(tf, d, config=run_config, train_steps=4, min_eval_frequency=0)
        res, _ = learn.learn_runner.run(experiment_fn,
                                        run_config=learn.RunConfig(model_dir=d))
        out = {"run_config": _results(res)}

        def output_dir_fn(output_dir):
            config = learn.RunConfig(model_dir=output_dir, save_checkpoints_steps=2)
            return _experiment(tf, output_dir, config=config, train_steps=6)
        out["output_dir"] = _results(learn.learn_runner.run(output_dir_fn, output_dir=d,
                                                             schedule="test"))
        errors = {}
        attempts = {
            "both": lambda: learn.learn_runner.run(output_dir_fn, output_dir=d,
                                                   run_config=learn.RunConfig(model_dir=d)),
            "neither": lambda: learn.learn_runner.run(output_dir_fn),
            "not_callable": lambda: learn.learn_runner.run(3, output_dir=d),
            "bad_schedule": lambda: learn.learn_runner.run(output_dir_fn, output_dir=d,
                                                           schedule="fly"),
            "not_experiment": lambda: learn.learn_runner.run(lambda output_dir: 3,
                                                             output_dir=d),
            "no_model_dir": lambda: learn.learn_runner.run(experiment_fn,
                                                           run_config=learn.RunConfig()),
            "other_config": lambda: learn.learn_runner.run(
                lambda run_config, hparams: _experiment(tf, d, train_steps=1),
                run_config=learn.RunConfig(model_dir=d, tf_random_seed=1)),
            "metrics_with_core": lambda: learn.Experiment(
                tf.estimator.Estimator(lambda features, labels, mode: None), None, None,
                eval_metrics={}),
            "not_estimator": lambda: learn.Experiment(object(), None, None),
        }
        for name, attempt in sorted(attempts.items()):
            try:
                attempt()
                errors[name] = None
            except (ValueError, TypeError, RuntimeError) as e:
                msg = str(e)
                errors[name] = [type(e).__name__, msg[:60] if name == "other_config" else msg]
        out["errors"] = errors
        return out
    return _run(tf, fn)


def cases(tf):
    return {"train_and_evaluate": _train_and_evaluate(tf),
            "test_and_continuous": _test_and_continuous(tf),
            "learn_runner": _learn_runner(tf)}
