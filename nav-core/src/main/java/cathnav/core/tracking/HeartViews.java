package cathnav.core.tracking;

/**
 * The heart views of one C-arm view and patient pose: {@code tracking} on the per-frame host image grid (the 2D
 * estimate), {@code check} on the coarser grid of the background 3D heart registration. Immutable.
 */
record HeartViews(HeartView tracking, HeartView check) {}
