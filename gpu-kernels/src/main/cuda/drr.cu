// CathNav CUDA kernels: volume upload, DRR rendering and fused DRR + NCC statistics. Compiled by nvcc at build time
// (cubin for sm_90 + PTX for compute_90), loaded with cuModuleLoadData; entry points are extern "C".
#include "cathnav_device.cuh"

// int16 HU -> linear attenuation (1/mm), mu = muWater * max(0, 1 + clamp(hu, huMin, huMax) / 1000), into a
// zero-padded volume (pad = 1) or a plain one (pad = 0).
extern "C" __global__ void hu_to_mu(const short* __restrict__ hu, float* __restrict__ out, int nx, int ny, int nz,
                                    int pad, float muWater, float huMin, float huMax) {
  int i = blockIdx.x * blockDim.x + threadIdx.x, j = blockIdx.y * blockDim.y + threadIdx.y, k = blockIdx.z;
  int px = nx + 2 * pad, py = ny + 2 * pad;
  if (i >= px || j >= py) return;
  int si = i - pad, sj = j - pad, sk = k - pad;
  float v = 0.0f;
  if (si >= 0 && si < nx && sj >= 0 && sj < ny && sk >= 0 && sk < nz) {
    float h = fminf(fmaxf((float) hu[((size_t) sk * ny + sj) * nx + si], huMin), huMax);
    v = muWater * fmaxf(0.0f, 1.0f + h / 1000.0f);
  }
  out[((size_t) k * py + j) * px + i] = v;
}

// float32 attenuation copied into a zero-padded volume (pad = 1).
extern "C" __global__ void pad_mu(const float* __restrict__ mu, float* __restrict__ out, int nx, int ny, int nz) {
  int i = blockIdx.x * blockDim.x + threadIdx.x, j = blockIdx.y * blockDim.y + threadIdx.y, k = blockIdx.z;
  int px = nx + 2, py = ny + 2;
  if (i >= px || j >= py) return;
  int si = i - 1, sj = j - 1, sk = k - 1;
  float v = 0.0f;
  if (si >= 0 && si < nx && sj >= 0 && sj < ny && sk >= 0 && sk < nz) v = mu[((size_t) sk * ny + sj) * nx + si];
  out[((size_t) k * py + j) * px + i] = v;
}

// One thread per (u, v, pose = blockIdx.z): out[(pose * height + v) * width + u] = line integral.
template <class Sampler>
__device__ __forceinline__ void drr_body(const Sampler& sampler, int nx, int ny, int nz,
                                         const float* __restrict__ rays, int width, int height, float step,
                                         float* __restrict__ out) {
  int u = blockIdx.x * blockDim.x + threadIdx.x, v = blockIdx.y * blockDim.y + threadIdx.y, b = blockIdx.z;
  if (u >= width || v >= height) return;
  RaySpan s = ray_span(rays + b * RAY_PARAMS, u, v, nx, ny, nz, step);
  out[((size_t) b * height + v) * width + u] = integrate(sampler, s, step);
}

extern "C" __global__ void drr_exact(const float* __restrict__ vol, int nx, int ny, int nz,
                                     const float* __restrict__ rays, int width, int height, float step,
                                     float* __restrict__ out) {
  ExactSampler s{vol, nx + 2, (nx + 2) * (ny + 2)};
  drr_body(s, nx, ny, nz, rays, width, height, step, out);
}

extern "C" __global__ void drr_texture(cudaTextureObject_t tex, float scale, int nx, int ny, int nz,
                                       const float* __restrict__ rays, int width, int height, float step,
                                       float* __restrict__ out) {
  TextureSampler s{tex, scale};
  drr_body(s, nx, ny, nz, rays, width, height, step, out);
}

// Single-pose renders with the ray parameters by value: the launch is asynchronous, no copy precedes it.
// __grid_constant__: the kernels read the block in place (parameter space) instead of copying it per thread.
extern "C" __global__ void drr_exact_one(const float* __restrict__ vol, int nx, int ny, int nz,
                                         const __grid_constant__ RayBlock rays, int width, int height, float step,
                                         float* __restrict__ out) {
  ExactSampler s{vol, nx + 2, (nx + 2) * (ny + 2)};
  drr_body(s, nx, ny, nz, rays.v, width, height, step, out);
}

extern "C" __global__ void drr_texture_one(cudaTextureObject_t tex, float scale, int nx, int ny, int nz,
                                           const __grid_constant__ RayBlock rays, int width, int height,
                                           float step, float* __restrict__ out) {
  TextureSampler s{tex, scale};
  drr_body(s, nx, ny, nz, rays.v, width, height, step, out);
}

// Fused DRR + NCC statistics: the DRR pixel d of pose blockIdx.z is rendered and never stored; the block adds
// {sum m d, sum m d^2, sum d tc} to stats[3 * pose ...] (float64 atomics; stats zeroed before the launch).
template <class Sampler>
__device__ __forceinline__ void ncc_body(const Sampler& sampler, int nx, int ny, int nz,
                                         const float* __restrict__ rays, int width, int height, float step,
                                         const float* __restrict__ mask, const float* __restrict__ tc,
                                         double* __restrict__ stats) {
  int u = blockIdx.x * blockDim.x + threadIdx.x, v = blockIdx.y * blockDim.y + threadIdx.y, b = blockIdx.z;
  double a[3] = {0.0, 0.0, 0.0};
  if (u < width && v < height) {
    RaySpan s = ray_span(rays + b * RAY_PARAMS, u, v, nx, ny, nz, step);
    double d = integrate(sampler, s, step);
    int i = v * width + u;
    double m = mask[i];
    a[0] = m * d;
    a[1] = m * d * d;
    a[2] = d * tc[i];
  }
  block_sum_to<3>(a, stats + 3 * b);
}

extern "C" __global__ void ncc_exact(const float* __restrict__ vol, int nx, int ny, int nz,
                                     const float* __restrict__ rays, int width, int height, float step,
                                     const float* __restrict__ mask, const float* __restrict__ tc,
                                     double* __restrict__ stats) {
  ExactSampler s{vol, nx + 2, (nx + 2) * (ny + 2)};
  ncc_body(s, nx, ny, nz, rays, width, height, step, mask, tc, stats);
}

extern "C" __global__ void ncc_texture(cudaTextureObject_t tex, float scale, int nx, int ny, int nz,
                                       const float* __restrict__ rays, int width, int height, float step,
                                       const float* __restrict__ mask, const float* __restrict__ tc,
                                       double* __restrict__ stats) {
  TextureSampler s{tex, scale};
  ncc_body(s, nx, ny, nz, rays, width, height, step, mask, tc, stats);
}
