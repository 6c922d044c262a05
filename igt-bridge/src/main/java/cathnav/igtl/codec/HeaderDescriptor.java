package cathnav.igtl.codec;

/**
 * Wire layout of the OpenIGTLink envelope: the 58-byte header, the version-2 extended header and the
 * version-2 metadata. All integers are big-endian and unsigned unless noted.
 *
 * <p>Header (every message, both versions):
 * <pre>
 *  0       2                    14                              34            42            50            58
 *  +-------+--------------------+-------------------------------+-------------+-------------+-------------+
 *  |VERSION| TYPE char[12]      | DEVICE_NAME char[20]          | TIMESTAMP   | BODY_SIZE   | CRC         |
 *  |  u16  | NUL-padded ASCII   | NUL-padded                    | u32 s, u32  | u64 bytes   | u64 CRC-64  |
 *  |       |                    |                               | frac 2^-32  |             | of the body |
 *  +-------+--------------------+-------------------------------+-------------+-------------+-------------+
 * </pre>
 *
 * <p>Body of header version 1: the content only. Body of header version 2:
 * <pre>
 *  +-----------------+--------------------------------+------------------+------------------------------+
 *  | extended header | content                        | metadata index   | metadata keys and values     |
 *  | EXT_HEADER_SIZE |                                | META_HEADER_SIZE | META_SIZE                    |
 *  +-----------------+--------------------------------+------------------+------------------------------+
 *
 *  extended header (12 bytes in every known sender; a larger size skips unknown trailing fields):
 *  0                 2                  4                  8              12
 *  +-----------------+------------------+------------------+--------------+
 *  | EXT_HEADER_SIZE | META_HEADER_SIZE | META_SIZE        | MESSAGE_ID   |
 *  |       u16       |       u16        |       u32        |     u32      |
 *  +-----------------+------------------+------------------+--------------+
 *
 *  metadata index (META_HEADER_SIZE = 2 + 8 * count):
 *  +-------------+----------------------------------------------------------+
 *  | count u16   | count x ( key size u16 | value encoding u16 | value size u32 ) |
 *  +-------------+----------------------------------------------------------+
 *  metadata (META_SIZE = sum of key and value sizes): key bytes then value bytes, entry by entry.
 * </pre>
 * CONTENT_SIZE = BODY_SIZE - EXT_HEADER_SIZE - META_HEADER_SIZE - META_SIZE. The CRC covers the whole body.
 */
public final class HeaderDescriptor {

    public static final int VERSION_OFFSET = 0;
    public static final int TYPE_OFFSET = 2;
    public static final int TYPE_LENGTH = 12;
    public static final int DEVICE_NAME_OFFSET = 14;
    public static final int DEVICE_NAME_LENGTH = 20;
    public static final int TIMESTAMP_OFFSET = 34;
    public static final int BODY_SIZE_OFFSET = 42;
    public static final int CRC_OFFSET = 50;
    /** Length of the header. */
    public static final int HEADER_LENGTH = 58;

    /** Header version without extended header and metadata. */
    public static final int VERSION_1 = 1;
    /** Header version with extended header and metadata (protocol version 3). */
    public static final int VERSION_2 = 2;

    public static final int EXT_HEADER_SIZE_OFFSET = 0;
    public static final int META_HEADER_SIZE_OFFSET = 2;
    public static final int META_SIZE_OFFSET = 4;
    public static final int MESSAGE_ID_OFFSET = 8;
    /** Length of the extended header this codec writes, and the minimum it accepts. */
    public static final int EXT_HEADER_LENGTH = 12;

    /** Length of the metadata entry count. */
    public static final int META_COUNT_LENGTH = 2;
    /** Length of one metadata index entry. */
    public static final int META_INDEX_ENTRY_LENGTH = 8;

    private HeaderDescriptor() {
    }
}
