/**
 * Per-frame pose tracking for the navigation service ({@link cathnav.core.service.FrameTracker} implementations).
 *
 * <p>Two modes, chosen by {@link cathnav.core.tracking.RegistrationTrackerFactory} from the backend:
 *
 * <ul>
 *   <li>{@link cathnav.core.tracking.IntensityTracker} (GPU): every frame is registered on the pipeline thread, a
 *       bounded local update from the last pose, or a full registration at start, after a C-arm move and after an
 *       unreliable update.
 *   <li>{@link cathnav.core.tracking.MotionCompensatedTracker} (CPU): full registrations run back to back on a
 *       background thread with its own java backend; each frame is updated by 2D template matching against the
 *       last accepted registration's frame; estimates carry that registration's age.
 * </ul>
 *
 * <p>Threading contract: a tracker's {@code track}, {@code reset} and {@code close} run on the one pipeline thread
 * that owns it; a tracker's own background thread (CPU mode) owns its backend, and hands results back through
 * futures the pipeline polls without blocking. Nothing here blocks the pipeline except {@code close} (bounded, 5 s).
 */
package cathnav.core.tracking;
