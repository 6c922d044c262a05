package cathnav.core.model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a surface file of any supported format into a {@link TriangleMesh}, choosing the reader by file name and
 * otherwise by the first bytes: STL ({@code .stl}), PLY ({@code .ply}), legacy VTK POLYDATA ({@code .vtk}),
 * Wavefront OBJ ({@code .obj}). Stateless and thread-safe; reading blocks, so call it off the event loop.
 */
public final class Meshes {

  private Meshes() {}

  public static TriangleMesh read(Path file) throws ModelFileException {
    Volumes.checkReadable(file);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".stl")) {
      return StlReader.read(file);
    }
    if (name.endsWith(".ply")) {
      return PlyReader.read(file);
    }
    if (name.endsWith(".vtk")) {
      return VtkPolyDataReader.read(file);
    }
    if (name.endsWith(".obj")) {
      return ObjReader.read(file);
    }
    String head = HeaderLines.peek(file, 32);
    if (head.startsWith("ply")) {
      return PlyReader.read(file);
    }
    if (head.startsWith("# vtk DataFile")) {
      return VtkPolyDataReader.read(file);
    }
    if (head.trim().startsWith("solid")) {
      return StlReader.read(file);
    }
    throw new ModelFileException(file, "unknown mesh format (expected .stl, .ply, .vtk, .obj)");
  }
}
