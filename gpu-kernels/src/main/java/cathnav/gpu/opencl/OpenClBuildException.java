package cathnav.gpu.opencl;

/** An OpenCL program failed to compile; carries the program's name and the compiler's build log. */
public final class OpenClBuildException extends RuntimeException {
  private final String program;
  private final String buildLog;

  OpenClBuildException(String program, String options, String error, String buildLog) {
    super("OpenCL program build failed, program=" + program + ", options=\"" + options + "\", error=" + error
        + ", buildLog:\n" + buildLog);
    this.program = program;
    this.buildLog = buildLog;
  }

  /** The program (resource) name. */
  public String program() {
    return program;
  }

  /** The compiler's log for the device. */
  public String buildLog() {
    return buildLog;
  }
}
