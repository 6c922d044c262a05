package cathnav.core.preop.fit;

/**
 * The result of {@link MeshToMaskFit}: the similarity that places the meshes in the mask's RAS frame, its quality,
 * and which start won.
 *
 * @param transform mesh coordinates to RAS
 * @param quality measured on the mask's grid
 * @param start the winning start ({@code "frames"}, or {@code "moments+--"} style: principal axes with sign flips)
 * @param iterations ICP iterations of the winning start
 * @param startsTried how many starts were run
 */
public record MeshFit(SimilarityTransform transform, FitQuality quality, String start, int iterations,
    int startsTried) {}
