package cathnav.core.web;

import java.io.File;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Chromium from the system packages (no browser download), per ../shared/browser.md. */
public final class HeadlessChromium {

  static final String BROWSER = "/usr/bin/chromium";
  static final String DRIVER = "/usr/bin/chromedriver";

  private HeadlessChromium() {}

  /** Starts a browser; fails with the apt-get line when the packages are missing. */
  public static ChromeDriver start(int width, int height) {
    if (!new File(BROWSER).canExecute() || !new File(DRIVER).canExecute()) {
      throw new IllegalStateException("headless browser tests need " + BROWSER + " and " + DRIVER
          + ": apt-get install -y chromium chromium-driver (./cathnav test installs them as root)");
    }
    ChromeOptions o = new ChromeOptions();
    o.setBinary(BROWSER);
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--window-size=" + width + "," + height);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
    return new ChromeDriver(service, o);
  }
}
