package cathnav.core.service;

import java.io.IOException;

/** Reads a patient model from files; runs on a worker thread (blocking I/O). */
@FunctionalInterface
public interface ModelLoader {

  /**
   * @throws IOException naming the file and what is wrong with it
   */
  ProcedureModel load(ModelRequest request) throws IOException;
}
