package cathnav.core.web;

import static cathnav.core.testing.Waits.await;
import static cathnav.core.testing.Waits.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cathnav.core.geometry.CArmGeometry;
import cathnav.core.geometry.FrameGeometry;
import cathnav.core.overlay.GuidanceMesh;
import cathnav.core.overlay.GuidanceModel;
import cathnav.core.overlay.TestMeshes;
import cathnav.core.service.FramePixels;
import cathnav.core.service.LeadTip;
import cathnav.core.service.LeadTipDetector;
import cathnav.core.service.NavigationService;
import cathnav.core.service.PoseEstimate;
import cathnav.core.service.ProcedureModel;
import cathnav.core.service.ReceivedFrame;
import cathnav.core.service.ScriptedTracker;
import cathnav.core.service.ServiceOptions;
import io.vertx.core.Vertx;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The web display in a real browser: headless Chromium opens the page, receives live frames over the WebSocket and
 * draws the overlay where the projection puts it.
 */
class WebDisplayBrowserIT {

  private static final int W = 256;
  private static final int H = 256;
  private static final double SID = 1200;
  private static final double SOD = 700;
  private static final double SPACING = 0.6;
  private static final double RADIUS = 30;
  /** The display's amber (#ffb000) as the browser reports a computed colour. */
  private static final String AMBER_CSS = "rgba(255, 176, 0, 1)";

