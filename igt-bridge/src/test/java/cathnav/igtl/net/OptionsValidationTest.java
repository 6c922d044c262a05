package cathnav.igtl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsValidationTest {

  @Test
  void rejectsPortOutOfRangeNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new IgtlServerOptions().setPort(70000));
    assertTrue(e.getMessage().contains("port=70000"), e.getMessage());
  }

  @Test
  void rejectsNonPositiveMaxBodySize() {
    assertThrows(IllegalArgumentException.class, () -> new IgtlClientOptions().setMaxBodySize(0));
  }

  @Test
  void rejectsIdleTimeoutNotLongerThanHeartbeat() {
    IgtlServerOptions o = new IgtlServerOptions().setHeartbeatInterval(Duration.ofSeconds(2))
        .setIdleTimeout(Duration.ofSeconds(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, o::validate);
    assertTrue(e.getMessage().contains("idleTimeout"), e.getMessage());
  }

  @Test
  void rejectsTlsServerWithoutKey() {
    assertThrows(IllegalArgumentException.class, () -> new IgtlServerOptions().setSsl(true).validate());
  }

  @Test
  void rejectsDeviceNameLongerThanTwentyCharacters() {
    assertThrows(IllegalArgumentException.class, () -> new IgtlServerOptions().setDeviceName("x".repeat(21)));
  }

  @Test
  void reconnectDelayDoublesUpToTheMaximum() {
    IgtlClientOptions o = new IgtlClientOptions().setReconnectInitialDelay(Duration.ofMillis(100))
        .setReconnectMaxDelay(Duration.ofMillis(700));
    assertEquals(100, o.reconnectDelay(0).toMillis());
    assertEquals(200, o.reconnectDelay(1).toMillis());
    assertEquals(400, o.reconnectDelay(2).toMillis());
    assertEquals(700, o.reconnectDelay(3).toMillis());
    assertEquals(700, o.reconnectDelay(1000).toMillis());
  }

  @Test
  void copyIsIndependentOfTheOriginal() {
    IgtlServerOptions original = new IgtlServerOptions().setPort(1234).setCrcCheck(false);
    IgtlServerOptions copy = new IgtlServerOptions(original);
    original.setPort(4321);
    assertEquals(1234, copy.getPort());
    assertEquals(false, copy.isCrcCheck());
  }

  @Test
  void followPeerPolicySendsVersionTwoOnlyAfterThePeerDid() {
    assertEquals(1, HeaderVersionPolicy.FOLLOW_PEER.versionToSend(false));
    assertEquals(2, HeaderVersionPolicy.FOLLOW_PEER.versionToSend(true));
    assertEquals(1, HeaderVersionPolicy.ALWAYS_V1.versionToSend(true));
    assertEquals(2, HeaderVersionPolicy.ALWAYS_V2.versionToSend(false));
  }
}
