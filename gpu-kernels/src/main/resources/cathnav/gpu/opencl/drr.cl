// CathNav DRR kernels (OpenCL C 1.2). The sampling rule is RenderOptions' (identical on every backend):
// the ray from the source through the pixel centre is clipped to the box [-0.5, n - 0.5] (voxel index space),
// samples at t0 + (k + 0.5) * step (t in mm along the unit world direction) while inside [t0, t1], each sample
// trilinearly interpolated with voxels outside the grid reading zero, integral = sum * step.
//
// The volume lives in a zero-padded buffer of (nx+2)(ny+2)(nz+2) floats (one voxel of zeros on every side), so the
// eight trilinear taps never need bounds checks: a sample inside the box has floor(p) in [-1, n-1].
//
// Per-pose ray parameters, RAY_PARAMS floats each (computed on the host in float64, RaySetup.java):
//   [0..2]  source position in voxel index space
//   [4..12] Minv, row-major 3x3: world ray direction of pixel (u, v) = Minv * (u, v, 1)
//   [13..21] D = (T A)^-1_linear * Minv: voxel-space direction of pixel (u, v) = D * (u, v, 1)
//   [24..29] slab (lower, upper corner) outside which samples read only zeros (OccupiedBox.java): skipped
//   [32..63] float32 remainders: value i is r[i] + r[i + 32] in float64 (RP below where the device has fp64), so the
//            set-up sees the host's float64 geometry and clips exactly as the float64 rule does (a float32 source
//            hundreds of voxels away moves the segment ends enough to gain or lose a boundary sample)
#define RAY_PARAMS 64
#define RAY_REMAINDER 32

// Converts int16 HU to linear attenuation into the padded buffer (border voxels zero).
__kernel void pad_hu(__global const short* hu, __global float* padded, int nx, int ny, int nz,
                     float muWater, float huMin, float huMax) {
  int i = get_global_id(0), j = get_global_id(1), k = get_global_id(2);
  int px = nx + 2, py = ny + 2;
  if (i >= px || j >= py || k >= nz + 2) return;
  float v = 0.0f;
  if (i > 0 && i <= nx && j > 0 && j <= ny && k > 0 && k <= nz) {
    float h = clamp((float) hu[((size_t) (k - 1) * ny + (j - 1)) * nx + (i - 1)], huMin, huMax);
    v = muWater * fmax(0.0f, 1.0f + h / 1000.0f);
  }
  padded[((size_t) k * py + j) * px + i] = v;
}

// Copies float32 attenuation into the padded buffer (border voxels zero).
__kernel void pad_mu(__global const float* mu, __global float* padded, int nx, int ny, int nz) {
  int i = get_global_id(0), j = get_global_id(1), k = get_global_id(2);
  int px = nx + 2, py = ny + 2;
  if (i >= px || j >= py || k >= nz + 2) return;
  float v = 0.0f;
  if (i > 0 && i <= nx && j > 0 && j <= ny && k > 0 && k <= nz) {
    v = mu[((size_t) (k - 1) * ny + (j - 1)) * nx + (i - 1)];
  }
  padded[((size_t) k * py + j) * px + i] = v;
}

#ifdef HAVE_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
// Per-ray set-up (direction, clipping, first sample) in float64 where the device has it: the source sits hundreds of
// voxels from the box, so float32 set-up would shift every sample by ~1e-4 voxel; the sample loop stays float32.
typedef double real_t;
typedef double3 real3;
#define REAL3(x, y, z) ((double3) ((x), (y), (z)))
#define TO_FLOAT3(v) convert_float3(v)
#define RP(r, i) ((double) (r)[i] + (double) (r)[(i) + RAY_REMAINDER])
#else
typedef float real_t;
typedef float3 real3;
#define REAL3(x, y, z) ((float3) ((x), (y), (z)))
#define TO_FLOAT3(v) (v)
#define RP(r, i) ((r)[i])
#endif

