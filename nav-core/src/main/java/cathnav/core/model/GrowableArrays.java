package cathnav.core.model;

import java.util.Arrays;

/** Append-only primitive arrays for readers whose element count is not known up front. */
final class GrowableArrays {

  private GrowableArrays() {}

  static final class Floats {
    private float[] a = new float[1024];
    private int n;

    void add(float v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    float[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }

  static final class Ints {
    private int[] a = new int[1024];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[n++] = v;
    }

    int get(int i) {
      return a[i];
    }

    int size() {
      return n;
    }

    int[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }

  /** Vertices de-duplicated by exact coordinates (STL stores each triangle's corners separately). */
  static final class WeldedVertices {
    private final Floats coords = new Floats();
    private final java.util.HashMap<Key, Integer> index = new java.util.HashMap<>();

    private record Key(float x, float y, float z) {}

    int add(float x, float y, float z) {
      Key k = new Key(x == 0f ? 0f : x, y == 0f ? 0f : y, z == 0f ? 0f : z); // -0 and +0 weld together
      Integer i = index.get(k);
      if (i != null) {
        return i;
      }
      int id = coords.size() / 3;
      coords.add(k.x());
      coords.add(k.y());
      coords.add(k.z());
      index.put(k, id);
      return id;
    }

    float[] toArray() {
      return coords.toArray();
    }
  }
}
