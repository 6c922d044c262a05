package cathnav.gpu;

/** A target frame prepared for {@link ComputeBackend#scorePoses}: its size, metric and precomputed statistics. */
public interface PreparedTarget extends AutoCloseable {
  int width();

  int height();

  SimilarityMetric metric();

  @Override
  void close();
}
