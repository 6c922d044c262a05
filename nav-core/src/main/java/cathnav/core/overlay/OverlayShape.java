package cathnav.core.overlay;

import java.util.Arrays;
import java.util.Objects;

/**
 * One vector element of an overlay, in detector pixels ({@code u} right along a row, {@code v} down; pixel centres
 * at integers, DESIGN.md). Coordinates are immutable: the records copy their arrays in and out.
 */
public sealed interface OverlayShape {

  OverlayRole role();

  /** Colour as 0xRRGGBBAA. */
  int rgba();

  /**
   * A closed polygon (LV silhouette, target segment) given as interleaved {@code u0, v0, u1, v1, ...}; the last
   * vertex connects to the first.
   */
  record Polygon(OverlayRole role, float[] uv, boolean filled, int rgba) implements OverlayShape {
    public Polygon {
      Objects.requireNonNull(role, "role");
      uv = checkedCopy(uv, 3);
    }

    @Override
    public float[] uv() {
      return uv.clone();
    }

    /** Number of vertices. */
    public int size() {
      return uv.length / 2;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Polygon p
          && p.role == role
          && p.filled == filled
          && p.rgba == rgba
          && Arrays.equals(p.uv, uv);
    }

    @Override
    public int hashCode() {
      return Objects.hash(role, filled, rgba, Arrays.hashCode(uv));
    }

    @Override
    public String toString() {
      return "Polygon[role=" + role + ", vertices=" + size() + ", filled=" + filled + "]";
    }
  }

  /** An open polyline (a vein) given as interleaved {@code u0, v0, u1, v1, ...}. */
  record Polyline(OverlayRole role, float[] uv, int rgba) implements OverlayShape {
    public Polyline {
      Objects.requireNonNull(role, "role");
      uv = checkedCopy(uv, 2);
    }

    @Override
    public float[] uv() {
      return uv.clone();
    }

    public int size() {
      return uv.length / 2;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Polyline p && p.role == role && p.rgba == rgba && Arrays.equals(p.uv, uv);
    }

    @Override
    public int hashCode() {
      return Objects.hash(role, rgba, Arrays.hashCode(uv));
    }

    @Override
    public String toString() {
      return "Polyline[role=" + role + ", vertices=" + size() + "]";
    }
  }

  /** A point marker (the lead tip) at {@code (u, v)} with a radius in pixels. */
  record Marker(OverlayRole role, float u, float v, float radius, int rgba) implements OverlayShape {
    public Marker {
      Objects.requireNonNull(role, "role");
      if (!Float.isFinite(u) || !Float.isFinite(v) || !(radius > 0)) {
        throw new IllegalArgumentException("marker needs a finite position and a positive radius, u=" + u
            + ", v=" + v + ", radius=" + radius);
      }
    }
  }

  /** A text label anchored at {@code (u, v)}. */
  record Label(OverlayRole role, float u, float v, String text, int rgba) implements OverlayShape {
    public Label {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(text, "text");
    }
  }

  private static float[] checkedCopy(float[] uv, int minVertices) {
    Objects.requireNonNull(uv, "uv");
    if (uv.length % 2 != 0 || uv.length < 2 * minVertices) {
      throw new IllegalArgumentException(
          "need interleaved u,v pairs, at least " + minVertices + " vertices, length=" + uv.length);
    }
    for (float f : uv) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("coordinates must be finite, found " + f);
      }
    }
    return uv.clone();
  }
}