  private Vertx vertx;
  private NavigationService service;
  private ChromeDriver browser;
  private Thread source;
  private final AtomicBoolean streaming = new AtomicBoolean(true);
  /** What the service's lead detector finds; switched by the tests. */
  private volatile LeadTipDetector tips = LeadTipDetector.NONE;
  /** The tracker's phase and what an unverified pose waits for; switched by the tests. */
  private volatile PoseEstimate.TrackerPhase phase = PoseEstimate.TrackerPhase.TRACKING;
  private volatile String waitingFor = "";

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    FrameGeometry geometry = FrameGeometry.of(CArmGeometry.of(0, 0, SID, SOD, W, H, SPACING, SPACING));
    service = await(NavigationService.start(vertx,
        ServiceOptions.defaults().withHttp("127.0.0.1", 0).withDisplay(W, DisplayEncoder.Format.PNG),
        (model, backend) -> new ScriptedTracker(
            (pixels, g, timestamp) -> new PoseEstimate(phase, PoseEstimate.identity(), 0.95, 0, 1, waitingFor)),
        (pixels, frame) -> tips.detect(pixels, frame),
        request -> {
          throw new java.io.IOException("not used");
        }));
    // sphere at the isocentre; the part at x > 10 mm (patient left: the image's left half) is the target, 9
    GuidanceMesh mesh = TestMeshes.sphere(new double[] {0, 0, 0}, RADIUS, 24, 48, c -> c[0] > 10 ? 9 : 1);
    service.useModel(new ProcedureModel("sphere", new GuidanceModel("sphere", mesh, List.of()), null, 9));
    source = new Thread(() -> {
      float[] px = new float[W * H];
      java.util.Arrays.fill(px, 400);
      while (streaming.get()) {
        long now = System.currentTimeMillis() * 1_000_000L;
        service.ingest(new ReceivedFrame(service.nextSequence(), System.nanoTime(), now, "fluoro", "test",
            geometry, FramePixels.of(W, H, px)));
        try {
          Thread.sleep(66);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "test-frame-source");
    source.start();
    browser = HeadlessChromium.start(900, 700);
  }

  @AfterEach
  void stop() throws Exception {
    streaming.set(false);
    source.join();
    if (browser != null) {
      browser.quit();
    }
    await(service.close());
    await(vertx.close());
  }

  @Test
  void pageShowsLiveFramesWithTheOverlayWhereTheProjectionPutsIt() throws Exception {
    browser.get("http://127.0.0.1:" + service.httpPort() + "/");
    until("5 frames shown", () -> Integer.parseInt(browser.findElement(By.id("frames")).getText()) >= 5);
    assertEquals("TRACKING", browser.findElement(By.id("state")).getText());
    assertEquals("9", browser.findElement(By.id("target")).getText());
    assertEquals("java", browser.findElement(By.id("backend")).getText());
    until("the model name shown", () -> "sphere".equals(browser.findElement(By.id("model")).getText()));
    assertTrue(browser.findElement(By.id("latency")).getText().endsWith("ms"));

    WebElement canvas = browser.findElement(By.id("frame"));
    BufferedImage shot = ImageIO.read(new ByteArrayInputStream(canvas.getScreenshotAs(OutputType.BYTES)));
    int border = (shot.getWidth() - W) / 2; // the canvas' CSS border
    // float64 reference: a sphere of radius r at distance SOD projects to a circle of radius f r / sqrt(SOD^2 - r^2)
    double f = SID / SPACING;
    double radiusPx = f * RADIUS / Math.sqrt(SOD * SOD - RADIUS * RADIUS);
    double centre = (W - 1) / 2.0 + 0.5 + border; // canvas x of detector u = (u + 0.5) * scale
    int row = (int) Math.round(centre);
    int leftEdge = -1;
    int rightEdge = -1;
    for (int x = 0; x < shot.getWidth(); x++) {
      if (isOutlineGreen(shot.getRGB(x, row))) {
        if (leftEdge < 0) {
          leftEdge = x;
        }
        rightEdge = x;
      }
    }
    assertTrue(leftEdge >= 0, "no LV outline colour on the centre row");
    assertEquals(centre - radiusPx, leftEdge, 4.0, "left edge of the outline");
    assertEquals(centre + radiusPx, rightEdge, 4.0, "right edge of the outline");
    // target fill (blue) lies on the image's left (patient left, x > 10 mm), nothing of it on the right
    int leftTarget = 0;
    int rightTarget = 0;
    for (int x = 0; x < shot.getWidth(); x++) {
      if (isTargetBlue(shot.getRGB(x, row))) {
        if (x < centre) {
          leftTarget++;
        } else {
          rightTarget++;
        }
      }
    }
    assertTrue(leftTarget > 20, "target fill on the left, pixels=" + leftTarget);
    assertEquals(0, rightTarget, "target fill on the right");
  }

  @Test
  void pageMarksTheOverlayStaleWhenFramesStop() throws Exception {
    browser.get("http://127.0.0.1:" + service.httpPort() + "/");
    until("3 frames shown", () -> Integer.parseInt(browser.findElement(By.id("frames")).getText()) >= 3);
    streaming.set(false);
    until("the state STALE", () -> "STALE".equals(browser.findElement(By.id("state")).getText()));
    WebElement banner = browser.findElement(By.id("banner"));
    assertTrue(banner.isDisplayed());
    assertTrue(banner.getText().startsWith("STALE"), banner.getText());
  }

  @Test
  void pageShowsAnUnverifiedPoseAmberSayingWhatItWaitsForWithItsReadoutsAmber() throws Exception {
    tips = (pixels, frame) -> new LeadTip(W / 2f - 30, H / 2f, true, frame);
    browser.get("http://127.0.0.1:" + service.httpPort() + "/");
    until("a segment number shown", () -> browser.findElement(By.id("segment")).getText().matches("\\d+"));
    String tracking = browser.findElement(By.id("distance")).getCssValue("color");
    assertNotEquals(AMBER_CSS, tracking, "distance amber while TRACKING");

    waitingFor = "patient pose seen in one view only, turn the C-arm 20 degrees or more and hold it still";
    phase = PoseEstimate.TrackerPhase.UNVERIFIED;
    until("the state UNRELIABLE", () -> "UNRELIABLE".equals(browser.findElement(By.id("state")).getText()));
    WebElement banner = browser.findElement(By.id("banner"));
    assertTrue(banner.isDisplayed());
    assertTrue(banner.getText().startsWith("NOT VERIFIED"), banner.getText());
    until("the message saying what verification waits for",
        () -> browser.findElement(By.id("message")).getText().contains(waitingFor));
    assertEquals(AMBER_CSS, browser.findElement(By.id("distance")).getCssValue("color"));
    assertEquals(AMBER_CSS, browser.findElement(By.id("segment")).getCssValue("color"));
  }

  @Test
  void pageWithholdsSegmentAndDistanceForAnUnconfirmedTipAndShowsThemForAConfirmedOne() throws Exception {
    // a tip on the sphere, left of centre (over the target)
    tips = (pixels, frame) -> new LeadTip(W / 2f - 30, H / 2f, false, frame);
    browser.get("http://127.0.0.1:" + service.httpPort() + "/");
    until("the tip shown unconfirmed",
        () -> browser.findElement(By.id("tip-state")).getText().startsWith("unconfirmed"));
    assertEquals("withheld", browser.findElement(By.id("segment")).getText());
    assertEquals("withheld", browser.findElement(By.id("distance")).getText());
    assertTrue(browser.findElement(By.id("message")).getText().contains("lead tip not confirmed"),
        browser.findElement(By.id("message")).getText());

    tips = (pixels, frame) -> new LeadTip(W / 2f - 30, H / 2f, true, frame);
    until("the tip shown confirmed", () -> "confirmed".equals(browser.findElement(By.id("tip-state")).getText()));
    until("a segment number shown", () -> browser.findElement(By.id("segment")).getText().matches("\\d+"));
    assertTrue(browser.findElement(By.id("distance")).getText().contains("mm"),
        browser.findElement(By.id("distance")).getText());
  }

  private static boolean isOutlineGreen(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return g > 180 && r < 110 && b < 140;
  }

  private static boolean isTargetBlue(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return b > r + 40 && b > g + 10;
  }
}
