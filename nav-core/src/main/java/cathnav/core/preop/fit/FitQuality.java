package cathnav.core.preop.fit;

import java.util.Locale;

/**
 * How well fitted meshes match a mask, both voxelised on the mask's grid.
 *
 * @param meanSurfaceMm mean symmetric surface distance, mm: the distances from every boundary voxel of either
 *     side to the nearest boundary voxel of the other, pooled
 * @param p95SurfaceMm 95th percentile of the same pooled distances, mm
 * @param meshToMaskMeanMm mean distance from the meshes' boundary to the mask's, mm
 * @param maskToMeshMeanMm mean distance from the mask's boundary to the meshes', mm
 * @param dice Dice overlap of the voxelised union of the meshes with the mask
 * @param meshVolumeMm3 the voxelised union's volume, mm³
 * @param maskVolumeMm3 the mask's volume, mm³
 */
public record FitQuality(double meanSurfaceMm, double p95SurfaceMm, double meshToMaskMeanMm,
    double maskToMeshMeanMm, double dice, double meshVolumeMm3, double maskVolumeMm3) {

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "meanSurfaceMm=%.2f, p95SurfaceMm=%.2f, meshToMaskMeanMm=%.2f, "
        + "maskToMeshMeanMm=%.2f, dice=%.3f, meshVolumeMl=%.1f, maskVolumeMl=%.1f", meanSurfaceMm, p95SurfaceMm,
        meshToMaskMeanMm, maskToMeshMeanMm, dice, meshVolumeMm3 / 1000, maskVolumeMm3 / 1000);
  }
}
