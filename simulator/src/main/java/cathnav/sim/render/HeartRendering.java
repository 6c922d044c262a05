package cathnav.sim.render;

/** How the heart region of a frame was rendered; reported in the ground truth. */
public enum HeartRendering {
  /** At rest: the cached DRR of the heart region at the patient pose, exact. */
  REST,
  /** Ray-cast at its moved pose this frame at full detector resolution: exact. */
  EXACT,
  /**
   * Ray-cast at its moved pose this frame on a coarser detector (the ground truth gives the factor) and bilinearly
   * upsampled: exact geometry, the heart's DRR at reduced resolution.
   */
  EXACT_COARSE,
  /**
   * The cached rest DRR warped by the 2D affine that best maps the projected heart box under the rest pose to its
   * projection under the moved pose; the largest residual of that fit (pixels) is reported with the frame.
   */
  WARPED
}
