package cathnav.igtl.cli;

/** The exit codes shared by every {@code cathnav} subcommand. */
final class ExitCodes {
  static final int OK = 0;
  static final int RUNTIME_FAILURE = 1;
  static final int USAGE = 2;
  static final int BAD_INPUT_FILE = 3;
  static final int NETWORK_FAILURE = 4;

  private ExitCodes() {}
}
