package cathnav.core.preop;

import cathnav.core.model.Volume;
import java.util.Objects;

/**
 * The heart's region in the pre-operative model: the part of the CT that moves with the heart, against the static
 * thorax (spine, ribs, sternum), as breathing and the heart beat move it. Used to split the registration CT into a
 * static layer and a heart layer ({@code cathnav.core.tracking.HeartLayers}).
 *
 * @param mask a whole-heart mask in the model's RAS frame (any grid; a voxel value &gt; 0 is inside, values are
 *     clamped to [0, 1] as the voxel's heart weight); shared read-only
 * @param backgroundHu the Hounsfield value of what fills the space the heart leaves when it moves (lung and
 *     mediastinal fat): the static layer holds this value inside the region
 */
public record HeartRegion(Volume mask, double backgroundHu) {

  /**
   * What the heart leaves behind when it moves, HU: a lung and mediastinal-fat mix. The model description may give
   * its own value ({@code "heartBackgroundHu"}).
   */
  public static final double DEFAULT_BACKGROUND_HU = -400;

  public HeartRegion {
    Objects.requireNonNull(mask, "mask");
    if (!(backgroundHu >= -1000 && backgroundHu <= 3000)) {
      throw new IllegalArgumentException("heart background out of the CT range, backgroundHu=" + backgroundHu);
    }
  }

  /** A mask with the default background. */
  public static HeartRegion of(Volume mask) {
    return new HeartRegion(mask, DEFAULT_BACKGROUND_HU);
  }
}
