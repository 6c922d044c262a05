package cathnav.igtl.message;

import java.util.Arrays;

/**
 * One POLYDATA cell array (vertices, lines, polygons or triangle strips) in the VTK legacy layout:
 * for each cell its point count {@code n} followed by {@code n} point indices. Immutable (the array is copied
 * in and out).
 */
public final class PolyCells {

    /** No cells. */
    public static final PolyCells EMPTY = new PolyCells(new int[0]);

    private final int[] data;
    private final int cellCount;

    private PolyCells(int[] data) {
        this.data = data;
        int cells = 0;
        int pos = 0;
        while (pos < data.length) {
            int n = data[pos];
            if (n < 0 || n > data.length - pos - 1) {
                throw new IllegalArgumentException("cell array truncated, cell=" + cells + ", pointCount=" + n
                        + ", position=" + pos + ", length=" + data.length);
            }
            for (int p = pos + 1; p <= pos + n; p++) {
                if (data[p] < 0) {
                    throw new IllegalArgumentException("negative point index in cell array, cell=" + cells
                            + ", index=" + data[p]);
                }
            }
            pos += n + 1;
            cells++;
        }
        this.cellCount = cells;
    }

    /** Cells from the legacy layout {@code (n, i1..in)*}; the array is copied. */
    public static PolyCells of(int... legacyLayout) {
        return legacyLayout.length == 0 ? EMPTY : new PolyCells(legacyLayout.clone());
    }

    /** One cell per index list, e.g. {@code ofCells(new int[] {0, 1, 2}, new int[] {2, 3, 0})}. */
    public static PolyCells ofCells(int[]... cells) {
        int length = 0;
        for (int[] c : cells) {
            length += c.length + 1;
        }
        int[] data = new int[length];
        int pos = 0;
        for (int[] c : cells) {
            data[pos++] = c.length;
            System.arraycopy(c, 0, data, pos, c.length);
            pos += c.length;
        }
        return new PolyCells(data);
    }

    /** Number of cells. */
    public int cellCount() {
        return cellCount;
    }

    /** Number of int values in the legacy layout (the wire size is four times this). */
    public int length() {
        return data.length;
    }

    /** Value {@code index} of the legacy layout. */
    public int get(int index) {
        return data[index];
    }

    /** A copy of the legacy layout. */
    public int[] toArray() {
        return data.clone();
    }

    /** Largest point index used, or -1 when there is none. */
    public int maxPointIndex() {
        int max = -1;
        int pos = 0;
        while (pos < data.length) {
            int n = data[pos];
            for (int p = pos + 1; p <= pos + n; p++) {
                max = Math.max(max, data[p]);
            }
            pos += n + 1;
        }
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolyCells other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PolyCells[cells=" + cellCount + ", length=" + data.length + "]";
    }
}
