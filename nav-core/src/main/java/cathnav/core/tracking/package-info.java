/**
 * Per-frame pose tracking for the navigation service ({@link cathnav.core.service.FrameTracker} implementations).
 *
 * <p>Two trackers, chosen by {@link cathnav.core.tracking.RegistrationTrackerFactory} from the model and the backend:
 *
 * <ul>
 *   <li>{@link cathnav.core.tracking.MotionCompensatedTracker}: registrations run back to back on a background
 *       thread with its own backend ({@link cathnav.core.tracking.BackendSupply}: java in CPU mode, the selected GPU
 *       backend in GPU mode); each frame is updated by 2D matching; estimates carry the registration's age. With a
 *       heart region in the model ({@link cathnav.core.tracking.HeartLayers}), on any backend, the heart is found in
 *       the frame minus the static thorax's DRR and verified by a background 3D heart registration: the only mode
 *       that reports TRACKING. Without one, on java: 2D template matching, never TRACKING.
 *   <li>{@link cathnav.core.tracking.IntensityTracker} (GPU, models without a heart region): every frame is
 *       registered on the pipeline thread, a bounded local update from the last pose, or a full registration at
 *       start, after a C-arm move and after an unreliable update; never TRACKING.
 * </ul>
 *
 * <p>Threading contract: a tracker's {@code track}, {@code reset} and {@code close} run on the one pipeline thread
 * that owns it; a tracker's own background thread owns its backend (opened, used and closed there), and hands
 * results back through futures the pipeline polls without blocking. Nothing here blocks the pipeline except {@code close} (bounded, 5 s).
 */
package cathnav.core.tracking;
