package cathnav.igtl.message;

import java.util.Arrays;

/**
 * One POLYDATA attribute: per-point or per-cell float32 data.
 *
 * <p>Component counts: scalars 1 to 4, vectors and normals 3, tensors 9, RGBA 4. The reference library (1.11)
 * writes 9 as the component count of cell scalars and of RGBA attributes, together with {@code 9 * count}
 * floats of which only the first {@code count * realComponents} are meaningful; such attributes are accepted
 * as they are (see {@link #hasReferenceLibraryComponentQuirk()}) so they re-encode unchanged. CathNav sends
 * point attributes only, with their true component counts.
 *
 * @param kind       what the values mean
 * @param cellData   true for per-cell data, false for per-point data
 * @param name       attribute name, 0 to 255 characters U+0001..U+00FF
 * @param components components per element
 * @param data       {@code count * components} values, element by element (copied in and out)
 */
public record PolyAttribute(Kind kind, boolean cellData, String name, int components, float[] data) {

    /** Longest attribute name in bytes. */
    public static final int MAX_NAME_LENGTH = 255;

    /** Attribute kinds with their wire codes (the cell-data flag adds 0x10). */
    public enum Kind {
        SCALAR(0), VECTOR(1), NORMAL(2), TENSOR(3), RGBA(4);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** Wire code without the cell-data flag. */
        public int code() {
            return code;
        }

        /** The kind with wire code {@code code} (without the 0x10 flag), or {@code null}. */
        public static Kind fromCode(int code) {
            return code >= 0 && code < values().length ? values()[code] : null;
        }
    }

    public PolyAttribute {
        if (kind == null || data == null) {
            throw new IllegalArgumentException("attribute kind and data are required, name=" + name);
        }
        IgtlMessage.checkFixedText("attribute name", name, MAX_NAME_LENGTH);
        boolean valid = switch (kind) {
            case SCALAR -> components >= 1 && components <= 4 || components == 9;
            case VECTOR, NORMAL -> components == 3;
            case TENSOR -> components == 9;
            case RGBA -> components == 4 || components == 9;
        };
        if (!valid) {
            throw new IllegalArgumentException("invalid component count for attribute, name=" + name + ", kind=" + kind
                    + ", components=" + components);
        }
        if (data.length % components != 0) {
            throw new IllegalArgumentException("attribute data is not a whole number of elements, name=" + name
                    + ", values=" + data.length + ", components=" + components);
        }
        data = data.clone();
    }

    /** Per-point scalars with one component. */
    public static PolyAttribute pointScalars(String name, float[] values) {
        return new PolyAttribute(Kind.SCALAR, false, name, 1, values);
    }

    /** Number of elements (points or cells). */
    public int count() {
        return data.length / components;
    }

    /** Wire type byte: kind code, plus 0x10 for cell data. */
    public int wireType() {
        return kind.code() | (cellData ? 0x10 : 0);
    }

    /** True for the 9-component cell-scalar or RGBA attribute the reference library writes. */
    public boolean hasReferenceLibraryComponentQuirk() {
        return components == 9 && (kind == Kind.RGBA || kind == Kind.SCALAR);
    }

    /** A copy of the values. */
    @Override
    public float[] data() {
        return data.clone();
    }

    /** Value {@code index} of the data (element-major). */
    public float get(int index) {
        return data[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolyAttribute a && kind == a.kind && cellData == a.cellData && name.equals(a.name)
                && components == a.components && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return ((kind.hashCode() * 31 + Boolean.hashCode(cellData)) * 31 + name.hashCode()) * 31
                + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PolyAttribute[" + kind + (cellData ? " cell" : " point") + ", name=" + name + ", components="
                + components + ", count=" + count() + "]";
    }
}
