"""A census-style LinearClassifier on a small CSV file: tf.data reads the lines
(TextLineDataset + decode_csv), feature columns turn them into the model's inputs
(numeric, bucketized, vocabulary list, hash bucket, crossed), then train, evaluate and
predict (a flowgrad run tutorial)."""
import os
import shutil
import tempfile

import tensorflow as tf

tf.logging.set_verbosity(tf.logging.ERROR)

ROWS = """age,hours,education,occupation,label
39,40,Bachelors,Adm-clerical,0
50,13,Bachelors,Exec-managerial,1
38,40,HS-grad,Handlers-cleaners,0
53,40,11th,Handlers-cleaners,0
28,40,Bachelors,Prof-specialty,1
37,40,Masters,Exec-managerial,1
49,16,9th,Other-service,0
52,45,HS-grad,Exec-managerial,1
31,50,Masters,Prof-specialty,1
42,40,Bachelors,Exec-managerial,1
37,80,Some-college,Exec-managerial,1
30,40,Bachelors,Prof-specialty,1
23,30,Bachelors,Adm-clerical,0
32,50,Assoc-acdm,Sales,0
40,40,Assoc-voc,Craft-repair,1
34,45,7th-8th,Transport-moving,0
"""
COLUMNS = ["age", "hours", "education", "occupation", "label"]
DEFAULTS = [[0.0], [0.0], [""], [""], [0]]

workdir = tempfile.mkdtemp()
csv_path = os.path.join(workdir, "adult.csv")
with open(csv_path, "w") as f:
    f.write(ROWS)


def input_fn(epochs, batch_size):
    def parse(line):
        values = tf.decode_csv(line, record_defaults=DEFAULTS)
        features = dict(zip(COLUMNS, values))
        return features, features.pop("label")
    dataset = tf.data.TextLineDataset(csv_path).skip(1).map(parse)
    return dataset.repeat(epochs).batch(batch_size)


age = tf.feature_column.numeric_column("age")
age_buckets = tf.feature_column.bucketized_column(age, boundaries=[25, 35, 45, 55])
hours = tf.feature_column.numeric_column("hours")
education = tf.feature_column.categorical_column_with_vocabulary_list(
    "education", ["Bachelors", "HS-grad", "Masters", "Some-college", "Assoc-acdm"])
occupation = tf.feature_column.categorical_column_with_hash_bucket("occupation", 20)
age_x_education = tf.feature_column.crossed_column([age_buckets, "education"], 16)

model = tf.estimator.LinearClassifier(
    feature_columns=[age_buckets, hours, education, occupation, age_x_education],
    model_dir=os.path.join(workdir, "model"),
    config=tf.estimator.RunConfig(tf_random_seed=1))
model.train(input_fn=lambda: input_fn(epochs=6, batch_size=4))
results = model.evaluate(input_fn=lambda: input_fn(epochs=1, batch_size=8))
for key in sorted(results):
    print("%s: %.4f" % (key, results[key]))
for pred in list(model.predict(input_fn=lambda: input_fn(epochs=1, batch_size=8)))[:4]:
    print(pred["classes"], "%.4f" % pred["probabilities"][1])
print(sorted(name for name in model.get_variable_names() if "Ftrl" not in name))
shutil.rmtree(workdir)