// Narrows [*t0, *t1] to the part of the ray p(t) = c + t * d inside the box [lo, hi]; empty when *t1 < *t0.
inline void clip_to_box(real3 c, real3 d, real3 lo, real3 hi, real_t* t0, real_t* t1) {
  real_t cs[3] = {c.x, c.y, c.z}, ds[3] = {d.x, d.y, d.z}, los[3] = {lo.x, lo.y, lo.z}, his[3] = {hi.x, hi.y, hi.z};
  for (int a = 0; a < 3; a++) {
    if (ds[a] == 0) {
      if (cs[a] < los[a] || cs[a] > his[a]) *t1 = -INFINITY;
    } else {
      real_t ta = (los[a] - cs[a]) / ds[a], tb = (his[a] - cs[a]) / ds[a];
      *t0 = fmax(*t0, fmin(ta, tb));
      *t1 = fmin(*t1, fmax(ta, tb));
    }
  }
}

// Trilinear interpolation at padded coordinate q = p + 1 (voxel index + 1). Samples lie inside the box
// [-0.5, n - 0.5] up to float rounding, so q >= 0.5 - eps and truncation is floor: cell in [0, n], taps in
// [0, n + 1], all inside the padded buffer without bounds tests.
inline float trilinear(__global const float* vol, float3 q, int px, int pxy) {
  int ix = (int) q.x, iy = (int) q.y, iz = (int) q.z;
  float wx = q.x - (float) ix, wy = q.y - (float) iy, wz = q.z - (float) iz;
  __global const float* b = vol + (size_t) iz * pxy + (size_t) iy * px + ix;
  float c00 = b[0] + wx * (b[1] - b[0]);
  float c10 = b[px] + wx * (b[px + 1] - b[px]);
  float c01 = b[pxy] + wx * (b[pxy + 1] - b[pxy]);
  float c11 = b[pxy + px] + wx * (b[pxy + px + 1] - b[pxy + px]);
  float c0 = c00 + wy * (c10 - c00), c1 = c01 + wy * (c11 - c01);
  return c0 + wz * (c1 - c0);
}

// One pose's ray parameters by value (single renders: no buffer write, so no wait, before the launch).
typedef struct {
  float v[RAY_PARAMS];
} ray_block;

// The samples of pixel (u, v) of the pose whose parameters are r, per RenderOptions' rule: padded coordinates
// (voxel index + 1) q0 + k * dq for k in [0, count), the samples that can only read zeros skipped.
inline int ray_samples(const float* r, int u, int v, int nx, int ny, int nz, float step, float3* q0, float3* dq) {
  real3 uv1 = REAL3(u, v, 1);
  real3 dw = REAL3(dot(REAL3(RP(r, 4), RP(r, 5), RP(r, 6)), uv1), dot(REAL3(RP(r, 7), RP(r, 8), RP(r, 9)), uv1),
                   dot(REAL3(RP(r, 10), RP(r, 11), RP(r, 12)), uv1));
  real3 d = REAL3(dot(REAL3(RP(r, 13), RP(r, 14), RP(r, 15)), uv1), dot(REAL3(RP(r, 16), RP(r, 17), RP(r, 18)), uv1),
                  dot(REAL3(RP(r, 19), RP(r, 20), RP(r, 21)), uv1)) / sqrt(dot(dw, dw));
  real3 c = REAL3(RP(r, 0), RP(r, 1), RP(r, 2));
  // the rule's samples: t0 + (k + 0.5) step inside the box [-0.5, n - 0.5], t >= 0 (the ray starts at the source)
  real_t t0 = 0, t1 = INFINITY;
  clip_to_box(c, d, REAL3(-0.5, -0.5, -0.5), REAL3(nx - 0.5, ny - 0.5, nz - 0.5), &t0, &t1);
  // of those, the ones that can read a non-zero voxel: k in [first, last]
  real_t s0 = -INFINITY, s1 = INFINITY;
  clip_to_box(c, d, REAL3(r[24], r[25], r[26]), REAL3(r[27], r[28], r[29]), &s0, &s1);
  if (!(t1 > t0 && s1 >= s0)) return 0;
  real_t last_rule = floor((t1 - t0) / step + 0.5) - 1;
  real_t first = fmax((real_t) 0, ceil((s0 - t0) / step - 0.5));
  real_t last = fmin(last_rule, floor((s1 - t0) / step - 0.5));
  *q0 = TO_FLOAT3(c + (t0 + (first + 0.5) * step) * d + (real_t) 1);
  *dq = TO_FLOAT3(step * d);
  return last >= first ? (int) (last - first) + 1 : 0;
}

