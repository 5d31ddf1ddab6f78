"""The TF 1.0-era Iris tutorial with tf.contrib.learn (its data written here, not
downloaded): load_csv_with_header, infer_real_valued_columns_from_input, a
DNNClassifier([10, 20, 10], n_classes=3) fit on x, y with tf_random_seed, evaluate's
accuracy, predict on new samples, SKCompat, an Experiment run by learn_runner with a
ValidationMonitor (a flowgrad run tutorial)."""
import os
import shutil
import tempfile

import numpy as np

import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)
learn = tf.contrib.learn
rng = np.random.RandomState(3)
centers = np.array([[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]])
d = tempfile.mkdtemp()


def write_csv(path, n):
    labels = rng.randint(0, 3, n)
    rows = centers[labels] + rng.normal(0, 0.3, (n, 4))
    with open(path, "w") as f:
        f.write("%d,4,setosa,versicolor,virginica\n" % n)
        for r, lab in zip(rows, labels):
            f.write(",".join("%.1f" % v for v in r) + ",%d\n" % lab)


write_csv(os.path.join(d, "iris_training.csv"), 60)
write_csv(os.path.join(d, "iris_test.csv"), 15)
training_set = learn.datasets.base.load_csv_with_header(
    filename=os.path.join(d, "iris_training.csv"), target_dtype=int,
    features_dtype=np.float32)
test_set = learn.datasets.base.load_csv_with_header(
    filename=os.path.join(d, "iris_test.csv"), target_dtype=int, features_dtype=np.float32)
print(training_set.data.shape, training_set.target[:10])

feature_columns = [tf.contrib.layers.real_valued_column("", dimension=4)]
print([(c.column_name, c.dimension) for c in
       learn.infer_real_valued_columns_from_input(training_set.data)])
classifier = learn.DNNClassifier(feature_columns=feature_columns, hidden_units=[10, 20, 10],
                                 n_classes=3, model_dir=os.path.join(d, "iris_model"),
                                 config=learn.RunConfig(tf_random_seed=1))
classifier.fit(x=training_set.data, y=training_set.target, steps=60)
ev = classifier.evaluate(x=test_set.data, y=test_set.target)
print(sorted(ev), "accuracy %.4f loss %.4f step %d" % (ev["accuracy"], ev["loss"],
                                                         ev["global_step"]))
new_samples = np.array([[6.4, 3.2, 4.5, 1.5], [5.8, 3.1, 5.0, 1.7]], dtype=float)
print("Predictions:", list(classifier.predict(new_samples)))
print("Probabilities:", np.round(np.array(list(classifier.predict_proba(new_samples))), 4))
print(sorted(classifier.get_variable_names()))

sk = learn.SKCompat(learn.DNNClassifier([8], feature_columns, n_classes=3,
                                        model_dir=os.path.join(d, "sk"),
                                        config=learn.RunConfig(tf_random_seed=2)))
sk.fit(training_set.data, training_set.target, batch_size=20, steps=30)
score = sk.score(test_set.data, test_set.target)
print("SKCompat accuracy %.4f" % score["accuracy"])
print("SKCompat classes", sk.predict(new_samples)["classes"])


def experiment_fn(run_config, hparams):
    est = learn.DNNClassifier([6], feature_columns, n_classes=3, config=run_config)
    train = learn.io.numpy_input_fn({"": training_set.data}, training_set.target,
                                    batch_size=20, num_epochs=None, shuffle=False)
    test = learn.io.numpy_input_fn({"": test_set.data}, test_set.target, batch_size=15,
                                   shuffle=False)
    return learn.Experiment(est, train_input_fn=train, eval_input_fn=test, train_steps=40,
                            eval_steps=1, min_eval_frequency=20)


res, _ = learn.learn_runner.run(experiment_fn, run_config=learn.RunConfig(
    model_dir=os.path.join(d, "experiment"), tf_random_seed=3, save_checkpoints_steps=20))
print("Experiment accuracy %.4f step %d" % (res["accuracy"], res["global_step"]))
print(sorted(n for n in os.listdir(os.path.join(d, "experiment")) if "tfevents" not in n)[:4])
tf.summary.FileWriterCache.clear()
shutil.rmtree(d)
