"""A queue-based input pipeline as pre-tf.data CIFAR-10 code writes it: slice_input_producer
(shuffle with a seed) over an in-memory uint8 array, a distorted_inputs-style chain
(random_crop, random_flip_left_right, random_brightness, random_contrast,
per_image_standardization) and tf.train.shuffle_batch with a seed feeding a small CNN trained
a few steps; the training queues are filled by running their QueueRunners' enqueue ops from
the main thread (TF's threads race a RandomShuffleQueue's dequeue_many, which takes one
element at a time), then start_queue_runners under a Coordinator for tf.train.batch of an
eval chain from its own unshuffled producer (resize_image_with_crop_or_pad): shapes, queue
op names, the batches' labels and the losses at full precision."""
import numpy as np
import tensorflow as tf

np.random.seed(5)
tf.set_random_seed(55)
N = 16
images = np.random.randint(0, 256, size=(N, 12, 12, 3)).astype(np.uint8)
labels = np.arange(N, dtype=np.int32) % 4

image, label = tf.train.slice_input_producer([images, labels], shuffle=True, seed=3,
                                             capacity=32)
print("producer", image, label)
img = tf.cast(image, tf.float32)
dist = tf.random_crop(img, [10, 10, 3], seed=11)
dist = tf.image.random_flip_left_right(dist, seed=12)
dist = tf.image.random_brightness(dist, max_delta=63, seed=13)
dist = tf.image.random_contrast(dist, lower=0.2, upper=1.8, seed=14)
dist = tf.image.per_image_standardization(dist)
dist.set_shape([10, 10, 3])
xb, yb = tf.train.shuffle_batch([dist, label], batch_size=4, num_threads=1,
                                capacity=16, min_after_dequeue=8, seed=21)
print("batch", xb, yb)

ev_image, ev_label = tf.train.slice_input_producer([images, labels], shuffle=False,
                                                   name="eval_input")
ev = tf.image.resize_image_with_crop_or_pad(tf.cast(ev_image, tf.float32), 10, 10)
ev = tf.image.per_image_standardization(ev)
exb, eyb = tf.train.batch([ev, ev_label], batch_size=4, num_threads=1, capacity=8)
print("eval batch", exb.shape, eyb.shape)

with tf.variable_scope("model"):
    net = tf.layers.conv2d(xb, 3, 3, activation=tf.nn.relu, name="c1")
    net = tf.reduce_mean(net, axis=[1, 2])
    logits = tf.layers.dense(net, 4, name="fc")
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=yb, logits=logits))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
qr = tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)
print("queue runners", [q.name for q in qr])
print("queue ops", sorted(op.name for op in tf.get_default_graph().get_operations()
                          if op.type in ("FIFOQueueV2", "RandomShuffleQueueV2")))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    producer_qr, shuffle_qr = qr[0], qr[1]
    print("enqueue ops", [op.name for op in producer_qr.enqueue_ops],
          [op.name for op in shuffle_qr.enqueue_ops])
    for _ in range(2):
        sess.run(producer_qr.enqueue_ops[0])
    for _ in range(12):
        sess.run(shuffle_qr.enqueue_ops[0])
    for step in range(5):
        lv, y, _ = sess.run([loss, yb, train])
        print(step, sorted(y.tolist()), repr(float(lv)))
        for _ in range(4):
            sess.run(shuffle_qr.enqueue_ops[0])
    print("queue sizes", sess.run([shuffle_qr.queue.size(), producer_qr.queue.size()]))
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(sess=sess, coord=coord)
    e = sess.run(eyb)
    print("eval labels", sorted(e.tolist()))
    coord.request_stop()
    coord.join(threads)
print("stopped", coord.should_stop())
