/**
 * Synthetic fluoroscopy with exact ground truth, for bench tests, the demo and accuracy evaluation.
 *
 * <h2>Producing frames</h2>
 *
 * <pre>{@code
 * AnatomyScene scene = CtSceneLoader.load(ct, heartMask, Attenuation.DEFAULT); // or PhantomVolumes...scene(...)
 * try (ComputeBackend backend = ComputeBackends.select("auto", FallbackPolicy.WARN).backend();
 *      FluoroscopySimulator sim = new FluoroscopySimulator(backend, scene, SimulatorOptions.DEFAULT)) {
 *   AcquisitionState state = AcquisitionState.of(carm, 30).withLeadInsertion(250);
 *   SimulatedFrame frame = sim.next(state, 1.0 / 15);   // advances heart motion by one frame interval
 *   short[] pixels = frame.pixels();                     // uint16 values, row-major, owned by the frame
 *   GroundTruth truth = frame.truth();                   // P, T, heart pose, lead tip 3D/2D, phases, dose
 * }
 * }</pre>
 *
 * <p>A {@link cathnav.sim.FluoroscopySimulator} renders on the calling thread, which owns the compute backend while
 * it does. Frames are immutable values ({@link cathnav.sim.SimulatedFrame}: width, height, bits, {@code short[]}
 * unsigned pixels, {@link cathnav.sim.GroundTruth}) and may be handed to other threads.
 *
 * <h2>Streaming and storing</h2>
 *
 * <p>{@link cathnav.sim.FrameSink}s take frames in order: {@link cathnav.sim.NrrdStackSink} writes
 * {@code frames.nrrd} + {@code frames.json}; {@link cathnav.sim.stream.FrameStreamer} sends each frame live to an
 * OpenIGTLink peer as {@link cathnav.sim.FrameMessages} describes (IMAGE with geometry metadata for header version 2,
 * a {@code CArmGeometry} STRING then the IMAGE for version 1). {@link cathnav.sim.scenario.ScenarioRunner} drives a
 * simulator through a scenario into a sink, paced in real time or as fast as it renders.
 *
 * <h2>What is exact and what is approximated</h2>
 *
 * <ul>
 *   <li>Anatomy: ray-cast through the compute backend (trilinear, {@code stepMm} samples). Static anatomy is cached
 *       per (view, patient pose); the heart region moves rigidly ({@code heartPose = T M(t)}) and is drawn per frame
 *       as {@link cathnav.sim.render.HeartRendering} says: a cached rest DRR, a 2D affine warp of a previous ray cast
 *       (only when the fit's residual on the heart's tissue is within the configured pixels; reported as
 *       {@code warpResidualPx}), or a ray cast at full or coarser resolution (factor {@code heartRenderScale}).
 *   <li>Motion: the heart region is rigid; respiratory (Lujan cos^4) and cardiac displacement and twist, no
 *       contraction. The space it vacates is filled with a background attenuation (-400 HU).
 *   <li>Devices and contrast: exact analytic line integrals of cylinders and balls; they move rigidly with the heart
 *       along their whole length. Vein routes are geometric models on the heart's outline, not segmented.
 *   <li>Detector: Poisson quanta (exact below 40 expected quanta, normal approximation above), blur, gain, offset,
 *       electronic noise, quantisation; no scatter, no beam hardening, no lag.
 * </ul>
 */
package cathnav.sim;
