package cathnav.gpu;

/** What to do when the requested backend does not probe and another one is taken instead. */
public enum FallbackPolicy {
  /** Take the next best backend silently (still logged at INFO and visible in {@link BackendSelection}). */
  ACCEPT,
  /** Take the next best backend and log a warning; callers report it (the service sends a STATUS). */
  WARN,
  /** Refuse: throw {@link BackendUnavailableException}. */
  FAIL
}
