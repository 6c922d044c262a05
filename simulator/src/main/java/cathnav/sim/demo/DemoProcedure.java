package cathnav.sim.demo;

import cathnav.core.geometry.Vec3;
import cathnav.core.service.ProcedureModel;
import cathnav.sim.render.AnatomyScene;

/**
 * What the demo plays: the anatomy the simulator renders and the patient model the service navigates with, both in
 * the same RAS frame, so the simulator's true heart pose is the pose the service should find.
 *
 * <p>Implementations are immutable once built and safe to share between threads.
 */
public interface DemoProcedure {

  /** The anatomy the simulator renders. */
  AnatomyScene scene();

  /** The LV centre, RAS mm (where registration error is measured). */
  Vec3 lvCentre();

  /** The model the service navigates with. */
  ProcedureModel model();

  /** One line for the console and log saying what the anatomy and the model are made of. */
  String description();
}
