package cathnav.sim.render;

import cathnav.core.geometry.RigidTransform;
import cathnav.gpu.ComputeBackend;
import cathnav.gpu.Projection;
import cathnav.gpu.RenderOptions;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders views ahead of the frames that need them: on its own thread, with its own backend and uploaded volumes, it
 * {@link AnatomyRenderer#prepare prepares} each requested view in order (the static anatomy and the resting heart)
 * and hands the results over through a wait-free queue; the frame thread {@link #poll polls} them and
 * {@link AnatomyRenderer#adopt adopts} them. A live source uses it so that the view after a C-arm move is already
 * cached when the move ends, instead of stalling the stream for a full ray cast.
 *
 * <p>Thread-safety: {@link #start}, {@link #poll} and {@link #close} from the owning (frame) thread; the rendering
 * thread owns the backend it opens and closes it when done or closed.
 */
public final class ViewPrerenderer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ViewPrerenderer.class);

  /** A view to render: detector projection and patient pose (model to RAS). */
  public record View(Projection projection, RigidTransform patientPose) {
    public View {
      Objects.requireNonNull(projection, "projection");
      Objects.requireNonNull(patientPose, "patientPose");
    }
  }

  private final Supplier<ComputeBackend> backend;
  private final AnatomyScene scene;
  private final RenderOptions options;
  private final List<View> views;
  private final Queue<PreparedView> ready = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Throwable failure;

  /**
   * @param backend opens the backend the rendering thread owns (a single-threaded one keeps pre-rendering to one
   *     core, beside the frame thread)
   * @param options the render options of the renderer that adopts the views (the same options give the same DRRs)
   * @param views the views to render, in the order they will be needed
   */
  public ViewPrerenderer(Supplier<ComputeBackend> backend, AnatomyScene scene, RenderOptions options,
      List<View> views) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.scene = Objects.requireNonNull(scene, "scene");
    this.options = Objects.requireNonNull(options, "options");
    this.views = List.copyOf(views);
    this.thread = new Thread(this::run, "cathnav-sim-prerender");
    this.thread.setDaemon(true);
  }

  /** Starts rendering. */
  public void start() {
    thread.start();
  }

  private void run() {
    long start = System.nanoTime();
    int done = 0;
    try (ComputeBackend b = backend.get(); AnatomyRenderer renderer = new AnatomyRenderer(b, scene, options, false,
        0)) {
      for (View v : views) {
        if (!running) {
          break;
        }
        long t0 = System.nanoTime();
        ready.add(renderer.prepare(v.projection(), v.patientPose()));
        done++;
        LOG.info("view pre-rendered, scene={}, view={}/{}, width={}, height={}, ms={}", scene.name(), done,
            views.size(), v.projection().width(), v.projection().height(), (System.nanoTime() - t0) / 1_000_000);
      }
    } catch (RuntimeException | LinkageError e) {
      failure = e;
      LOG.warn("view pre-rendering failed, scene={}, viewsDone={}, error={}", scene.name(), done, e.toString());
    }
    LOG.debug("view pre-rendering ended, viewsDone={}, ms={}", done, (System.nanoTime() - start) / 1_000_000);
  }

  /** The next view finished since the last call, or null. */
  public PreparedView poll() {
    return ready.poll();
  }

  /** What stopped pre-rendering early, or null (the frames are then rendered when needed, as without it). */
  public Throwable failure() {
    return failure;
  }

  /** Stops after the view being rendered and waits for the thread (which closes its backend). */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
