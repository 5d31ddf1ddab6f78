"""Reader state and the input pipeline's user errors: TFRecordWriter with GZIP and ZLIB
TFRecordOptions read back by TFRecordReader(options=...) and tf_record_iterator;
serialize_state / restore_state of a TFRecordReader and a TextLineReader (a read resumes
where the saved state was), IdentityReader (key and value are the work unit); the errors
TF raises at graph construction (batch of an unknown shape, string_input_producer of an
empty list, a non-string producer) and at run time (enqueue of a wrong shape, dequeue_many
of a queue without shapes, a restored state of another reader); op counts."""

import os
import re
import tempfile
import tensorflow as tf

tf.set_random_seed(9)
d = tempfile.mkdtemp()
g = tf.get_default_graph()
paths = {}
for kind, ctype in (("gz", tf.python_io.TFRecordCompressionType.GZIP),
                    ("zl", tf.python_io.TFRecordCompressionType.ZLIB)):
    p = os.path.join(d, "recs.%s" % kind)
    paths[kind] = (p, tf.python_io.TFRecordOptions(ctype))
    with tf.python_io.TFRecordWriter(p, options=paths[kind][1]) as w:
        for i in range(4):
            w.write(b"%s-record-%d" % (kind.encode(), i * i))
txt = os.path.join(d, "lines.txt")
with open(txt, "w") as f:
    f.write("\n".join("line %d" % i for i in range(5)) + "\n")
print([r for r in tf.python_io.tf_record_iterator(*paths["zl"])])

readers = {}
for kind in ("gz", "zl"):
    fq = tf.train.string_input_producer([paths[kind][0]], num_epochs=1, shuffle=False,
                                        name="q_" + kind)
    r = tf.TFRecordReader(options=paths[kind][1], name="r_" + kind)
    readers[kind] = (r, r.read(fq), r.serialize_state())
tq = tf.FIFOQueue(5, tf.string, shapes=[[]], name="txt_files")
t_fill = tq.enqueue_many([[txt, txt]])
tr = tf.TextLineReader(skip_header_lines=1, name="lines")
t_key, t_val = tr.read(tq)
t_state = tr.serialize_state()
state_ph = tf.placeholder(tf.string, [])
t_restore = tr.restore_state(state_ph)
ir = tf.IdentityReader(name="ident")
iq = tf.FIFOQueue(5, tf.string, shapes=[[]], name="work")
i_fill = iq.enqueue_many([["alpha", "beta"]])
i_kv = ir.read(iq)
i_many = ir.read_up_to(iq, 3)
print(len(g.get_operations()), tr.supports_serialize, ir.reader_ref.op.type)

for build in (lambda: tf.train.batch([tf.placeholder(tf.float32, [None])], 2),
              lambda: tf.train.string_input_producer([]),
              lambda: tf.train.string_input_producer(tf.constant([1, 2])),
              lambda: tf.train.shuffle_batch([tf.constant(1.0)], 2, 3, 5),
              lambda: tf.train.batch([tf.constant([1.0])], 2, shapes=[[2]])):
    n = len(g.get_operations())
    try:
        build()
        print("built", len(g.get_operations()) - n)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, str(e).splitlines()[0], len(g.get_operations()) - n)

fq2 = tf.FIFOQueue(3, tf.float32, shapes=[[2]], name="shaped")
bad_enq = fq2.enqueue([tf.placeholder(tf.float32, [None])])
nq = tf.FIFOQueue(3, tf.float32, name="noshape")
n_enq = nq.enqueue([tf.constant([1.0, 2.0])])
n_many = nq.dequeue_many(1)
print(len(g.get_operations()), n_many.shape)


def err(s, t, fd=None):
    try:
        return s.run(t, fd)
    except (tf.errors.OpError,) as e:
        # (the queues' resource ids race with the runner threads in TF)
        return type(e).__name__, re.sub(r"'_\d+_", "'_N_", e.message.splitlines()[0])


with tf.Session() as s:
    s.run(tf.local_variables_initializer())
    coord = tf.train.Coordinator()
    th = tf.train.start_queue_runners(s, coord)
    for kind in ("gz", "zl"):
        r, (k, v), st = readers[kind]
        print(s.run(v), err(s, r.num_records_produced()), err(s, st))
        print(err(s, r.restore_state(b"")))
        # (a failed restore resets the reader: its file is dropped, the queue is at its end)
        print(err(s, v), s.run([r.num_records_produced(), r.num_work_units_completed()]))
    s.run(t_fill)
    print(s.run(t_val), s.run(t_val))
    print(err(s, t_state))
    print(s.run(t_val), s.run(t_val))
    print(err(s, t_restore, {state_ph: b"garbage"}))
    s.run(i_fill)
    print(s.run(i_kv))
    mid = err(s, ir.serialize_state())
    print(mid)
    print(s.run(i_kv))
    if isinstance(mid, bytes):
        s.run([ir.restore_state(mid), i_fill])
        print(s.run(i_kv), s.run([ir.num_records_produced(), ir.num_work_units_completed()]))
    print(err(s, ir.restore_state(b"garbage")))
    print(s.run(ir.num_records_produced()))
    s.run(i_fill)
    print([x.tolist() for x in s.run(i_many)])
    print(err(s, bad_enq, {bad_enq.inputs[1]: [1.0, 2.0, 3.0]}))
    s.run(n_enq)
    print(err(s, n_many))
    coord.request_stop()
    coord.join(th)
