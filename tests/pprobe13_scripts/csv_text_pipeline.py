"""CSV and text input: files written to a temp directory read with TextLineDataset
(skip the header, filter comments, decode_csv with defaults and select_cols),
tf.data.experimental.CsvDataset (header, na_value, typed defaults), make_csv_dataset
(no shuffle, label_name, column names from the header) and TextLineReader in a queue; the
parsed columns and op counts."""

import os
import tempfile
import tensorflow as tf

d = tempfile.mkdtemp()
paths = []
for k in range(2):
    p = os.path.join(d, "rows%d.csv" % k)
    paths.append(p)
    with open(p, "w") as f:
        f.write("id,height,name,score,flag\n")
        for i in range(5):
            j = 5 * k + i
            if j == 3:
                f.write("# comment line\n")
            h = "" if j % 4 == 1 else "%.2f" % (150 + 3.5 * j)
            sc = "NA" if j == 6 else str(j * j - 7)
            f.write('%d,%s,"n,%d",%s,%d\n' % (j, h, j, sc, j % 2))
g = tf.get_default_graph()
defaults = [[0], [-1.0], ["?"], [0], [0]]


def parse_line(line):
    cols = tf.decode_csv(line, record_defaults=defaults)
    return cols[0], cols[1], cols[2], cols[3]


lines = tf.data.Dataset.from_tensor_slices(paths).flat_map(
    lambda p: tf.data.TextLineDataset(p).skip(1).filter(
        lambda ln: tf.logical_not(tf.strings.regex_full_match(ln, "#.*"))))
lines = lines.filter(lambda ln: tf.not_equal(tf.strings.substr(ln, 0, 1), "6"))
parsed = lines.map(parse_line).batch(4)
sel = lines.map(lambda ln: tf.decode_csv(ln, [[0.0], [0]], select_cols=[1, 4])).batch(10)
csv = tf.data.experimental.CsvDataset(
    paths, [tf.int32, tf.constant([0.0], tf.float64), tf.string, tf.constant([-99], tf.int64)],
    header=True, na_value="NA", select_cols=[0, 1, 2, 3])
print(len(g.get_operations()), csv.output_types, csv.output_shapes)
mk = tf.data.experimental.make_csv_dataset(
    paths[1], batch_size=3, label_name="score", shuffle=False, num_epochs=1,
    column_defaults=[0, 0.0, "", 0, 0], na_value="NA")
print(sorted(mk.output_types[0].items()), mk.output_types[1])

fq = tf.train.string_input_producer(paths, num_epochs=1, shuffle=False)
key, val = tf.TextLineReader(skip_header_lines=1).read(fq)
qid, _, qname, _, _ = tf.decode_csv(val, record_defaults=defaults)
print(len(g.get_operations()))


def dump(s, t):
    out = []
    while True:
        try:
            out.append(s.run(t))
        except tf.errors.InvalidArgumentError as e:   # the iterator goes on after it
            out.append(("error", e.message.splitlines()[0]))
        except tf.errors.OutOfRangeError:
            return out


with tf.Session() as s:
    for b in dump(s, parsed.make_one_shot_iterator().get_next()):
        print([c.tolist() for c in b])
    print([c.tolist() for c in dump(s, sel.make_one_shot_iterator().get_next())[0]])
    for r in dump(s, csv.make_one_shot_iterator().get_next()):
        print([v.item() if hasattr(v, "item") else v for v in r])  # (v: str, the error)
    for f, lab in dump(s, mk.make_one_shot_iterator().get_next()):
        print(sorted((k, v.tolist()) for k, v in f.items()), lab.tolist())
    s.run(tf.local_variables_initializer())
    coord = tf.train.Coordinator()
    th = tf.train.start_queue_runners(s, coord)
    rows = []
    try:
        while True:
            k, i, n = s.run([key, qid, qname])
            rows.append((os.path.basename(k.decode()), int(i), n.decode()))
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    except tf.errors.OutOfRangeError:
        pass
    coord.request_stop()
    coord.join(th)
    print(rows)
