package cathnav.igtl.codec;

/**
 * Limits and checks of one connection's decoder. Immutable and validated; change with the {@code with...}
 * methods.
 *
 * @param maxBodySize     largest BODY_SIZE accepted, bytes (1 to 2^31-1-58); a larger one is rejected from the
 *                        header alone, before anything is allocated, and ends the stream
 * @param maxMetadataSize largest version-2 metadata (index plus keys and values), bytes (0 to 2^31-1)
 * @param crcCheck        whether the body CRC is verified on receive (sending always writes it)
 */
public record IgtlCodecOptions(long maxBodySize, int maxMetadataSize, boolean crcCheck) {

    /** Default largest body: 64 MiB (a 4096 x 4096 x 4 float32 frame). */
    public static final long DEFAULT_MAX_BODY_SIZE = 64L << 20;
    /** Default largest metadata: 64 KiB. */
    public static final int DEFAULT_MAX_METADATA_SIZE = 64 << 10;
    /** Hard ceiling of the body size: a frame must fit one Netty buffer. */
    public static final long BODY_SIZE_CEILING = Integer.MAX_VALUE - HeaderDescriptor.HEADER_LENGTH;

    /** 64 MiB bodies, 64 KiB metadata, CRC checked. */
    public static final IgtlCodecOptions DEFAULTS =
            new IgtlCodecOptions(DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_METADATA_SIZE, true);

    public IgtlCodecOptions {
        if (maxBodySize < 1 || maxBodySize > BODY_SIZE_CEILING) {
            throw new IllegalArgumentException("maxBodySize must be 1.." + BODY_SIZE_CEILING + " bytes, maxBodySize="
                    + maxBodySize);
        }
        if (maxMetadataSize < 0) {
            throw new IllegalArgumentException("maxMetadataSize must be >= 0, maxMetadataSize=" + maxMetadataSize);
        }
    }

    /** These options with another body limit. */
    public IgtlCodecOptions withMaxBodySize(long bytes) {
        return new IgtlCodecOptions(bytes, maxMetadataSize, crcCheck);
    }

    /** These options with another metadata limit. */
    public IgtlCodecOptions withMaxMetadataSize(int bytes) {
        return new IgtlCodecOptions(maxBodySize, bytes, crcCheck);
    }

    /** These options with CRC checking on or off. */
    public IgtlCodecOptions withCrcCheck(boolean check) {
        return new IgtlCodecOptions(maxBodySize, maxMetadataSize, check);
    }
}
