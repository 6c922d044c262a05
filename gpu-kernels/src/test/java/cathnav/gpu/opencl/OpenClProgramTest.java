package cathnav.gpu.opencl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jocl.CL;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kernel compilation on the default OpenCL device (PoCL's CPU here and in CI). */
class OpenClProgramTest {

  private static OpenClDevice device;
  private static cl_context context;

  @BeforeAll
  static void createContext() throws OpenClUnavailableException {
    device = OpenClDevice.choose(OpenClDeviceSpec.ANY);
    cl_context_properties properties = new cl_context_properties();
    properties.addProperty(CL.CL_CONTEXT_PLATFORM, device.platform());
    context = CL.clCreateContext(properties, 1, new cl_device_id[] {device.device()}, null, null, null);
  }

  @AfterAll
  static void releaseContext() {
    CL.clReleaseContext(context);
  }

  @Test
  void buildErrorCarriesTheProgramNameAndTheCompilerLog() {
    String broken = "__kernel void k(__global float* x) { x[0] = undeclared_cathnav_symbol; }";
    OpenClBuildException e = assertThrows(OpenClBuildException.class,
        () -> OpenClProgram.build(context, device.device(), "broken.cl", broken, "-cl-std=CL1.2"));
    assertTrue(e.buildLog().contains("undeclared_cathnav_symbol"), e.buildLog());
    assertTrue(e.getMessage().contains("program=broken.cl"), e.getMessage());
    assertTrue(e.getMessage().contains(e.buildLog()), e.getMessage());
  }

  @Test
  void everyCathNavProgramBuildsForTheDevice() {
    String options = OpenClContext.buildOptions(device);
    for (String name : new String[] {"drr.cl", "reduce.cl", "image.cl"}) {
      CL.clReleaseProgram(OpenClProgram.build(context, device.device(), name, OpenClProgram.resource(name), options));
    }
  }
}
