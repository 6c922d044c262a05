package cathnav.gpu.device;

import java.util.function.Consumer;

/**
 * Device memory that grows to the largest size asked for and is reused below it ({@code H}: a CUDA device pointer,
 * an OpenCL memory object). Contents are not kept when it grows. Not thread-safe: owned by one backend's thread,
 * which calls {@link #release()} when done.
 */
public final class ScratchBuffer<H> {

  /** Allocates {@code bytes} of device memory; {@code what} names it in errors. */
  @FunctionalInterface
  public interface Allocator<H> {
    H allocate(long bytes, String what);
  }

  private final String what;
  private final Allocator<H> allocator;
  private final Consumer<H> free;
  private H buffer;
  private long bytes;

  /** {@code what} names the buffer in allocation errors; {@code free} returns a buffer to the device. */
  public ScratchBuffer(String what, Allocator<H> allocator, Consumer<H> free) {
    this.what = what;
    this.allocator = allocator;
    this.free = free;
  }

  /** A buffer of at least {@code needed} bytes: the current one, or a new one after freeing it. */
  public H ensure(long needed) {
    if (buffer == null || bytes < needed) {
      release();
      buffer = allocator.allocate(needed, what);
      bytes = needed;
    }
    return buffer;
  }

  /** The buffer of the last {@link #ensure}, or null when none is held. */
  public H current() {
    return buffer;
  }

  /** Frees the buffer, if any. */
  public void release() {
    if (buffer != null) {
      free.accept(buffer);
      buffer = null;
      bytes = 0;
    }
  }
}
