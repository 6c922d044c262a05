// CathNav CUDA kernels: image operations, reductions, gradient-correlation statistics and the per-pose score
// finish. Images are row-major float32, index = v * width + u. Sums accumulate in float64 (atomics on sm_60+).
#include "cathnav_device.cuh"

// out = sign * (log(max(in, floor)) - offset) * scale; in and out may be the same buffer.
extern "C" __global__ void log_transform(const float* in, float* out, int n, float floor_value, float offset,
                                         float scale, float sign) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = sign * (logf(fmaxf(in[i], floor_value)) - offset) * scale;
}

// 2x2 box average: out is (w / 2) x (h / 2).
extern "C" __global__ void downsample2x(const float* __restrict__ in, int w, float* __restrict__ out, int ow, int oh) {
  int u = blockIdx.x * blockDim.x + threadIdx.x, v = blockIdx.y * blockDim.y + threadIdx.y;
  if (u >= ow || v >= oh) return;
  const float* r0 = in + (size_t) (2 * v) * w + 2 * u;
  const float* r1 = r0 + w;
  out[v * ow + u] = 0.25f * ((r0[0] + r0[1]) + (r1[0] + r1[1]));
}

// 3x3 Sobel of d at (u, v), replicated borders, unnormalised (a unit ramp along u gives gx = 8).
__device__ __forceinline__ float2 sobel_at(const float* __restrict__ d, int w, int h, int u, int v) {
  int um = max(u - 1, 0), up = min(u + 1, w - 1), vm = max(v - 1, 0), vp = min(v + 1, h - 1);
  float a = d[vm * w + um], b = d[vm * w + u], c = d[vm * w + up];
  float e = d[v * w + um], f = d[v * w + up];
  float g = d[vp * w + um], hh = d[vp * w + u], k = d[vp * w + up];
  return make_float2((c + 2.0f * f + k) - (a + 2.0f * e + g), (g + 2.0f * hh + k) - (a + 2.0f * b + c));
}

extern "C" __global__ void sobel(const float* __restrict__ d, int w, int h, float* __restrict__ gx,
                                 float* __restrict__ gy) {
  int u = blockIdx.x * blockDim.x + threadIdx.x, v = blockIdx.y * blockDim.y + threadIdx.y;
  if (u >= w || v >= h) return;
  float2 g = sobel_at(d, w, h, u, v);
  gx[v * w + u] = g.x;
  gy[v * w + u] = g.y;
}

// mask01 = mask > 0.5 ? 1 : 0.
extern "C" __global__ void binarise(const float* __restrict__ mask, float* __restrict__ mask01, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) mask01[i] = mask[i] > 0.5f ? 1.0f : 0.0f;
}

// out = mask01 * (x - mean).
extern "C" __global__ void centre(const float* __restrict__ x, const float* __restrict__ mask01, int n, float mean,
                                  float* __restrict__ out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = mask01[i] * (x[i] - mean);
}

extern "C" __global__ void fill(float* x, int n, float value) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = value;
}

// out[0..1] += {sum x, sum x^2} (grid-stride; out zeroed before the launch).
extern "C" __global__ void sums(const float* __restrict__ x, int n, double* out) {
  double a[2] = {0.0, 0.0};
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    double v = x[i];
    a[0] += v;
    a[1] += v * v;
  }
  block_sum_to<2>(a, out);
}

// out[0..2] += {sum m x, sum m x^2, sum m} with the 0/1 mask m.
extern "C" __global__ void masked_sums(const float* __restrict__ x, const float* __restrict__ mask, int n,
                                       double* out) {
  double a[3] = {0.0, 0.0, 0.0};
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    double m = mask[i], v = x[i];
    a[0] += m * v;
    a[1] += m * v * v;
    a[2] += m;
  }
  block_sum_to<3>(a, out);
}

// Gradient correlation statistics of pose blockIdx.y's DRR (in drrs, B-deep), Sobel computed on the fly:
// stats[6 * pose ...] += {sum m gx, sum m gx^2, sum gx tcx, sum m gy, sum m gy^2, sum gy tcy}.
extern "C" __global__ void gc_stats(const float* __restrict__ drrs, int w, int h, const float* __restrict__ mask,
                                    const float* __restrict__ tcx, const float* __restrict__ tcy,
                                    double* __restrict__ stats) {
  int b = blockIdx.y, n = w * h;
  const float* d = drrs + (size_t) b * n;
  double a[6] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
    float2 g = sobel_at(d, w, h, i % w, i / w);
    double m = mask[i], gx = g.x, gy = g.y;
    a[0] += m * gx;
    a[1] += m * gx * gx;
    a[2] += gx * tcx[i];
    a[3] += m * gy;
    a[4] += m * gy * gy;
    a[5] += gy * tcy[i];
  }
  block_sum_to<6>(a, stats + 6 * b);
}

__device__ __forceinline__ float ncc_from(double sd, double sdd, double sdt, double count, double sum_t,
                                          double var_t) {
  double var_d = sdd - sd * sd / count;
  if (!(var_d > 0.0) || !(var_t > 0.0)) return 0.0f;
  double r = (sdt - sd * sum_t / count) / sqrt(var_d * var_t);
  return (float) fmin(1.0, fmax(-1.0, r));
}

// One thread per pose: scores[b] from stats[nsum * b ...] and target = {count, sum tcx, var tx, sum tcy, var ty}.
extern "C" __global__ void score_finish(const double* __restrict__ stats, int nsum,
                                        const double* __restrict__ target, int poses, float* __restrict__ scores) {
  int b = blockIdx.x * blockDim.x + threadIdx.x;
  if (b >= poses) return;
  const double* s = stats + (size_t) nsum * b;
  float score = ncc_from(s[0], s[1], s[2], target[0], target[1], target[2]);
  if (nsum == 6) score = 0.5f * (score + ncc_from(s[3], s[4], s[5], target[0], target[3], target[4]));
  scores[b] = score;
}
