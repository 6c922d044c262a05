/**
 * CathNav's compute API: volume upload, DRR rendering, batched pose scoring and image operations, with
 * interchangeable backends found through {@link java.util.ServiceLoader}.
 *
 * <p>Choosing a backend: {@link cathnav.gpu.ComputeBackends#select(String, cathnav.gpu.FallbackPolicy)} with
 * {@code auto}, {@code cuda}, {@code opencl} or {@code java} returns a {@link cathnav.gpu.BackendSelection} (the
 * opened backend, the request, and the fallback reason if another backend was taken); it throws
 * {@link cathnav.gpu.BackendUnavailableException} (CLI exit code 5) when the policy forbids falling back.
 * {@link cathnav.gpu.ComputeBackends#probeAll()} lists every provider with its probe result.
 *
 * <p>Contracts every backend implements identically (one test suite, in this module's test sources, runs on each
 * backend that probes; its float64 references and random-input generators live in {@code cathnav.gpu.testing} and
 * ship in the test-jar):
 *
 * <ul>
 *   <li>Sampling: {@link cathnav.gpu.RenderOptions}. The step is in mm along the ray, whatever the voxel size: with
 *       the default 1 mm step a 1.5 mm CT is sampled about 1.5 times per voxel; {@link cathnav.gpu.RenderOptions#voxelStep(double[])}
 *       gives one sample per voxel.
 *   <li>Projection: {@code P = [M | p]} is used as given: the source is {@code C = -M^-1 p} and the ray of pixel
 *       {@code (u, v)} runs from {@code C} along {@code +M^-1 (u, v, 1)}, so {@code P} must be scaled such that
 *       points in front of the source have a positive third homogeneous coordinate (true of {@code K [R | t]} with
 *       positive focal lengths, whatever the sign of {@code det R}).
 *   <li>Sobel: unnormalised 3x3 kernel (weights 1, 2, 1; no division by 8), {@code gx} = right minus left,
 *       {@code gy} = below minus above, borders replicated.
 *   <li>Similarity: NCC over the mask pixels (mask &gt; 0.5); 0 when the DRR or the target is constant there.
 *       Gradient correlation: Sobel over the whole image, then the NCCs of the u and v gradients over the mask,
 *       averaged.
 * </ul>
 */
package cathnav.gpu;
