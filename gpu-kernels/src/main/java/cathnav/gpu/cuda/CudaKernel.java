package cathnav.gpu.cuda;

import java.util.Locale;

/**
 * The entry points of CathNav's CUDA modules and their parameter lists, so that a launch with the wrong arguments
 * fails in Java with the kernel named instead of corrupting the device, and a test can check every signature against
 * the PTX nvcc produced (no GPU needed). Signature letters: {@code p} device pointer, {@code t} texture object,
 * {@code i} int, {@code l} long, {@code f} float, {@code d} double, {@code r} one pose's ray block by value
 * ({@code float[RaySetup.FLOATS_PER_POSE]}).
 */
enum CudaKernel {
  HU_TO_MU("drr", "ppiiiifff"),
  PAD_MU("drr", "ppiii"),
  DRR_EXACT("drr", "piiipiifp"),
  DRR_TEXTURE("drr", "tfiiipiifp"),
  DRR_EXACT_ONE("drr", "piiiriifp"),
  DRR_TEXTURE_ONE("drr", "tfiiiriifp"),
  NCC_EXACT("drr", "piiipiifppp"),
  NCC_TEXTURE("drr", "tfiiipiifppp"),
  LOG_TRANSFORM("image", "ppiffff"),
  DOWNSAMPLE2X("image", "pipii"),
  SOBEL("image", "piipp"),
  BINARISE("image", "ppi"),
  CENTRE("image", "ppifp"),
  FILL("image", "pif"),
  SUMS("image", "pip"),
  MASKED_SUMS("image", "ppip"),
  GC_STATS("image", "piipppp"),
  SCORE_FINISH("image", "pipip");

  /** The module ({@code .cu} file) holding the entry point. */
  final String module;
  /** The parameter kinds, one letter each. */
  final String signature;

  CudaKernel(String module, String signature) {
    this.module = module;
    this.signature = signature;
  }

  /** The {@code extern "C"} entry point name. */
  String entry() {
    return name().toLowerCase(Locale.ROOT);
  }
}
