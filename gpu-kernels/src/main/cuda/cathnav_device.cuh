// CathNav CUDA kernels: shared device code (ray set-up, block reductions).
#pragma once

// Per-pose ray parameters, RAY_PARAMS floats each (cathnav.gpu.device.RaySetup):
//   [0..2] source in voxel index space; [4..12] Minv (world direction of pixel (u, v) = Minv (u, v, 1));
//   [13..21] D = (T A)^-1_linear Minv (voxel-space direction of pixel (u, v));
//   [24..29] slab (lower, upper corner) outside which samples read only zeros (OccupiedBox.java): skipped.
//   [32..63] float32 remainders: value i is r[i] + r[i + 32] in float64, so the set-up clips with the host's float64
//   geometry (a float32 source hundreds of voxels away moves the segment ends enough to gain or lose a sample).
#define RAY_PARAMS 64
#define RAY_REMAINDER 32

// Ray parameter i in float64 (value plus remainder).
__device__ __forceinline__ double ray_param(const float* __restrict__ r, int i) {
  return (double) r[i] + (double) r[i + RAY_REMAINDER];
}

// One pose's ray parameters passed by value as a kernel parameter (single renders: no copy, no host wait).
struct RayBlock {
  float v[RAY_PARAMS];
};

// The samples of one ray per RenderOptions' rule: positions p0 + k dp, k = 0 .. count - 1 (voxel index space).
struct RaySpan {
  float3 p0;
  float3 dp;
  int count;
};

// Narrows [t0, t1] to the part of the ray c + t d inside the box [lo, hi]; empty when t1 < t0.
__device__ __forceinline__ void clip_to_box(const double (&c)[3], const double (&d)[3], const double (&lo)[3],
                                            const double (&hi)[3], double& t0, double& t1) {
#pragma unroll
  for (int a = 0; a < 3; a++) {
    if (d[a] == 0.0) {
      if (c[a] < lo[a] || c[a] > hi[a]) t1 = -INFINITY;
    } else {
      double ta = (lo[a] - c[a]) / d[a], tb = (hi[a] - c[a]) / d[a];
      t0 = fmax(t0, fmin(ta, tb));
      t1 = fmin(t1, fmax(ta, tb));
    }
  }
}

// Ray set-up in float64: the source lies hundreds of voxels from the box, so float32 set-up would shift every
// sample by ~1e-4 voxel (measured 5e-5 relative L2 on the OpenCL twin of this code, 1e-6 with float64 set-up).
// The per-sample loop stays float32.
__device__ __forceinline__ RaySpan ray_span(const float* __restrict__ r, int u, int v, int nx, int ny, int nz,
                                            float step) {
  double uu = u, vv = v;
  double wx = ray_param(r, 4) * uu + ray_param(r, 5) * vv + ray_param(r, 6);
  double wy = ray_param(r, 7) * uu + ray_param(r, 8) * vv + ray_param(r, 9);
  double wz = ray_param(r, 10) * uu + ray_param(r, 11) * vv + ray_param(r, 12);
  double inv = 1.0 / sqrt(wx * wx + wy * wy + wz * wz);
  double d[3] = {(ray_param(r, 13) * uu + ray_param(r, 14) * vv + ray_param(r, 15)) * inv,
                 (ray_param(r, 16) * uu + ray_param(r, 17) * vv + ray_param(r, 18)) * inv,
                 (ray_param(r, 19) * uu + ray_param(r, 20) * vv + ray_param(r, 21)) * inv};
  double c[3] = {ray_param(r, 0), ray_param(r, 1), ray_param(r, 2)};
  // the rule's samples: t0 + (k + 0.5) step inside the box [-0.5, n - 0.5], t >= 0 (the ray starts at the source)
  double lo[3] = {-0.5, -0.5, -0.5}, hi[3] = {nx - 0.5, ny - 0.5, nz - 0.5};
  double t0 = 0.0, t1 = INFINITY;
  clip_to_box(c, d, lo, hi, t0, t1);
  // of those, the ones that can read a non-zero voxel: k in [first, last]
  double olo[3] = {r[24], r[25], r[26]}, ohi[3] = {r[27], r[28], r[29]};
  double s0 = -INFINITY, s1 = INFINITY;
  clip_to_box(c, d, olo, ohi, s0, s1);
  RaySpan s;
  s.count = 0;
  double first = 0.0;
  if (t1 > t0 && s1 >= s0) {
    double last_rule = floor((t1 - t0) / step + 0.5) - 1.0;
    first = fmax(0.0, ceil((s0 - t0) / step - 0.5));
    double last = fmin(last_rule, floor((s1 - t0) / step - 0.5));
    s.count = last >= first ? (int) (last - first) + 1 : 0;
  }
  double tf = t0 + (first + 0.5) * step;
  s.p0 = make_float3((float) (c[0] + tf * d[0]), (float) (c[1] + tf * d[1]), (float) (c[2] + tf * d[2]));
  s.dp = make_float3((float) (step * d[0]), (float) (step * d[1]), (float) (step * d[2]));
  return s;
}

