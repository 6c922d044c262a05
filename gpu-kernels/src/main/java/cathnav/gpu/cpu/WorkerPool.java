package cathnav.gpu.cpu;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of worker threads (one per core: the calling thread plus {@code workers - 1} pooled daemon threads)
 * that drain numbered work items, typically (pose, row band) pairs. Items are handed out dynamically from one
 * counter, so bands with long rays do not leave other workers idle.
 *
 * <p>Thread-safety: {@link #run} is called by the backend's owning thread only; the tasks it runs must write to
 * disjoint memory per item (or per worker index).
 */
final class WorkerPool implements AutoCloseable {

  /** One unit of work: {@code item} in {@code [0, items)}, executed by worker {@code worker} in {@code [0, workers)}. */
  @FunctionalInterface
  interface Task {
    void run(int item, int worker);
  }

  private final int workers;
  private final ExecutorService pool;

  WorkerPool(int workers, String threadName) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, workers=" + workers);
    }
    this.workers = workers;
    AtomicInteger counter = new AtomicInteger();
    this.pool =
        workers == 1
            ? null
            : Executors.newFixedThreadPool(
                workers - 1,
                r -> {
                  Thread t = new Thread(r, threadName + "-" + counter.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
  }

  int workers() {
    return workers;
  }

  /** Runs {@code task} for every item in {@code [0, items)} and returns when all are done (rethrowing the first failure). */
  void run(int items, Task task) {
    if (items <= 0) {
      return;
    }
    AtomicInteger next = new AtomicInteger();
    int helpers = Math.min(workers - 1, items - 1);
    Future<?>[] futures = new Future<?>[helpers];
    for (int h = 0; h < helpers; h++) {
      int worker = h + 1;
      futures[h] = pool.submit(() -> drain(next, items, task, worker));
    }
    Throwable failure = null;
    try {
      drain(next, items, task, 0);
    } catch (RuntimeException | Error e) {
      failure = e;
      next.set(items); // stop handing out items
    }
    boolean interrupted = false;
    for (Future<?> f : futures) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the items still write into our buffers: wait for them regardless
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new IllegalStateException("java backend worker failed", failure);
    }
  }

  private static void drain(AtomicInteger next, int items, Task task, int worker) {
    for (int item = next.getAndIncrement(); item < items; item = next.getAndIncrement()) {
      task.run(item, worker);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