// A pose's parameters from the batch buffer into private memory (uniform loads, cached).
inline void load_rays(__global const float* rays, int b, float* r) {
  for (int i = 0; i < RAY_PARAMS; i++) r[i] = rays[b * RAY_PARAMS + i];
}

// The line integral of one ray by explicit trilinear interpolation from the zero-padded buffer.
inline float integrate_buffer(__global const float* vol, const float* r, int u, int v, int nx, int ny, int nz,
                              float step) {
  float3 q0, dq;
  int count = ray_samples(r, u, v, nx, ny, nz, step, &q0, &dq);
  int px = nx + 2, pxy = (nx + 2) * (ny + 2);
  float sum = 0.0f;
  for (int k = 0; k < count; k++) {
    sum += trilinear(vol, q0 + (float) k * dq, px, pxy);
  }
  return sum * step;
}

// One work item per (u, v, pose): out[(pose * height + v) * width + u] = line integral of attenuation.
__kernel void drr(__global const float* vol, int nx, int ny, int nz,
                  __global const float* rays, int width, int height, float step,
                  __global float* out) {
  int u = get_global_id(0), v = get_global_id(1), b = get_global_id(2);
  if (u >= width || v >= height) return;
  float r[RAY_PARAMS];
  load_rays(rays, b, r);
  out[((size_t) b * height + v) * width + u] = integrate_buffer(vol, r, u, v, nx, ny, nz, step);
}

// One pose, its ray parameters by value.
__kernel void drr_one(__global const float* vol, int nx, int ny, int nz, ray_block rays, int width, int height,
                      float step, __global float* out) {
  int u = get_global_id(0), v = get_global_id(1);
  if (u >= width || v >= height) return;
  out[v * width + u] = integrate_buffer(vol, rays.v, u, v, nx, ny, nz, step);
}

#ifdef HAVE_IMAGES
// Unnormalised coordinates (voxel i's centre at i + 0.5), zero outside (CLK_ADDRESS_CLAMP: border colour (0,0,0,1)
// for CL_R, whose .x is 0), the device's linear filtering (on GPUs the texture unit: 8 fractional weight bits).
__constant sampler_t VOLUME_SAMPLER = CLK_NORMALIZED_COORDS_FALSE | CLK_ADDRESS_CLAMP | CLK_FILTER_LINEAR;

// The line integral of one ray sampling a CL_R / CL_FLOAT 3D image of the (unpadded) volume.
inline float integrate_image(__read_only image3d_t vol, const float* r, int u, int v, int nx, int ny, int nz,
                             float step) {
  float3 q0, dq;
  int count = ray_samples(r, u, v, nx, ny, nz, step, &q0, &dq);
  float sum = 0.0f;
  for (int k = 0; k < count; k++) {
    float3 q = q0 + (float) k * dq - 0.5f;  // padded coordinate (p + 1) to image coordinate (p + 0.5)
    sum += read_imagef(vol, VOLUME_SAMPLER, (float4) (q, 0.0f)).x;
  }
  return sum * step;
}

__kernel void drr_image(__read_only image3d_t vol, int nx, int ny, int nz,
                        __global const float* rays, int width, int height, float step,
                        __global float* out) {
  int u = get_global_id(0), v = get_global_id(1), b = get_global_id(2);
  if (u >= width || v >= height) return;
  float r[RAY_PARAMS];
  load_rays(rays, b, r);
  out[((size_t) b * height + v) * width + u] = integrate_image(vol, r, u, v, nx, ny, nz, step);
}

__kernel void drr_image_one(__read_only image3d_t vol, int nx, int ny, int nz, ray_block rays, int width,
                            int height, float step, __global float* out) {
  int u = get_global_id(0), v = get_global_id(1);
  if (u >= width || v >= height) return;
  out[v * width + u] = integrate_image(vol, rays.v, u, v, nx, ny, nz, step);
}
#endif
