package cathnav.igtl.bench;

/**
 * One line of the IMAGE bench: one receiver implementation, one image size, CRC on or off.
 *
 * @param implementation "java" (CathNav's {@code IgtlServer}) or "c++" (the reference library)
 * @param width image width, pixels
 * @param height image height, pixels
 * @param crc whether the receiver checked the CRC-64
 * @param framesPerSecond received frames per second, sender as fast as possible
 * @param megabytesPerSecond received message bytes per second (10^6 bytes), same run
 * @param frames frames received in the throughput run
 * @param latencyP50Ms median latency at 30 fps, ms (intended send time to message decoded)
 * @param latencyP99Ms 99th percentile latency at 30 fps, ms
 * @param latencyMaxMs maximum latency at 30 fps, ms
 * @param latencyFrames frames received in the latency run
 */
public record BenchRow(
    String implementation,
    int width,
    int height,
    boolean crc,
    double framesPerSecond,
    double megabytesPerSecond,
    long frames,
    double latencyP50Ms,
    double latencyP99Ms,
    double latencyMaxMs,
    long latencyFrames) {}
