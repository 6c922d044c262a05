package cathnav.gpu;

/** A float32 row-major image resident on a backend's device. Owned by the backend's thread; {@code close()} frees it. */
public interface DeviceImage extends AutoCloseable {
  int width();

  int height();

  @Override
  void close();
}
