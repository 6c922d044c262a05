package cathnav.gpu.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

  @Test
  void runsEveryItemExactlyOnceOnValidWorkers() {
    try (WorkerPool pool = new WorkerPool(3, "pool-test")) {
      AtomicIntegerArray runs = new AtomicIntegerArray(1000);
      AtomicIntegerArray workers = new AtomicIntegerArray(3);
      pool.run(1000, (item, worker) -> {
        runs.incrementAndGet(item);
        workers.incrementAndGet(worker);
      });
      for (int i = 0; i < 1000; i++) {
        assertEquals(1, runs.get(i), "item=" + i);
      }
      assertEquals(1000, workers.get(0) + workers.get(1) + workers.get(2));
    }
  }

  @Test
  void rethrowsAWorkerFailureAfterAllWorkersStopped() {
    try (WorkerPool pool = new WorkerPool(2, "pool-test")) {
      IllegalStateException failure = new IllegalStateException("item 7 failed");
      IllegalStateException thrown =
          assertThrows(
              IllegalStateException.class,
              () -> pool.run(50, (item, worker) -> {
                if (item == 7) {
                  throw failure;
                }
              }));
      assertSame(failure, thrown);
      // the pool still works afterwards
      AtomicIntegerArray runs = new AtomicIntegerArray(4);
      pool.run(4, (item, worker) -> runs.incrementAndGet(item));
      assertTrue(runs.get(0) == 1 && runs.get(3) == 1);
    }
  }
}
