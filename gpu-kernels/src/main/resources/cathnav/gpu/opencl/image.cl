// CathNav image operations (OpenCL C 1.2). Images are row-major float32, index = v * width + u.

// out = sign * (log(max(in, floor)) - offset) * scale; in and out may be the same buffer.
__kernel void log_transform(__global const float* in, __global float* out, int n, float floor_value,
                            float offset, float scale, float sign) {
  int i = get_global_id(0);
  if (i < n) out[i] = sign * (log(fmax(in[i], floor_value)) - offset) * scale;
}

// 2x2 box average: out is (w / 2) x (h / 2).
__kernel void downsample2x(__global const float* in, int w, __global float* out, int ow, int oh) {
  int u = get_global_id(0), v = get_global_id(1);
  if (u >= ow || v >= oh) return;
  __global const float* r0 = in + (size_t) (2 * v) * w + 2 * u;
  __global const float* r1 = r0 + w;
  out[v * ow + u] = 0.25f * ((r0[0] + r0[1]) + (r1[0] + r1[1]));
}

// 3x3 Sobel, replicated borders: gx along u, gy along v (unnormalised: a unit ramp along u gives gx = 8).
__kernel void sobel(__global const float* d, int w, int h, __global float* gx, __global float* gy) {
  int u = get_global_id(0), v = get_global_id(1);
  if (u >= w || v >= h) return;
  int um = max(u - 1, 0), up = min(u + 1, w - 1), vm = max(v - 1, 0), vp = min(v + 1, h - 1);
  float a = d[vm * w + um], b = d[vm * w + u], c = d[vm * w + up];
  float e = d[v * w + um], f = d[v * w + up];
  float g = d[vp * w + um], hh = d[vp * w + u], k = d[vp * w + up];
  gx[v * w + u] = (c + 2.0f * f + k) - (a + 2.0f * e + g);
  gy[v * w + u] = (g + 2.0f * hh + k) - (a + 2.0f * b + c);
}

// mask01 = mask > 0.5 ? 1 : 0.
__kernel void binarise(__global const float* mask, __global float* mask01, int n) {
  int i = get_global_id(0);
  if (i < n) mask01[i] = mask[i] > 0.5f ? 1.0f : 0.0f;
}

// out = mask01 * (x - mean): the target centred over the mask, zero outside it.
__kernel void centre(__global const float* x, __global const float* mask01, int n, float mean, __global float* out) {
  int i = get_global_id(0);
  if (i < n) out[i] = mask01[i] * (x[i] - mean);
}

__kernel void fill(__global float* x, int n, float value) {
  int i = get_global_id(0);
  if (i < n) x[i] = value;
}
