"""TF's 2016-2017 examples/learn/wide_n_deep_tutorial.py on a small synthesized census CSV
(no download): pandas reads the file, input_fn turns the frame into constants and
SparseTensors, contrib.layers' sparse / bucketized / crossed / embedding columns feed
tf.contrib.learn.DNNLinearCombinedClassifier, then fit(input_fn, steps), evaluate and
predict as the tutorial does (a flowgrad run tutorial). As the r1.1+ tutorial it sets
fix_global_step_increment_bug=True: with the bug both towers add to global_step and
StopAtStepHook's unordered read of it makes TF stop at 20 or 22 from run to run."""
import os
import shutil
import tempfile

import numpy as np
import pandas as pd
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)

COLUMNS = ["age", "workclass", "fnlwgt", "education", "education_num", "marital_status",
           "occupation", "relationship", "race", "gender", "capital_gain", "capital_loss",
           "hours_per_week", "native_country", "income_bracket"]
LABEL_COLUMN = "label"
CATEGORICAL_COLUMNS = ["workclass", "education", "marital_status", "occupation",
                       "relationship", "race", "gender", "native_country"]
CONTINUOUS_COLUMNS = ["age", "education_num", "capital_gain", "capital_loss",
                      "hours_per_week"]


def synthesize(path, n, seed):
    """A census-like CSV file without a header, as adult.data is."""
    rng = np.random.RandomState(seed)
    pick = lambda values: [values[i] for i in rng.randint(0, len(values), n)]  # noqa: E731
    edu = ["Bachelors", "HS-grad", "11th", "Masters", "9th", "Some-college", "Doctorate"]
    with open(path, "w") as f:
        rows = zip(rng.randint(17, 80, n), pick(["Private", "Self-emp-not-inc", "State-gov"]),
                   rng.randint(20000, 400000, n), pick(edu), rng.randint(1, 17, n),
                   pick(["Never-married", "Married-civ-spouse", "Divorced"]),
                   pick(["Tech-support", "Sales", "Exec-managerial", "Craft-repair"]),
                   pick(["Husband", "Not-in-family", "Wife", "Own-child"]),
                   pick(["White", "Black", "Asian-Pac-Islander"]), pick(["Female", "Male"]),
                   rng.choice([0, 0, 0, 2, 14], n), rng.choice([0, 0, 1], n),
                   rng.randint(10, 70, n), pick(["United-States", "Mexico", "India"]),
                   pick([" <=50K", " >50K"]))
        for row in rows:
            f.write(", ".join(str(v) for v in row) + "\n")


def build_estimator(model_dir):
    gender = tf.contrib.layers.sparse_column_with_keys(column_name="gender",
                                                       keys=["female", "male"])
    race = tf.contrib.layers.sparse_column_with_keys(
        column_name="race", keys=["Asian-Pac-Islander", "Black", "White"])
    education = tf.contrib.layers.sparse_column_with_hash_bucket("education",
                                                                 hash_bucket_size=100)
    marital_status = tf.contrib.layers.sparse_column_with_hash_bucket("marital_status",
                                                                      hash_bucket_size=10)
    relationship = tf.contrib.layers.sparse_column_with_hash_bucket("relationship",
                                                                    hash_bucket_size=10)
    workclass = tf.contrib.layers.sparse_column_with_hash_bucket("workclass",
                                                                 hash_bucket_size=10)
    occupation = tf.contrib.layers.sparse_column_with_hash_bucket("occupation",
                                                                  hash_bucket_size=100)
    native_country = tf.contrib.layers.sparse_column_with_hash_bucket("native_country",
                                                                      hash_bucket_size=100)
    age = tf.contrib.layers.real_valued_column("age")
    education_num = tf.contrib.layers.real_valued_column("education_num")
    capital_gain = tf.contrib.layers.real_valued_column("capital_gain")
    capital_loss = tf.contrib.layers.real_valued_column("capital_loss")
    hours_per_week = tf.contrib.layers.real_valued_column("hours_per_week")
    age_buckets = tf.contrib.layers.bucketized_column(
        age, boundaries=[18, 25, 30, 35, 40, 45, 50, 55, 60, 65])
    wide_columns = [gender, native_country, education, occupation, workclass,
                    marital_status, relationship, age_buckets,
                    tf.contrib.layers.crossed_column([education, occupation],
                                                     hash_bucket_size=int(1e4)),
                    tf.contrib.layers.crossed_column([age_buckets, race, occupation],
                                                     hash_bucket_size=int(1e6)),
                    tf.contrib.layers.crossed_column([native_country, occupation],
                                                     hash_bucket_size=int(1e4))]
    deep_columns = [tf.contrib.layers.embedding_column(workclass, dimension=8),
                    tf.contrib.layers.embedding_column(education, dimension=8),
                    tf.contrib.layers.embedding_column(marital_status, dimension=8),
                    tf.contrib.layers.embedding_column(gender, dimension=8),
                    tf.contrib.layers.embedding_column(relationship, dimension=8),
                    tf.contrib.layers.embedding_column(race, dimension=8),
                    tf.contrib.layers.embedding_column(native_country, dimension=8),
                    tf.contrib.layers.embedding_column(occupation, dimension=8),
                    age, education_num, capital_gain, capital_loss, hours_per_week]
    return tf.contrib.learn.DNNLinearCombinedClassifier(
        model_dir=model_dir, linear_feature_columns=wide_columns,
        dnn_feature_columns=deep_columns, dnn_hidden_units=[100, 50],
        fix_global_step_increment_bug=True, config=tf.contrib.learn.RunConfig(tf_random_seed=1))


