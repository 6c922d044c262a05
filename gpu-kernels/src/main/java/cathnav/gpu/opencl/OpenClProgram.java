package cathnav.gpu.opencl;

import static org.jocl.CL.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

/** Compiles OpenCL C programs for one device; failures carry the device compiler's build log. */
final class OpenClProgram {

  private OpenClProgram() {}

  /** The text of a kernel resource under {@code cathnav/gpu/opencl/}. */
  static String resource(String name) {
    String path = "/cathnav/gpu/opencl/" + name;
    try (InputStream in = OpenClProgram.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("OpenCL kernel resource missing from the classpath, resource=" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read OpenCL kernel resource, resource=" + path, e);
    }
  }

  /**
   * Builds {@code source} for {@code device}.
   *
   * @throws OpenClBuildException when compilation fails, with the build log
   */
  static cl_program build(cl_context context, cl_device_id device, String name, String source, String options) {
    cl_program program = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
    try {
      clBuildProgram(program, 1, new cl_device_id[] {device}, options, null, null);
      return program;
    } catch (CLException e) {
      String log = buildLog(program, device);
      clReleaseProgram(program);
      throw new OpenClBuildException(name, options, e.getMessage(), log);
    }
  }

  private static String buildLog(cl_program program, cl_device_id device) {
    try {
      long[] size = new long[1];
      clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
      byte[] log = new byte[(int) size[0]];
      clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
      return OpenClDevice.cString(log);
    } catch (CLException e) {
      return "(build log unavailable: " + e.getMessage() + ")";
    }
  }
}
