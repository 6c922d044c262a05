package cathnav.gpu.device;

import cathnav.gpu.Projection;

/**
 * Host memory for the {@link RaySetup} blocks of a pose batch before they are copied to the device. Grows to the
 * largest batch packed and is reused. Not thread-safe: owned by one backend's DRR stage.
 */
public final class RayStaging {

  private float[] blocks = new float[RaySetup.FLOATS_PER_POSE];

  /**
   * Packs the blocks of {@code count} poses starting at pose {@code firstPose} of {@code poses} and returns the
   * staging array; its first {@code count * FLOATS_PER_POSE} floats are valid until the next call.
   */
  public float[] pack(Projection projection, double[] voxelToRas, OccupiedBox occupied, double[] poses,
      int firstPose, int count) {
    int floats = count * RaySetup.FLOATS_PER_POSE;
    if (blocks.length < floats) {
      blocks = new float[floats];
    }
    RaySetup.write(projection, voxelToRas, occupied, poses, firstPose, count, blocks);
    return blocks;
  }

  /** The block of one pose in a new array, for passing by value to a single-DRR kernel. */
  public static float[] packOne(Projection projection, double[] voxelToRas, OccupiedBox occupied, double[] pose) {
    float[] block = new float[RaySetup.FLOATS_PER_POSE];
    RaySetup.write(projection, voxelToRas, occupied, pose, 0, 1, block);
    return block;
  }
}