def input_fn(df):
    """The tutorial's input_fn: constants for the continuous columns, SparseTensors for the
    categorical ones."""
    continuous_cols = {k: tf.constant(df[k].values) for k in CONTINUOUS_COLUMNS}
    categorical_cols = {k: tf.SparseTensor(indices=[[i, 0] for i in range(df[k].size)],
                                           values=df[k].values,
                                           dense_shape=[df[k].size, 1])
                        for k in CATEGORICAL_COLUMNS}
    feature_cols = dict(continuous_cols)
    feature_cols.update(categorical_cols)
    label = tf.constant(df[LABEL_COLUMN].values)
    return feature_cols, label


def main():
    workdir = tempfile.mkdtemp()
    try:
        train_file = os.path.join(workdir, "adult.data")
        test_file = os.path.join(workdir, "adult.test")
        synthesize(train_file, 40, 0)
        synthesize(test_file, 16, 1)
        df_train = pd.read_csv(train_file, names=COLUMNS, skipinitialspace=True,
                               engine="python")
        df_test = pd.read_csv(test_file, names=COLUMNS, skipinitialspace=True,
                              engine="python")
        df_train = df_train.dropna(how="any", axis=0)
        df_test = df_test.dropna(how="any", axis=0)
        df_train[LABEL_COLUMN] = (
            df_train["income_bracket"].apply(lambda x: ">50K" in x)).astype(int)
        df_test[LABEL_COLUMN] = (
            df_test["income_bracket"].apply(lambda x: ">50K" in x)).astype(int)
        for df in (df_train, df_test):
            for k in CONTINUOUS_COLUMNS:
                df[k] = df[k].astype(np.float32)
        model_dir = os.path.join(workdir, "model")
        print("model directory = model")
        m = build_estimator(model_dir)
        m.fit(input_fn=lambda: input_fn(df_train), steps=20)
        results = m.evaluate(input_fn=lambda: input_fn(df_test), steps=1)
        for key in sorted(results):
            print("%s: %.4f" % (key, results[key]))
        classes = list(m.predict_classes(input_fn=lambda: input_fn(df_test)))
        print("classes:", classes)
        proba = list(m.predict_proba(input_fn=lambda: input_fn(df_test)))
        print("proba[:3]:", ["%.4f" % p[1] for p in proba[:3]])
        print("checkpoints:", sorted(f for f in os.listdir(model_dir) if f.endswith(".index")))
        names = m.get_variable_names()
        print("variables:", len(names), sorted(n for n in names if "Adagrad" not in n
                                                 and "Ftrl" not in n)[:6])
    finally:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
