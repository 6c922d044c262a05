// CathNav reductions and pose-score statistics (OpenCL C 1.2). Accumulation is float64 where the device has
// cl_khr_fp64 (the host defines HAVE_FP64), else float32. LS (work-group size, a power of two) is a build option.
#ifdef HAVE_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double acc_t;
#else
typedef float acc_t;
#endif

// Tree-sums nsum columns of s (layout s[j * LS + lid]) into s[j * LS]; every work item of the group calls it.
inline void reduce_group(__local acc_t* s, int nsum, int lid) {
  for (int off = LS / 2; off > 0; off >>= 1) {
    barrier(CLK_LOCAL_MEM_FENCE);
    if (lid < off) {
      for (int j = 0; j < nsum; j++) s[j * LS + lid] += s[j * LS + lid + off];
    }
  }
  barrier(CLK_LOCAL_MEM_FENCE);
}

// Partial {sum x, sum x^2} per work group; partials[2 * group + j].
__kernel void sums(__global const float* x, int n, __global acc_t* partials) {
  __local acc_t s[2 * LS];
  int lid = get_local_id(0);
  acc_t a = 0, aa = 0;
  for (int i = get_global_id(0); i < n; i += get_global_size(0)) {
    acc_t v = x[i];
    a += v;
    aa += v * v;
  }
  s[lid] = a;
  s[LS + lid] = aa;
  reduce_group(s, 2, lid);
  if (lid == 0) {
    partials[2 * get_group_id(0)] = s[0];
    partials[2 * get_group_id(0) + 1] = s[LS];
  }
}

// Partial {sum m x, sum m x^2, sum m} per work group with the 0/1 mask m; partials[3 * group + j].
__kernel void masked_sums(__global const float* x, __global const float* mask, int n, __global acc_t* partials) {
  __local acc_t s[3 * LS];
  int lid = get_local_id(0);
  acc_t a = 0, aa = 0, c = 0;
  for (int i = get_global_id(0); i < n; i += get_global_size(0)) {
    acc_t m = mask[i], v = x[i];
    a += m * v;
    aa += m * v * v;
    c += m;
  }
  s[lid] = a;
  s[LS + lid] = aa;
  s[2 * LS + lid] = c;
  reduce_group(s, 3, lid);
  if (lid == 0) {
    for (int j = 0; j < 3; j++) partials[3 * get_group_id(0) + j] = s[j * LS];
  }
}

// Pose scoring, NCC: per (group, pose) the partial {sum m d, sum m d^2, sum d tc} of the pose's DRR d against the
// target tc (centred over the mask and zero outside it). Global size (groups * LS, poses).
__kernel void ncc_partials(__global const float* drrs, int n, __global const float* mask,
                           __global const float* tc, __global acc_t* partials) {
  __local acc_t s[3 * LS];
  int lid = get_local_id(0), b = get_global_id(1), groups = get_num_groups(0);
  __global const float* d = drrs + (size_t) b * n;
  acc_t a = 0, aa = 0, at = 0;
  for (int i = get_global_id(0); i < n; i += get_global_size(0)) {
    acc_t m = mask[i], v = d[i];
    a += m * v;
    aa += m * v * v;
    at += v * tc[i];
  }
  s[lid] = a;
  s[LS + lid] = aa;
  s[2 * LS + lid] = at;
  reduce_group(s, 3, lid);
  if (lid == 0) {
    __global acc_t* p = partials + ((size_t) b * groups + get_group_id(0)) * 3;
    for (int j = 0; j < 3; j++) p[j] = s[j * LS];
  }
}

// The 3x3 Sobel gradients of image d at (u, v), replicated borders: gx along u, gy along v.
inline float2 sobel_at(__global const float* d, int w, int h, int u, int v) {
  int um = max(u - 1, 0), up = min(u + 1, w - 1), vm = max(v - 1, 0), vp = min(v + 1, h - 1);
  float a = d[vm * w + um], bb = d[vm * w + u], c = d[vm * w + up];
  float e = d[v * w + um], f = d[v * w + up];
  float g = d[vp * w + um], hh = d[vp * w + u], k = d[vp * w + up];
  return (float2) ((c + 2.0f * f + k) - (a + 2.0f * e + g), (g + 2.0f * hh + k) - (a + 2.0f * bb + c));
}

// Pose scoring, gradient correlation: the DRR's Sobel gradients are computed on the fly; partials
// {sum m gx, sum m gx^2, sum gx tcx, sum m gy, sum m gy^2, sum gy tcy} per (group, pose).
__kernel void gc_partials(__global const float* drrs, int w, int h, __global const float* mask,
                          __global const float* tcx, __global const float* tcy, __global acc_t* partials) {
  __local acc_t s[6 * LS];
  int lid = get_local_id(0), b = get_global_id(1), groups = get_num_groups(0), n = w * h;
  __global const float* d = drrs + (size_t) b * n;
  acc_t a[6] = {0, 0, 0, 0, 0, 0};
  for (int i = get_global_id(0); i < n; i += get_global_size(0)) {
    float2 g = sobel_at(d, w, h, i % w, i / w);
    acc_t m = mask[i], gx = g.x, gy = g.y;
    a[0] += m * gx;
    a[1] += m * gx * gx;
    a[2] += gx * tcx[i];
    a[3] += m * gy;
    a[4] += m * gy * gy;
    a[5] += gy * tcy[i];
  }
  for (int j = 0; j < 6; j++) s[j * LS + lid] = a[j];
  reduce_group(s, 6, lid);
  if (lid == 0) {
    __global acc_t* p = partials + ((size_t) b * groups + get_group_id(0)) * 6;
    for (int j = 0; j < 6; j++) p[j] = s[j * LS];
  }
}

// NCC from the sums over the mask: sd = sum d, sdd = sum d^2, sdt = sum d tc; target: count, sum tc, var_t.
inline float ncc_from(acc_t sd, acc_t sdd, acc_t sdt, acc_t count, acc_t sum_t, acc_t var_t) {
  acc_t var_d = sdd - sd * sd / count;
  if (!(var_d > 0) || !(var_t > 0)) return 0.0f;
  acc_t r = (sdt - sd * sum_t / count) / sqrt(var_d * var_t);
  return (float) clamp(r, (acc_t) -1, (acc_t) 1);
}

// One work item per pose: sums the pose's group partials and writes its score. target = {count, sum tcx,
// var tx, sum tcy, var ty} (the y terms only for gradient correlation, nsum == 6).
__kernel void score_finish(__global const acc_t* partials, int groups, int nsum, __global const acc_t* target,
                           int poses, __global float* scores) {
  int b = get_global_id(0);
  if (b >= poses) return;
  acc_t t[6] = {0, 0, 0, 0, 0, 0};
  __global const acc_t* p = partials + (size_t) b * groups * nsum;
  for (int g = 0; g < groups; g++) {
    for (int j = 0; j < nsum; j++) t[j] += p[g * nsum + j];
  }
  float score = ncc_from(t[0], t[1], t[2], target[0], target[1], target[2]);
  if (nsum == 6) score = 0.5f * (score + ncc_from(t[3], t[4], t[5], target[0], target[3], target[4]));
  scores[b] = score;
}
