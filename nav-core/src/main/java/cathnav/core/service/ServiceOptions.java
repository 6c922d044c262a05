package cathnav.core.service;

import cathnav.core.geometry.FrameGeometry;
import cathnav.core.web.DisplayEncoder;
import java.util.Objects;

/**
 * Settings of a navigation service. Immutable; {@code with...} methods return changed copies, validated.
 *
 * @param igtlHost OpenIGTLink listen address
 * @param igtlPort OpenIGTLink port (0 picks a free one)
 * @param httpHost web display / REST listen address
 * @param httpPort web port (0 picks a free one)
 * @param backend requested compute backend ({@code java}, {@code opencl}, {@code cuda}, {@code auto})
 * @param configuredGeometry geometry for frames that bring none, or null (such frames are then refused)
 * @param confidenceThreshold confidence below which the overlay is unreliable
 * @param lostAfter consecutive unreliable frames before the overlay is hidden as lost
 * @param displayMaxSize longest side of display images, pixels
 * @param displayFormat image format sent to displays
 * @param sendOverlayImage also send the overlay as an RGBA IMAGE to OpenIGTLink peers
 */
public record ServiceOptions(
    String igtlHost,
    int igtlPort,
    String httpHost,
    int httpPort,
    String backend,
    FrameGeometry configuredGeometry,
    double confidenceThreshold,
    int lostAfter,
    int displayMaxSize,
    DisplayEncoder.Format displayFormat,
    boolean sendOverlayImage) {

  /** Default OpenIGTLink port. */
  public static final int DEFAULT_IGTL_PORT = 18944;
  /** Default web port. */
  public static final int DEFAULT_HTTP_PORT = 8080;

  public ServiceOptions {
    Objects.requireNonNull(igtlHost, "igtlHost");
    Objects.requireNonNull(httpHost, "httpHost");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(displayFormat, "displayFormat");
    if (igtlPort < 0 || igtlPort > 65535 || httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("ports must be 0..65535, igtlPort=" + igtlPort + ", httpPort=" + httpPort);
    }
    if (!(confidenceThreshold > 0 && confidenceThreshold <= 1) || lostAfter < 1) {
      throw new IllegalArgumentException(
          "invalid failure policy, confidenceThreshold=" + confidenceThreshold + ", lostAfter=" + lostAfter);
    }
    if (displayMaxSize < 16 || displayMaxSize > 4096) {
      throw new IllegalArgumentException("display size must be 16..4096 pixels, displayMaxSize=" + displayMaxSize);
    }
  }

  /** Loopback defaults: OpenIGTLink 127.0.0.1:18944, web 127.0.0.1:8080, java backend, JPEG at most 512 px. */
  public static ServiceOptions defaults() {
    return new ServiceOptions("127.0.0.1", DEFAULT_IGTL_PORT, "127.0.0.1", DEFAULT_HTTP_PORT, "java", null, 0.5, 5,
        512, DisplayEncoder.Format.JPEG, false);
  }

  public ServiceOptions withIgtl(String host, int port) {
    return new ServiceOptions(host, port, httpHost, httpPort, backend, configuredGeometry, confidenceThreshold,
        lostAfter, displayMaxSize, displayFormat, sendOverlayImage);
  }

  public ServiceOptions withHttp(String host, int port) {
    return new ServiceOptions(igtlHost, igtlPort, host, port, backend, configuredGeometry, confidenceThreshold,
        lostAfter, displayMaxSize, displayFormat, sendOverlayImage);
  }

  public ServiceOptions withBackend(String name) {
    return new ServiceOptions(igtlHost, igtlPort, httpHost, httpPort, name, configuredGeometry, confidenceThreshold,
        lostAfter, displayMaxSize, displayFormat, sendOverlayImage);
  }

  public ServiceOptions withConfiguredGeometry(FrameGeometry geometry) {
    return new ServiceOptions(igtlHost, igtlPort, httpHost, httpPort, backend, geometry, confidenceThreshold,
        lostAfter, displayMaxSize, displayFormat, sendOverlayImage);
  }

  public ServiceOptions withFailurePolicy(double threshold, int lostAfterFrames) {
    return new ServiceOptions(igtlHost, igtlPort, httpHost, httpPort, backend, configuredGeometry, threshold,
        lostAfterFrames, displayMaxSize, displayFormat, sendOverlayImage);
  }

  public ServiceOptions withDisplay(int maxSize, DisplayEncoder.Format format) {
    return new ServiceOptions(igtlHost, igtlPort, httpHost, httpPort, backend, configuredGeometry,
        confidenceThreshold, lostAfter, maxSize, format, sendOverlayImage);
  }

  public ServiceOptions withOverlayImage(boolean send) {
    return new ServiceOptions(igtlHost, igtlPort, httpHost, httpPort, backend, configuredGeometry,
        confidenceThreshold, lostAfter, displayMaxSize, displayFormat, send);
  }
}
