package cathnav.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code cathnav serve} from the root command: exit codes for good and bad invocations. */
class ServeCommandTest {

  @Test
  void runsForTheRequestedDurationAndExitsZero() {
    assertEquals(0, CathNavCommand.execute("serve", "--igtl", "127.0.0.1:0", "--http", "127.0.0.1:0",
        "--duration", "0.5"));
  }

  @Test
  void aMalformedAddressIsAUsageError() {
    assertEquals(2, CathNavCommand.execute("serve", "--igtl", "localhost"));
  }

  @Test
  void aModelFileThatDoesNotLoadIsABadInputFile() {
    assertEquals(3, CathNavCommand.execute("serve", "--igtl", "127.0.0.1:0", "--http", "127.0.0.1:0",
        "--model", "/nowhere/lv.stl"));
  }

  @Test
  void anUnknownBackendNameIsAUsageError() {
    assertEquals(2, CathNavCommand.execute("serve", "--igtl", "127.0.0.1:0", "--http", "127.0.0.1:0",
        "--backend", "quantum"));
  }
}