// Exact trilinear interpolation from a zero-padded float32 volume ((nx+2)(ny+2)(nz+2), one voxel of zeros on each
// side): the rule of the java and OpenCL backends, up to float32 rounding. Samples lie inside the box
// [-0.5, n - 0.5] up to rounding, so the padded coordinate p + 1 is >= 0.5 - eps and truncation is floor: the cell
// is in [0, n] and the taps in [0, n + 1], inside the buffer without bounds tests.
struct ExactSampler {
  const float* __restrict__ vol;
  int px, pxy;
  __device__ __forceinline__ float operator()(float3 p) const {
    float qx = p.x + 1.0f, qy = p.y + 1.0f, qz = p.z + 1.0f;
    int ix = (int) qx, iy = (int) qy, iz = (int) qz;
    float wx = qx - (float) ix, wy = qy - (float) iy, wz = qz - (float) iz;
    const float* b = vol + (size_t) iz * pxy + (size_t) iy * px + ix;
    float c00 = fmaf(wx, __ldg(b + 1) - __ldg(b), __ldg(b));
    float c10 = fmaf(wx, __ldg(b + px + 1) - __ldg(b + px), __ldg(b + px));
    float c01 = fmaf(wx, __ldg(b + pxy + 1) - __ldg(b + pxy), __ldg(b + pxy));
    float c11 = fmaf(wx, __ldg(b + pxy + px + 1) - __ldg(b + pxy + px), __ldg(b + pxy + px));
    float c0 = fmaf(wy, c10 - c00, c00), c1 = fmaf(wy, c11 - c01, c01);
    return fmaf(wz, c1 - c0, c0);
  }
};

// Hardware trilinear filtering from a 3D texture (border address mode: zero outside; unnormalised coordinates, so
// voxel i's centre is at i + 0.5). scale turns the texel value into 1/mm (1 for float32 texels; the quantisation
// step times 65535 for normalised uint16 texels). The weights are 9-bit fixed point (8 fractional bits).
struct TextureSampler {
  cudaTextureObject_t tex;
  float scale;
  __device__ __forceinline__ float operator()(float3 p) const {
    return scale * tex3D<float>(tex, p.x + 0.5f, p.y + 0.5f, p.z + 0.5f);
  }
};

template <class Sampler>
__device__ __forceinline__ float integrate(const Sampler& sample, const RaySpan& s, float step) {
  float sum = 0.0f;
  for (int k = 0; k < s.count; k++) {
    float kf = (float) k;
    sum += sample(make_float3(fmaf(kf, s.dp.x, s.p0.x), fmaf(kf, s.dp.y, s.p0.y), fmaf(kf, s.dp.z, s.p0.z)));
  }
  return sum * step;
}

// Sums N values over the block and adds them to out[0..N-1] with float64 atomics. Every thread of the block must
// call it (threads without a pixel pass zeros); blocks of at most 1024 threads.
template <int N>
__device__ __forceinline__ void block_sum_to(double (&a)[N], double* out) {
  __shared__ double partial[32][N];
  int t = threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
  int threads = blockDim.x * blockDim.y * blockDim.z;
  int lane = t & 31, warp = t >> 5;
#pragma unroll
  for (int j = 0; j < N; j++) {
    for (int off = 16; off > 0; off >>= 1) a[j] += __shfl_down_sync(0xffffffffu, a[j], off);
  }
  if (lane == 0) {
#pragma unroll
    for (int j = 0; j < N; j++) partial[warp][j] = a[j];
  }
  __syncthreads();
  if (warp == 0) {
    int warps = (threads + 31) >> 5;
#pragma unroll
    for (int j = 0; j < N; j++) {
      double x = lane < warps ? partial[lane][j] : 0.0;
      for (int off = 16; off > 0; off >>= 1) x += __shfl_down_sync(0xffffffffu, x, off);
      if (lane == 0) atomicAdd(out + j, x);
    }
  }
}
