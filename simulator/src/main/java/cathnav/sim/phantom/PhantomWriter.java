package cathnav.sim.phantom;

import cathnav.core.geometry.Vec3;
import cathnav.core.model.AtomicFileWrite;
import cathnav.core.model.MeshWriters;
import cathnav.core.model.ModelFileException;
import cathnav.core.model.Volume;
import cathnav.core.model.VolumeWriters;
import cathnav.sim.device.Polyline;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a phantom to a folder: {@code phantom.nii.gz} (int16 HU), {@code heart_mask.nii.gz} (1 inside the heart
 * region), one binary STL per heart cavity and the heart outline, and {@code phantom.json} (every solid, the beads,
 * the heart frame and the vein and device routes). Each file goes through a temporary sibling, so a failure leaves no
 * partial file.
 */
public final class PhantomWriter {

  private static final Logger LOG = LoggerFactory.getLogger(PhantomWriter.class);

  private PhantomWriter() {}

  /** Writes everything into {@code dir} (created if missing). */
  public static void write(ThoraxPhantom phantom, PhantomVolumes volumes, Path dir) throws IOException {
    Files.createDirectories(dir);
    AxisGrid g = volumes.grid();
    VolumeWriters.writeNifti(Volume.ofInt16(g.nx(), g.ny(), g.nz(), g.voxelToRas(), volumes.hu()),
        dir.resolve("phantom.nii.gz"));
    short[] mask = new short[volumes.heartWeight().length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = (short) (volumes.heartWeight()[i] >= 0.5f ? 1 : 0);
    }
    VolumeWriters.writeNifti(Volume.ofInt16(g.nx(), g.ny(), g.nz(), g.voxelToRas(), mask),
        dir.resolve("heart_mask.nii.gz"));
    for (PhantomShape s : phantom.heartRegion()) {
      if (s instanceof Ellipsoid e) {
        MeshWriters.writeStl(EllipsoidMeshes.of(e, 32, 64), dir.resolve(e.name().replace('-', '_') + ".stl"));
      }
    }
    AtomicFileWrite.write(dir.resolve("phantom.json"),
        out -> out.write(describe(phantom, volumes).encodePrettily().getBytes(StandardCharsets.UTF_8)));
    LOG.info("phantom written, dir={}, size={}x{}x{}, spacingMm={}", dir, g.nx(), g.ny(), g.nz(), g.spacing());
  }

  /** The JSON description of the phantom (RAS mm, HU). */
  public static JsonObject describe(ThoraxPhantom phantom, PhantomVolumes volumes) {
    JsonArray shapes = new JsonArray();
    for (PhantomShape s : phantom.anatomy()) {
      JsonObject o = new JsonObject().put("name", s.name()).put("hu", s.hu())
          .put("movesWithHeart", phantom.heartRegion().contains(s));
      if (s instanceof Ellipsoid e) {
        o.put("kind", "ellipsoid").put("centre", vec(e.centre()))
            .put("axes", new JsonArray().add(vec(e.e1())).add(vec(e.e2())).add(vec(e.e3())))
            .put("semiAxesMm", new JsonArray().add(e.a1()).add(e.a2()).add(e.a3()));
      } else if (s instanceof Capsule c) {
        o.put("kind", "capsule").put("a", vec(c.a())).put("b", vec(c.b())).put("radiusMm", c.radius());
      }
      shapes.add(o);
    }
    JsonArray beads = new JsonArray();
    for (Capsule b : phantom.beads()) {
      beads.add(new JsonObject().put("name", b.name()).put("centre", vec(b.a())).put("radiusMm", b.radius()));
    }
    AxisGrid g = volumes.grid();
    return new JsonObject()
        .put("kind", "cathnav-thorax-phantom")
        .put("frame", "RAS mm")
        .put("grid", new JsonObject().put("size", new JsonArray().add(g.nx()).add(g.ny()).add(g.nz()))
            .put("spacingMm", g.spacing()).put("origin", vec(g.origin())))
        .put("attenuation", new JsonObject().put("muWaterPerMm", PhantomVolumes.PHANTOM_ATTENUATION.muWater())
            .put("huMax", PhantomVolumes.PHANTOM_ATTENUATION.huMax()))
        .put("heart", new JsonObject().put("centre", vec(phantom.heartCentre()))
            .put("longAxis", vec(phantom.heartLongAxis())).put("backgroundHu", PhantomVolumes.BACKGROUND_HU))
        .put("beads", beads)
        .put("veins", new JsonObject()
            .put("coronarySinus", line(phantom.veins().coronarySinus()))
            .put("lateralVein", line(phantom.veins().lateralVein()))
            .put("leadRoute", line(phantom.veins().leadRoute()))
            .put("csCatheterRoute", line(phantom.veins().csCatheterRoute())))
        .put("shapes", shapes);
  }

  private static JsonArray vec(Vec3 v) {
    return new JsonArray().add(v.x()).add(v.y()).add(v.z());
  }

  private static JsonArray line(Polyline p) {
    JsonArray a = new JsonArray();
    List<Vec3> pts = p.points();
    pts.forEach(v -> a.add(vec(v)));
    return a;
  }
}
