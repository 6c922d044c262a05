package cathnav.core.service;

import cathnav.core.geometry.Vec3;
import cathnav.core.preop.PreopModel;
import cathnav.core.preop.PreopModelLoader;
import cathnav.core.tracking.RegistrationModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a pre-operative model description ({@code model.json} or its folder, see {@link PreopModelLoader}) as the
 * procedure's model: the labelled LV surface and veins for the overlay, the CT (when the description names one) for
 * registration, rotating about the LV surface centroid, with the description's heart region when it has one, and
 * the description's target segment unless {@code targetOverride} is positive.
 */
public final class PreopModelAdapter {

  private PreopModelAdapter() {}

  /** Blocking (reads files): call on a worker thread. */
  public static ProcedureModel load(Path description, int targetOverride) throws IOException {
    PreopModel preop = PreopModelLoader.load(description);
    return toProcedure(preop, targetOverride);
  }

  /** The procedure model of an already loaded pre-operative model. */
  public static ProcedureModel toProcedure(PreopModel preop, int targetOverride) {
    double[] c = preop.lvSurface().surfaceCentroid();
    Object registration = preop.ct() == null ? null
        : RegistrationModel.of(preop.ct(), new Vec3(c[0], c[1], c[2])).withHeart(preop.heart());
    int target = targetOverride > 0 ? targetOverride : preop.target() == null ? 0 : preop.target().number();
    return new ProcedureModel(preop.name(), preop.guidanceModel(), registration, target);
  }
}
