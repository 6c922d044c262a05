package cathnav.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentRunnerTest {

  @Test
  void runsTheAgentOnItsOwnThreadBetweenStartAndClose() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch worked = new CountDownLatch(3);
    AtomicInteger threadMismatch = new AtomicInteger();
    DutyCycleAgent agent = new DutyCycleAgent() {
      Thread own;

      @Override
      public void onStart() {
        own = Thread.currentThread();
        events.add("start");
      }

      @Override
      public int doWork() {
        if (Thread.currentThread() != own) {
          threadMismatch.incrementAndGet();
        }
        worked.countDown();
        return 0;
      }

      @Override
      public void onClose() {
        events.add("close");
      }

      @Override
      public String roleName() {
        return "test-agent";
      }
    };
    try (AgentRunner runner = new AgentRunner(agent, BackoffIdleStrategy.pipelineDefault(), e -> {})) {
      runner.start();
      assertTrue(worked.await(5, TimeUnit.SECONDS));
      assertEquals("cathnav-test-agent", runner.thread().getName());
    }
    assertEquals(List.of("start", "close"), events);
    assertEquals(0, threadMismatch.get());
  }

  @Test
  void aFailingCycleIsReportedAndTheLoopGoesOn() throws Exception {
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch secondCall = new CountDownLatch(1);
    DutyCycleAgent agent = new DutyCycleAgent() {
      @Override
      public int doWork() {
        if (calls.incrementAndGet() == 1) {
          throw new IllegalStateException("bad frame");
        }
        secondCall.countDown();
        return 0;
      }

      @Override
      public String roleName() {
        return "failing";
      }
    };
    try (AgentRunner runner = new AgentRunner(agent, BackoffIdleStrategy.pipelineDefault(), errors::add)) {
      runner.start();
      assertTrue(secondCall.await(5, TimeUnit.SECONDS));
    }
    assertEquals(1, errors.size());
    assertEquals("bad frame", errors.get(0).getMessage());
  }
}
