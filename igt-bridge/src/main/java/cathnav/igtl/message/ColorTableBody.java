package cathnav.igtl.message;

import java.util.Arrays;

/**
 * COLORT: a lookup table from label/index values to grey levels or colours.
 *
 * <pre>
 *  i8 index type (3: uint8 index, 256 entries; 5: uint16 index, 65536 entries)
 *  i8 map type   (3: uint8 value; 5: uint16 value; 19: RGB, 3 x uint8)
 *  table: entries x value size, big-endian
 * </pre>
 * Values are held as ints: the grey level, or {@code 0xRRGGBB} for RGB. Immutable (copied in and out).
 *
 * @param indexType {@link #INDEX_UINT8} or {@link #INDEX_UINT16}
 * @param mapType   {@link #MAP_UINT8}, {@link #MAP_UINT16} or {@link #MAP_RGB}
 * @param table     one value per index (256 or 65536), each within the map type's range
 */
public record ColorTableBody(int indexType, int mapType, int[] table) implements IgtlBody {

    /** Wire type name (some senders use {@code COLORTABLE}). */
    public static final String TYPE = "COLORT";
    public static final int INDEX_UINT8 = 3;
    public static final int INDEX_UINT16 = 5;
    public static final int MAP_UINT8 = 3;
    public static final int MAP_UINT16 = 5;
    public static final int MAP_RGB = 19;

    public ColorTableBody {
        if (indexType != INDEX_UINT8 && indexType != INDEX_UINT16) {
            throw new IllegalArgumentException("colour table index type must be 3 or 5, indexType=" + indexType);
        }
        if (mapType != MAP_UINT8 && mapType != MAP_UINT16 && mapType != MAP_RGB) {
            throw new IllegalArgumentException("colour table map type must be 3, 5 or 19, mapType=" + mapType);
        }
        if (table.length != entries(indexType)) {
            throw new IllegalArgumentException("colour table needs one value per index, entries=" + table.length
                    + ", expected=" + entries(indexType));
        }
        int max = mapType == MAP_UINT8 ? 0xFF : mapType == MAP_UINT16 ? 0xFFFF : 0xFFFFFF;
        for (int v : table) {
            if (v < 0 || v > max) {
                throw new IllegalArgumentException("colour table value out of range, value=" + v + ", mapType="
                        + mapType);
            }
        }
        table = table.clone();
    }

    /** Number of table entries for an index type. */
    public static int entries(int indexType) {
        return indexType == INDEX_UINT8 ? 256 : 65536;
    }

    /** Bytes per value for a map type. */
    public static int valueBytes(int mapType) {
        return mapType == MAP_UINT8 ? 1 : mapType == MAP_UINT16 ? 2 : 3;
    }

    /** The value for {@code index} (grey level, or 0xRRGGBB). */
    public int value(int index) {
        return table[index];
    }

    /** A copy of the table. */
    @Override
    public int[] table() {
        return table.clone();
    }

    @Override
    public String defaultTypeName() {
        return TYPE;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColorTableBody c && indexType == c.indexType && mapType == c.mapType
                && Arrays.equals(table, c.table);
    }

    @Override
    public int hashCode() {
        return (indexType * 31 + mapType) * 31 + Arrays.hashCode(table);
    }

    @Override
    public String toString() {
        return "ColorTableBody[indexType=" + indexType + ", mapType=" + mapType + ", entries=" + table.length + "]";
    }
}
