package cathnav.gpu.device;

import cathnav.gpu.Attenuation;
import cathnav.gpu.VolumeGrid;
import java.util.stream.IntStream;

/** A grid's linear attenuation (1/mm, float32, x fastest) made on the host, for texture and image uploads. */
public final class HostAttenuation {

  private HostAttenuation() {}

  /** {@code grid.mu()} itself for attenuation grids; HU converted per {@code attenuation}, slices in parallel. */
  public static float[] of(VolumeGrid grid, Attenuation attenuation) {
    if (grid.mu() != null) {
      return grid.mu();
    }
    short[] hu = grid.hu();
    float[] table = new float[65536];
    for (int h = Short.MIN_VALUE; h <= Short.MAX_VALUE; h++) {
      table[h & 0xffff] = attenuation.mu(h);
    }
    float[] mu = new float[hu.length];
    int slice = grid.nx() * grid.ny();
    IntStream.range(0, grid.nz()).parallel().forEach(k -> {
      for (int i = k * slice, end = i + slice; i < end; i++) {
        mu[i] = table[hu[i] & 0xffff];
      }
    });
    return mu;
  }
}
