"""A shared step counter bumped by several Session.run threads, in the style of TF1 code
that guards a read-modify-write with tf.CriticalSection: the variable is a reference
variable updated by an unlocked assign, so only the critical section keeps updates from
being lost. Prints the ops the execute built, the final count and whether every thread
saw a distinct value."""
import threading

import tensorflow as tf

THREADS, RUNS = 4, 25

counter = tf.Variable(0, name="counter")
lock = tf.CriticalSection(name="counter_lock")


def increment():
    new = counter + 1
    with tf.control_dependencies([tf.assign(counter, new, use_locking=False)]):
        return tf.identity(new)


step = lock.execute(increment, name="increment")
print([(op.name, op.type) for op in tf.get_default_graph().get_operations()])
print(step.name, len(tf.get_collection("critical_sections")),
      len(tf.get_collection("critical_section_executions")))

seen = []
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())

    def worker():
        for _ in range(RUNS):
            seen.append(int(sess.run(step)))

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("final count:", sess.run(counter))
print("distinct values:", sorted(seen) == list(range(1, THREADS * RUNS + 1)))
