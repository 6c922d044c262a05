package cathnav.core.preop.fit;

import cathnav.core.model.TriangleMesh;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places closed meshes (for example the four chambers of a heart from another patient's CT) into a binary mask (this
 * patient's whole-heart segmentation) by a similarity transform: rotation, translation and isotropic scale.
 *
 * <ol>
 *   <li>The union of the meshes is voxelised at the mask's spacing in the meshes' frame; the boundary voxels of both
 *       solids are the two surfaces to match.
 *   <li>Starts: the solids' centroids matched, scale from the volume ratio, and the rotation either the identity
 *       (both frames are patient RAS, so hearts are roughly aligned) or the principal axes of the solids matched
 *       with each of the four sign choices that keep handedness.
 *   <li>From each start, symmetric trimmed ICP: model-to-mask and mask-to-model closest points, the farthest
 *       {@code 1 - keepFraction} of each direction dropped (but never a pair within two voxels, so a clean fit is not
 *       biased by dropping true pairs), the least-squares similarity of all kept pairs
 *       ({@link SimilarityLeastSquares}), until the model points move less than {@code convergenceMm}.
 *   <li>The start with the smallest trimmed mean distance wins; its quality (surface distances, Dice) is measured by
 *       voxelising the placed meshes on the mask's own grid.
 * </ol>
 *
 * Float64 throughout; deterministic. Stateless; blocking (about a second for a whole heart at 1.5 mm).
 */
public final class MeshToMaskFit {

  private static final Logger LOG = LoggerFactory.getLogger(MeshToMaskFit.class);

  /** The sign choices of the principal axes that keep handedness. */
  private static final int[][] FLIPS = {{1, 1, 1}, {-1, -1, 1}, {-1, 1, -1}, {1, -1, -1}};

  private MeshToMaskFit() {}

  /**
   * Fits {@code meshes} (closed surfaces, mm, in their own frame) to {@code mask}.
   *
   * @throws IllegalArgumentException no mesh, an empty mask, or meshes that enclose nothing
   */
  public static MeshFit fit(List<TriangleMesh> meshes, BinaryMask mask, MeshFitOptions options) {
    if (meshes.isEmpty()) {
      throw new IllegalArgumentException("no mesh to fit");
    }
    if (mask.count() == 0) {
      throw new IllegalArgumentException("the mask is empty, grid=" + mask.grid().nx() + "x" + mask.grid().ny() + "x"
          + mask.grid().nz());
    }
    long started = System.nanoTime();
    double spacing = mask.grid().meanSpacing();
    VoxelGrid modelGrid = VoxelGrid.covering(bounds(meshes), spacing, 2);
    MeshVoxeliser.Fill model = MeshVoxeliser.fill(meshes, SimilarityTransform.identity(), modelGrid);
    if (model.mask().count() == 0) {
      throw new IllegalArgumentException("the meshes enclose no voxel at spacing " + spacing + " mm; are they closed?");
    }
    double[] modelSurface = model.mask().boundaryPoints();
    double[] maskSurface = mask.boundaryPoints();
    Surfaces coarse = new Surfaces(modelSurface, maskSurface, spacing, options.startPoints(), null);

    BinaryMask.Moments mm = model.mask().moments();
    BinaryMask.Moments km = mask.moments();
    double scale0 = Math.cbrt(km.volumeMm3() / mm.volumeMm3());
    List<String> names = new ArrayList<>();
    List<double[]> rotations = new ArrayList<>();
    names.add("frames");
    rotations.add(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    if (options.momentStarts()) {
      double[] em = principalAxes(mm.covariance());
      double[] ek = principalAxes(km.covariance());
      for (int[] f : FLIPS) {
        double[] d = {f[0], 0, 0, 0, f[1], 0, 0, 0, f[2]};
        rotations.add(Rotations.orthonormalised(Rotations.multiply(Rotations.multiply(ek, d), Rotations.transpose(em))));
        names.add("moments" + sign(f[0]) + sign(f[1]) + sign(f[2]));
      }
    }
    Icp best = null;
    String bestName = null;
    for (int c = 0; c < rotations.size(); c++) {
      double[] r = rotations.get(c);
      double[] rc = new SimilarityTransform(scale0, r, new double[3]).apply(mm.centroid());
      double[] t = {km.centroid()[0] - rc[0], km.centroid()[1] - rc[1], km.centroid()[2] - rc[2]};
      Icp icp = icp(coarse, new SimilarityTransform(scale0, r, t), options.startIterations(), options);
      LOG.debug("mesh fit start, start={}, trimmedMeanMm={}, iterations={}, transform={}", names.get(c),
          String.format("%.3f", icp.trimmedMeanMm), icp.iterations, icp.transform);
      if (best == null || icp.trimmedMeanMm < best.trimmedMeanMm) {
        best = icp;
        bestName = names.get(c);
      }
    }
    Surfaces fine = new Surfaces(modelSurface, maskSurface, spacing, options.refinePoints(), coarse);
    Icp refined = options.refineIterations() == 0 ? best
        : icp(fine, best.transform, options.refineIterations(), options);
    int iterations = best.iterations + (refined == best ? 0 : refined.iterations);
    FitQuality quality = quality(meshes, refined.transform, mask, coarse.maskTree);
    LOG.info("mesh fit, start={}, iterations={}, starts={}, oddColumns={}, elapsedMs={}, transform={}, {}", bestName,
        iterations, rotations.size(), model.oddColumns(), (System.nanoTime() - started) / 1_000_000,
        refined.transform, quality);
    return new MeshFit(refined.transform, quality, bestName, iterations, rotations.size());
  }

  /**
   * The quality of {@code transform} placing {@code meshes} in {@code mask}: both voxelised on the mask's grid,
   * pooled symmetric boundary distances and Dice.
   */
  public static FitQuality quality(List<TriangleMesh> meshes, SimilarityTransform transform, BinaryMask mask) {
    return quality(meshes, transform, mask, new NearestPoints(mask.boundaryPoints()));
  }

  private static FitQuality quality(List<TriangleMesh> meshes, SimilarityTransform transform, BinaryMask mask,
      NearestPoints maskTree) {
    BinaryMask placed = MeshVoxeliser.fill(meshes, transform, mask.grid()).mask();
    double[] placedSurface = placed.boundaryPoints();
    if (placedSurface.length == 0) {
      return new FitQuality(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
          Double.POSITIVE_INFINITY, 0, 0, mask.volumeMm3());
    }
    NearestPoints placedTree = new NearestPoints(placedSurface);
    double[] maskSurface = mask.boundaryPoints();
    int a = placedSurface.length / 3;
    int b = maskSurface.length / 3;
    double[] d = new double[a + b];
    double sumA = 0;
    for (int i = 0; i < a; i++) {
      d[i] = maskTree.distance(placedSurface[3 * i], placedSurface[3 * i + 1], placedSurface[3 * i + 2]);
      sumA += d[i];
    }
    double sumB = 0;
    for (int i = 0; i < b; i++) {
      d[a + i] = placedTree.distance(maskSurface[3 * i], maskSurface[3 * i + 1], maskSurface[3 * i + 2]);
      sumB += d[a + i];
    }
    Arrays.sort(d);
    double p95 = d[Math.min(d.length - 1, (int) Math.ceil(0.95 * d.length) - 1)];
    return new FitQuality((sumA + sumB) / d.length, p95, sumA / a, sumB / b, placed.dice(mask), placed.volumeMm3(),
        mask.volumeMm3());
  }

  /** Both surfaces: full k-d trees for the closest-point queries, strided subsamples as the query points. */
  private static final class Surfaces {
    final NearestPoints modelTree;
    final NearestPoints maskTree;
    final double[] modelQueries;
    final double[] maskQueries;
    /** The voxel spacing both surfaces were sampled at, mm. */
    final double spacing;

    /** Reuses the trees of {@code trees} when given (same surfaces, other subsample). */
    Surfaces(double[] model, double[] mask, double spacing, int maxPoints, Surfaces trees) {
      this.spacing = spacing;
      modelTree = trees != null ? trees.modelTree : new NearestPoints(model);
      maskTree = trees != null ? trees.maskTree : new NearestPoints(mask);
      modelQueries = strided(model, maxPoints);
      maskQueries = strided(mask, maxPoints);
    }
  }

  private record Icp(SimilarityTransform transform, double trimmedMeanMm, int iterations) {}

  private static Icp icp(Surfaces s, SimilarityTransform start, int maxIterations, MeshFitOptions o) {
    // pairs within two voxels are never outliers: the quantile cut alone would drop true pairs of a clean fit
    double inlierMm = 2 * s.spacing;
    int nm = s.modelQueries.length / 3;
    int nk = s.maskQueries.length / 3;
    double[] src = new double[3 * (nm + nk)];
    double[] dst = new double[3 * (nm + nk)];
    double[] distM = new double[nm];
    double[] distK = new double[nk];
    double[] nearM = new double[3 * nm];
    double[] nearK = new double[3 * nk];
    double[] q = new double[3];
    SimilarityTransform t = start;
    double trimmed = Double.POSITIVE_INFINITY;
    int it = 0;
    while (it < maxIterations) {
      it++;
      SimilarityTransform inv = t.inverse();
      for (int i = 0; i < nm; i++) {
        t.apply(s.modelQueries[3 * i], s.modelQueries[3 * i + 1], s.modelQueries[3 * i + 2], q, 0);
        distM[i] = Math.sqrt(s.maskTree.nearest(q[0], q[1], q[2], nearM, 3 * i));
      }
      for (int i = 0; i < nk; i++) {
        inv.apply(s.maskQueries[3 * i], s.maskQueries[3 * i + 1], s.maskQueries[3 * i + 2], q, 0);
        distK[i] = t.scale() * Math.sqrt(s.modelTree.nearest(q[0], q[1], q[2], nearK, 3 * i));
      }
      double cutM = Math.max(inlierMm, quantile(distM, o.keepFraction()));
      double cutK = Math.max(inlierMm, quantile(distK, o.keepFraction()));
      int n = 0;
      double sum = 0;
      for (int i = 0; i < nm; i++) {
        if (distM[i] <= cutM) {
          System.arraycopy(s.modelQueries, 3 * i, src, 3 * n, 3);
          System.arraycopy(nearM, 3 * i, dst, 3 * n, 3);
          sum += distM[i];
          n++;
        }
      }
      for (int i = 0; i < nk; i++) {
        if (distK[i] <= cutK) {
          System.arraycopy(nearK, 3 * i, src, 3 * n, 3);
          System.arraycopy(s.maskQueries, 3 * i, dst, 3 * n, 3);
          sum += distK[i];
          n++;
        }
      }
      trimmed = sum / n;
      SimilarityTransform next = SimilarityLeastSquares.fit(src, dst, n);
      double move = meanMove(t, next, s.modelQueries);
      t = next;
      if (move < o.convergenceMm()) {
        break;
      }
    }
    return new Icp(t, trimmed, it);
  }

  private static double meanMove(SimilarityTransform a, SimilarityTransform b, double[] pts) {
    double[] pa = new double[3];
    double[] pb = new double[3];
    double sum = 0;
    int n = pts.length / 3;
    for (int i = 0; i < n; i++) {
      a.apply(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2], pa, 0);
      b.apply(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2], pb, 0);
      double dx = pa[0] - pb[0];
      double dy = pa[1] - pb[1];
      double dz = pa[2] - pb[2];
      sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
    return sum / n;
  }

  private static double quantile(double[] values, double fraction) {
    if (fraction >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1)];
  }

  static double[] strided(double[] pts, int maxPoints) {
    int n = pts.length / 3;
    if (n <= maxPoints) {
      return pts;
    }
    double step = (double) n / maxPoints;
    double[] out = new double[3 * maxPoints];
    for (int i = 0; i < maxPoints; i++) {
      System.arraycopy(pts, 3 * (int) (i * step), out, 3 * i, 3);
    }
    return out;
  }

  /** Eigenvectors of a symmetric 3x3 as the columns of a proper rotation, largest eigenvalue first. */
  static double[] principalAxes(double[] covariance) {
    EigenDecomposition eig = new EigenDecomposition(Rotations.matrix(covariance));
    double[] values = eig.getRealEigenvalues();
    Integer[] order = {0, 1, 2};
    Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
    double[] e = new double[9];
    for (int c = 0; c < 3; c++) {
      double[] v = eig.getEigenvector(order[c]).toArray();
      for (int r = 0; r < 3; r++) {
        e[3 * r + c] = v[r];
      }
    }
    if (Rotations.determinant(e) < 0) {
      for (int r = 0; r < 3; r++) {
        e[3 * r + 2] = -e[3 * r + 2];
      }
    }
    return e;
  }

  private static double[] bounds(List<TriangleMesh> meshes) {
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE,
        -Double.MAX_VALUE};
    for (TriangleMesh m : meshes) {
      double[] mb = m.bounds();
      for (int a = 0; a < 3; a++) {
        b[a] = Math.min(b[a], mb[a]);
        b[3 + a] = Math.max(b[3 + a], mb[3 + a]);
      }
    }
    return b;
  }

  private static char sign(int s) {
    return s > 0 ? '+' : '-';
  }
}
