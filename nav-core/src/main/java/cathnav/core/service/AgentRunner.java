package cathnav.core.service;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link DutyCycleAgent} on a dedicated thread: {@code doWork()} in a loop, idling with the given
 * {@link IdleStrategy} when there is no work, until {@link #close()}.
 *
 * <p>An exception from {@code doWork()} is logged and handed to the error handler; the loop goes on (one bad frame
 * must not stop the procedure). {@link Error}s other than the ones the handler chooses to survive stop the runner.
 *
 * <p>Thread-safety: {@link #start()} and {@link #close()} may be called from any thread.
 */
public final class AgentRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);

  private final DutyCycleAgent agent;
  private final IdleStrategy idle;
  private final Consumer<Throwable> errorHandler;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  public AgentRunner(DutyCycleAgent agent, IdleStrategy idle, Consumer<Throwable> errorHandler) {
    this.agent = Objects.requireNonNull(agent, "agent");
    this.idle = Objects.requireNonNull(idle, "idle");
    this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
    this.thread = new Thread(this::run, "cathnav-" + agent.roleName());
    this.thread.setDaemon(true);
  }

  /** The agent's thread (for {@link LatestFrameSlot#wakeOnOffer}). */
  public Thread thread() {
    return thread;
  }

  /** Starts the thread. Call once. */
  public AgentRunner start() {
    thread.start();
    return this;
  }

  private void run() {
    LOG.info("agent started, role={}, idle={}", agent.roleName(), idle.alias());
    try {
      agent.onStart();
      while (running) {
        int work;
        try {
          work = agent.doWork();
        } catch (Exception e) {
          LOG.warn("agent work failed, role={}, error={}", agent.roleName(), e.toString(), e);
          errorHandler.accept(e);
          work = 1;
        }
        idle.idle(work);
      }
    } catch (RuntimeException | Error e) {
      LOG.error("agent stopped by failure, role={}, error={}", agent.roleName(), e.toString(), e);
      errorHandler.accept(e);
    } finally {
      try {
        agent.onClose();
      } finally {
        stopped.countDown();
        LOG.info("agent stopped, role={}", agent.roleName());
      }
    }
  }

  /** Stops the loop after the current {@code doWork()} and waits up to 5 s for the thread to finish. */
  @Override
  public void close() {
    running = false;
    java.util.concurrent.locks.LockSupport.unpark(thread);
    if (Thread.currentThread() == thread || !thread.isAlive() && stopped.getCount() == 1 && !started()) {
      return;
    }
    try {
      if (!stopped.await(5, TimeUnit.SECONDS)) {
        LOG.warn("agent did not stop in 5 s, role={}", agent.roleName());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean started() {
    return thread.getState() != Thread.State.NEW;
  }
}
