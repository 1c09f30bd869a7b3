#include "maia_inference_kernels.h"

#include <math.h>
#include <string.h>

// The package compiles for the x86-64 baseline (no unsafe flags). The hot loops below also exist as AVX2 + FMA +
// F16C versions, picked at run time. Both paths reduce in the same order as llama.cpp's AVX2 build (one 8-lane
// accumulator per dot, the same horizontal sum), so that results agree with the reference to the last bits as often
// as possible: greedy decoding then picks the same tokens.

typedef struct { uint16_t d; uint8_t qs[16]; } block_q4_0;
typedef struct { uint16_t d; uint16_t m; uint8_t qs[16]; } block_q4_1;
typedef struct { uint16_t d; int8_t qs[32]; } block_q8_0;
typedef struct { uint16_t d; uint16_t s; int8_t qs[32]; } block_q8_1;

// MARK: half precision (IEEE binary16, round to nearest even)

static inline float half_to_float(uint16_t h) {
    const uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exponent = (h >> 10) & 0x1F;
    uint32_t mantissa = h & 0x3FF;
    uint32_t bits;
    if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else {
            exponent = 127 - 15 + 1;
            while ((mantissa & 0x400) == 0) {
                mantissa <<= 1;
                exponent--;
            }
            bits = sign | (exponent << 23) | ((mantissa & 0x3FF) << 13);
        }
    } else if (exponent == 31) {
        bits = sign | 0x7F800000 | (mantissa << 13);
    } else {
        bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
    }
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static inline uint16_t float_to_half(float f) {
    uint32_t x;
    memcpy(&x, &f, 4);
    const uint16_t sign = (uint16_t)((x >> 16) & 0x8000);
    const uint32_t absx = x & 0x7FFFFFFF;
    if (absx >= 0x7F800000) return sign | (absx > 0x7F800000 ? 0x7E00 : 0x7C00);
    if (absx >= 0x477FF000) return sign | 0x7C00;  // rounds to infinity
    if (absx < 0x38800000) {                       // subnormal half or zero
        if (absx < 0x33000000) return sign;
        const uint32_t mantissa = (absx & 0x7FFFFF) | 0x800000;
        const int shift = 126 - (int)(absx >> 23);  // 14...24
        uint32_t half = mantissa >> shift;
        const uint32_t rest = mantissa & ((1u << shift) - 1);
        const uint32_t middle = 1u << (shift - 1);
        if (rest > middle || (rest == middle && (half & 1))) half++;
        return sign | (uint16_t)half;
    }
    uint32_t half = ((absx >> 13) - ((127 - 15) << 10));
    const uint32_t rest = absx & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1))) half++;
    return sign | (uint16_t)half;
}

// MARK: activation conversion (identical on every path)

// A block's scale as ggml's quantisers compute it: `amax / 127` is stored, values are multiplied by `127 / amax`
// (not divided by the stored scale), so that the rounding matches llama.cpp's bit for bit.
static inline float block_scale(const float *v, float *id) {
    float amax = 0;
    for (int j = 0; j < 32; j++) amax = fmaxf(amax, fabsf(v[j]));
    *id = amax != 0.0f ? 127.f / amax : 0.0f;
    return amax / 127.f;
}

static void quantize_q8_0(const float *x, block_q8_0 *y, size_t n) {
    for (size_t b = 0; b < n / 32; b++) {
        const float *v = x + b * 32;
        float id;
        const float d = block_scale(v, &id);
        y[b].d = float_to_half(d);
        for (int j = 0; j < 32; j++) y[b].qs[j] = (int8_t)nearbyintf(v[j] * id);
    }
}

static void quantize_q8_1(const float *x, block_q8_1 *y, size_t n) {
    for (size_t b = 0; b < n / 32; b++) {
        const float *v = x + b * 32;
        float id;
        const float d = block_scale(v, &id);
        y[b].d = float_to_half(d);
        int sum = 0;
        for (int j = 0; j < 32; j++) {
            const int q = (int)nearbyintf(v[j] * id);
            y[b].qs[j] = (int8_t)q;
            sum += q;
        }
        y[b].s = float_to_half(d * (float)sum);
    }
}

#include "maia_inference_kernels_avx2.h"

int maia_vec_dot_type(int type) {
    switch (type) {
    case MAIA_TYPE_Q4_0: return MAIA_TYPE_Q8_0;
    case MAIA_TYPE_Q8_0: return MAIA_TYPE_Q8_0;
    case MAIA_TYPE_Q4_1: return MAIA_TYPE_Q8_1;
    case MAIA_TYPE_F16: return MAIA_TYPE_F16;
    default: return MAIA_TYPE_F32;
    }
}

size_t maia_row_bytes(int type, size_t n) {
    switch (type) {
    case MAIA_TYPE_F32: return n * 4;
    case MAIA_TYPE_F16: return n * 2;
    case MAIA_TYPE_Q4_0: return n / 32 * sizeof(block_q4_0);
    case MAIA_TYPE_Q4_1: return n / 32 * sizeof(block_q4_1);
    case MAIA_TYPE_Q8_0: return n / 32 * sizeof(block_q8_0);
    case MAIA_TYPE_Q8_1: return n / 32 * sizeof(block_q8_1);
    default: return 0;
    }
}

static void f32_to_f16_portable(const float *x, uint16_t *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = float_to_half(x[i]);
}

void maia_f16_to_f32(const uint16_t *x, float *out, size_t n) {
    for (size_t i = 0; i < n; i++) out[i] = half_to_float(x[i]);
}

void maia_convert_row(int type, const float *x, void *out, size_t n) {
#if MAIA_HAVE_AVX2_KERNELS
    if ((type == MAIA_TYPE_Q8_0 || type == MAIA_TYPE_Q8_1) && maia_has_avx2()) {
        quantize_q8_avx2(x, out, n, type == MAIA_TYPE_Q8_1);
        return;
    }
#endif
    switch (type) {
    case MAIA_TYPE_Q8_0: quantize_q8_0(x, out, n); break;
    case MAIA_TYPE_Q8_1: quantize_q8_1(x, out, n); break;
    case MAIA_TYPE_F16: maia_f32_to_f16(x, out, n); break;
    default: memcpy(out, x, n * 4); break;
    }
}

void maia_dequantize_row(int type, const void *row, float *out, size_t n) {
    switch (type) {
    case MAIA_TYPE_F32: memcpy(out, row, n * 4); break;
    case MAIA_TYPE_F16: maia_f16_to_f32(row, out, n); break;
    case MAIA_TYPE_Q4_0: {
        const block_q4_0 *x = row;
        for (size_t b = 0; b < n / 32; b++) {
            const float d = half_to_float(x[b].d);
            for (int j = 0; j < 16; j++) {
                out[b * 32 + j] = ((x[b].qs[j] & 0x0F) - 8) * d;
                out[b * 32 + j + 16] = ((x[b].qs[j] >> 4) - 8) * d;
            }
        }
        break;
    }
    case MAIA_TYPE_Q4_1: {
        const block_q4_1 *x = row;
        for (size_t b = 0; b < n / 32; b++) {
            const float d = half_to_float(x[b].d), m = half_to_float(x[b].m);
            for (int j = 0; j < 16; j++) {
                out[b * 32 + j] = (x[b].qs[j] & 0x0F) * d + m;
                out[b * 32 + j + 16] = (x[b].qs[j] >> 4) * d + m;
            }
        }
        break;
    }
    case MAIA_TYPE_Q8_0: {
        const block_q8_0 *x = row;
        for (size_t b = 0; b < n / 32; b++) {
            const float d = half_to_float(x[b].d);
            for (int j = 0; j < 32; j++) out[b * 32 + j] = x[b].qs[j] * d;
        }
        break;
    }
    default: memset(out, 0, n * 4); break;
    }
}

// MARK: portable dots. They keep the AVX2 code's 8 lanes so that both paths round alike.

static inline float hsum8(const float lanes[8]) {
    const float a0 = lanes[0] + lanes[4], a1 = lanes[1] + lanes[5], a2 = lanes[2] + lanes[6], a3 = lanes[3] + lanes[7];
    const float b0 = a0 + a2, b1 = a1 + a3;
    return b0 + b1;
}

static float dot_q4_0_portable(const block_q4_0 *x, const block_q8_0 *y, size_t blocks) {
    float acc[8] = {0};
    for (size_t b = 0; b < blocks; b++) {
        const float d = half_to_float(x[b].d) * half_to_float(y[b].d);
        for (int lane = 0; lane < 8; lane++) {
            int sum = 0;
            for (int k = 0; k < 4; k++) {
                const int j = lane * 4 + k;
                const int code = j < 16 ? (x[b].qs[j] & 0x0F) : (x[b].qs[j - 16] >> 4);
                sum += (code - 8) * y[b].qs[j];
            }
            acc[lane] = fmaf(d, (float)sum, acc[lane]);
        }
    }
    return hsum8(acc);
}

static float dot_q4_1_portable(const block_q4_1 *x, const block_q8_1 *y, size_t blocks) {
    float acc[8] = {0};
    float summs = 0;
    for (size_t b = 0; b < blocks; b++) {
        summs = fmaf(half_to_float(x[b].m), half_to_float(y[b].s), summs);  // GCC fuses ggml's `summs += m * s`
        const float d = half_to_float(x[b].d) * half_to_float(y[b].d);
        for (int lane = 0; lane < 8; lane++) {
            int sum = 0;
            for (int k = 0; k < 4; k++) {
                const int j = lane * 4 + k;
                const int code = j < 16 ? (x[b].qs[j] & 0x0F) : (x[b].qs[j - 16] >> 4);
                sum += code * y[b].qs[j];
            }
            acc[lane] = fmaf(d, (float)sum, acc[lane]);
        }
    }
    return hsum8(acc) + summs;
}

static float dot_q8_0_portable(const block_q8_0 *x, const block_q8_0 *y, size_t blocks) {
    float acc[8] = {0};
    for (size_t b = 0; b < blocks; b++) {
        const float d = half_to_float(x[b].d) * half_to_float(y[b].d);
        for (int lane = 0; lane < 8; lane++) {
            int sum = 0;
            for (int k = 0; k < 4; k++) sum += x[b].qs[lane * 4 + k] * y[b].qs[lane * 4 + k];
            acc[lane] = fmaf(d, (float)sum, acc[lane]);
        }
    }
    return hsum8(acc);
}

static float dot_portable(int type, const void *row, const void *act, size_t n) {
    switch (type) {
    case MAIA_TYPE_Q4_0: return dot_q4_0_portable(row, act, n / 32);
    case MAIA_TYPE_Q4_1: return dot_q4_1_portable(row, act, n / 32);
    case MAIA_TYPE_Q8_0: return dot_q8_0_portable(row, act, n / 32);
    default: return 0; // F16 and F32 rows go through matmul_float
    }
}


void maia_f32_to_f16(const float *x, uint16_t *out, size_t n) {
#if MAIA_HAVE_AVX2_KERNELS
    if (maia_has_avx2()) {
        f32_to_f16_avx2(x, out, n);
        return;
    }
#endif
    f32_to_f16_portable(x, out, n);
}

int maia_has_avx2(void) { return maia_kernel_level() >= 1; }

// The ceiling tests set to run the narrower paths on a wider CPU; per thread, so that it cannot change the kernels
// of another test running at the same time.
static _Thread_local int level_limit = 2;

#include "maia_inference_kernels_vnni.h"

// AVX-512 VNNI only speeds up integer sums (same results), so it is not a level of its own: used at level 2.
static int has_vnni(void) {
    static int detected = -1;
    if (detected < 0) {
#if MAIA_HAVE_VNNI_KERNELS
        detected = __builtin_cpu_supports("avx512vnni") ? 1 : 0;
#else
        detected = 0;
#endif
    }
    return detected && maia_kernel_level() >= 2;
}

// Tokens are taken in tiles so that a tile's activations stay in cache while every weight row passes over them.
enum { TOKEN_TILE = 32 };

// Below, with the attention's f16 products.
static void matmul_float(int type, const void *weights, size_t n, size_t row_begin, size_t row_end,
                         const void *activations, size_t act_stride, size_t tokens, int batched, float *out,
                         size_t out_stride);

void maia_matmul(int type, const void *weights, size_t n, size_t row_begin, size_t row_end, const void *activations,
                 size_t act_stride, size_t tokens, int batched, float *out, size_t out_stride) {
    if (type == MAIA_TYPE_F16 || type == MAIA_TYPE_F32) {
        matmul_float(type, weights, n, row_begin, row_end, activations, act_stride, tokens, batched, out, out_stride);
        return;
    }
    const size_t row_bytes = maia_row_bytes(type, n);
    const int avx2 = maia_has_avx2();
#if MAIA_HAVE_VNNI_KERNELS
    if (type == MAIA_TYPE_Q4_1 && tokens >= 2 && has_vnni() &&
        matmul_q4_1_vnni(weights, n / 32, row_begin, row_end, activations, act_stride, tokens, out, out_stride)) {
        return;
    }
#endif
#if MAIA_HAVE_AVX2_KERNELS
    // Tokens are tiled by four inside these kernels; a larger outer tile keeps the activations in cache.
    if (avx2 && (type == MAIA_TYPE_Q4_1 || type == MAIA_TYPE_Q8_0)) {
        for (size_t t0 = 0; t0 < tokens; t0 += TOKEN_TILE) {
            const size_t count = t0 + TOKEN_TILE < tokens ? TOKEN_TILE : tokens - t0;
            const uint8_t *act = (const uint8_t *)activations + t0 * act_stride;
            if (type == MAIA_TYPE_Q4_1) {
                matmul_q4_1_avx2(weights, n / 32, row_begin, row_end, act, act_stride, count, out + t0 * out_stride,
                                 out_stride);
            } else {
                matmul_q8_0_avx2(weights, n / 32, row_begin, row_end, act, act_stride, count, out + t0 * out_stride,
                                 out_stride);
            }
        }
        return;
    }
#endif
    for (size_t t0 = 0; t0 < tokens; t0 += TOKEN_TILE) {
        const size_t t1 = t0 + TOKEN_TILE < tokens ? t0 + TOKEN_TILE : tokens;
        for (size_t r = row_begin; r < row_end; r++) {
            const uint8_t *row = (const uint8_t *)weights + r * row_bytes;
            for (size_t t = t0; t < t1; t++) {
                const void *act = (const uint8_t *)activations + t * act_stride;
#if MAIA_HAVE_AVX2_KERNELS
                out[t * out_stride + r] = avx2 ? dot_avx2(type, row, act, n) : dot_portable(type, row, act, n);
#else
                (void)avx2;
                out[t * out_stride + r] = dot_portable(type, row, act, n);
#endif
            }
        }
    }
}

// llama.cpp's vectorised exponential (ARM optimized-routines' polynomial, max error about 1.5 ulp), lane by lane:
// softmax and SiLU must use it to round like the reference.
static inline float bits_to_float(uint32_t bits) { float f; memcpy(&f, &bits, 4); return f; }
static inline uint32_t float_to_bits(float f) { uint32_t bits; memcpy(&bits, &f, 4); return bits; }

static float vexpf(float x) {
    const float r = 0x1.8p23f;
    const float z = fmaf(x, 0x1.715476p+0f, r);
    const float n = z - r;
    const float b = fmaf(-n, 0x1.7f7d1cp-20f, fmaf(-n, 0x1.62e4p-1f, x));
    const uint32_t e = float_to_bits(z) << 23;
    const float k = bits_to_float(e + float_to_bits(1.0f));
    const int c = fabsf(n) > 126;
    const float u = b * b;
    const float j = fmaf(fmaf(fmaf(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u, fmaf(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)), u,
                         0x1.ffffecp-1f * b);
    if (!c) return fmaf(j, k, k);
    const uint32_t g = n <= 0 ? 0x82000000u : 0;
    const float s1 = bits_to_float(g + 0x7f000000u);
    const float s2 = bits_to_float(e - g);
    if (fabsf(n) > 192) return s1 * s1;
    return fmaf(s2, j, s2) * s1;
}

// A weight or cache row (`half`: halves, else floats) · a float row, as llama.cpp's AVX2 build computes it: one 8-lane
// accumulator (llamafile's tinyBLAS<8>, batches of two or more tokens) or ggml_vec_dot_f16/_f32's four over steps of
// 32 (one-token batches; leftovers summed in double). `single` needs `n` a multiple of 8; `wide` takes any `n`.
static inline float row_at(const void *x, int half, size_t i) {
    return half ? half_to_float(((const uint16_t *)x)[i]) : ((const float *)x)[i];
}

static float dot_f16f32_single_portable(const void *x, int half, const float *y, size_t n) {
    float acc[8] = {0};
    for (size_t i = 0; i < n; i += 8) {
        for (int lane = 0; lane < 8; lane++) acc[lane] = fmaf(row_at(x, half, i + lane), y[i + lane], acc[lane]);
    }
    return hsum8(acc);
}

static float dot_f16f32_wide_portable(const void *x, int half, const float *y, size_t n) {
    float acc[4][8] = {{0}};
    const size_t whole = n / 32 * 32;
    for (size_t i = 0; i < whole; i += 32) {
        for (int a = 0; a < 4; a++) {
            for (int lane = 0; lane < 8; lane++) {
                const size_t k = i + a * 8 + lane;
                acc[a][lane] = fmaf(row_at(x, half, k), y[k], acc[a][lane]);
            }
        }
    }
    float lanes[8], halves[4];
    for (int lane = 0; lane < 8; lane++) lanes[lane] = (acc[0][lane] + acc[2][lane]) + (acc[1][lane] + acc[3][lane]);
    for (int k = 0; k < 4; k++) halves[k] = lanes[k] + lanes[k + 4];
    double sum = (halves[0] + halves[1]) + (halves[2] + halves[3]);
    for (size_t i = whole; i < n; i++) sum += (double)(row_at(x, half, i) * y[i]);
    return (float)sum;
}

static float dot_f16f32_portable(const void *x, int half, const float *y, size_t n, int batched) {
    return batched && n % 8 == 0 ? dot_f16f32_single_portable(x, half, y, n) : dot_f16f32_wide_portable(x, half, y, n);
}

#include "maia_inference_kernels_avx512.h"

// llama.cpp multiplies f16 and f32 weights with llamafile's tinyBLAS in a pass of two or more tokens (where it
// computes every row, also those of the last block that MAIA skips: the reference keeps all logits) and with
// ggml_vec_dot_f16 / ggml_vec_dot_f32 in a one-token pass: the two orders of the attention's f16 products, on float
// activations (f16 ones widened back). One loop per level, each compiled for its instruction set so that the dot
// product inlines into it.
#if MAIA_HAVE_AVX512_KERNELS
MAIA_AVX512 static void rows_float_avx512(const void *weights, int half, size_t n, size_t row_begin, size_t row_end,
                                          const float *x, int batched, float *out) {
    const size_t row_bytes = n * (half ? 2 : 4);
    for (size_t r = row_begin; r < row_end; r++) {
        out[r] = dot_f16_avx512((const uint8_t *)weights + r * row_bytes, half, x, n, batched);
    }
}
#endif
#if MAIA_HAVE_AVX2_KERNELS
MAIA_AVX2 static void rows_float_avx2(const void *weights, int half, size_t n, size_t row_begin, size_t row_end,
                                      const float *x, int batched, float *out) {
    const size_t row_bytes = n * (half ? 2 : 4);
    for (size_t r = row_begin; r < row_end; r++) {
        out[r] = dot_f16f32_avx2((const uint8_t *)weights + r * row_bytes, half, x, n, batched);
    }
}
#endif

static void matmul_float(int type, const void *weights, size_t n, size_t row_begin, size_t row_end,
                         const void *activations, size_t act_stride, size_t tokens, int batched, float *out,
                         size_t out_stride) {
    const int level = maia_kernel_level();
    const int half = type == MAIA_TYPE_F16;
    const size_t row_bytes = n * (half ? 2 : 4);
    float widened[half ? n : 1]; // one f16 activation row as floats: at most a model's widest layer (tens of KB)
    for (size_t t = 0; t < tokens; t++) {
        const void *act = (const uint8_t *)activations + t * act_stride;
        const float *x = act;
        if (half) {
            maia_f16_to_f32(act, widened, n);
            x = widened;
        }
        float *row_out = out + t * out_stride;
#if MAIA_HAVE_AVX512_KERNELS
        if (level >= 2 && n % (batched ? 16 : 64) == 0) {
            rows_float_avx512(weights, half, n, row_begin, row_end, x, batched, row_out);
            continue;
        }
#endif
#if MAIA_HAVE_AVX2_KERNELS
        if (level >= 1) {
            rows_float_avx2(weights, half, n, row_begin, row_end, x, batched, row_out);
            continue;
        }
#endif
        for (size_t r = row_begin; r < row_end; r++) {
            row_out[r] = dot_f16f32_portable((const uint8_t *)weights + r * row_bytes, half, x, n, batched);
        }
    }
    (void)level;
}

void maia_attention(const float *query, const uint16_t *keys, size_t key_stride, const uint16_t *values_t,
                    size_t value_stride, size_t count, size_t head_dim, float scale, int batched, float *scratch,
                    float *out) {
    const int level = maia_kernel_level();
#if MAIA_HAVE_AVX512_KERNELS
    if (level >= 2 && head_dim % 16 == 0) {
        attention_avx512(query, keys, key_stride, values_t, value_stride, count, head_dim, scale, batched, scratch,
                         out);
        return;
    }
#endif
#if MAIA_HAVE_AVX2_KERNELS
    if (level >= 1 && head_dim % 8 == 0) {
        attention_avx2(query, keys, key_stride, values_t, value_stride, count, head_dim, scale, batched, scratch,
                       out);
        return;
    }
#endif
    (void)level;
    // The AVX2 build's arithmetic. Probabilities are zero-padded to 8 (tinyBLAS) or 32 (four accumulators).
    const size_t padded = (count + 31) / 32 * 32;
    const size_t reach = batched ? (count + 7) / 8 * 8 : padded;
    float *scores = scratch;
    float *probabilities = scratch + padded;
    float *q = probabilities + padded;
    for (size_t d = 0; d < head_dim; d++) q[d] = half_to_float(float_to_half(query[d]));
    float max = -INFINITY;
    for (size_t i = 0; i < count; i++) {
        scores[i] = dot_f16f32_portable(keys + i * key_stride, 1, q, head_dim, batched) * scale;
        if (scores[i] > max) max = scores[i];
    }
    // Eight at a time, each group summed in float before joining the double total, as ggml's softmax does; the
    // positions past `count` are masked (exp(-inf) = 0).
    double sum = 0;
    for (size_t i = 0; i < (count + 7) / 8 * 8; i += 8) {
        float lanes[8];
        for (int lane = 0; lane < 8; lane++) {
            lanes[lane] = i + lane < count ? vexpf(scores[i + lane] - max) : 0.0f;
            if (i + lane < count) scores[i + lane] = lanes[lane];
        }
        sum += (double)hsum8(lanes);
    }
    const float inverse = (float)(1.0 / sum);
    for (size_t i = 0; i < count; i++) probabilities[i] = half_to_float(float_to_half(scores[i] * inverse));
    for (size_t i = count; i < padded; i++) probabilities[i] = 0;
    for (size_t d = 0; d < head_dim; d++) {
        out[d] = dot_f16f32_portable(values_t + d * value_stride, 1, probabilities, reach, batched);
    }
}

#include "maia_inference_kernels_attention.h"

size_t maia_attention_rows_scratch(size_t context, size_t head_dim) {
    // The larger of attention_rows_avx512's needs (widened keys, queries, scores and probabilities of 8 queries)
    // and maia_attention's.
    return 24 * head_dim + 16 * (context + 64);
}

void maia_attention_rows(const float *query, size_t row_stride, size_t group, size_t rows, const uint16_t *keys,
                         size_t key_stride, const uint16_t *values_t, size_t value_stride, size_t first_count,
                         size_t head_dim, float scale, float *scratch, float *out) {
#if MAIA_HAVE_AVX512_KERNELS
    if (maia_kernel_level() >= 2 && head_dim % 16 == 0 && head_dim <= ROWS_MAX_HEAD && group <= ROWS_MAX_QUERIES) {
        const size_t tile = ROWS_MAX_QUERIES / group;
        for (size_t r = 0; r < rows; r += tile) {
            attention_rows_avx512(query + r * row_stride, row_stride, group, rows - r < tile ? rows - r : tile, keys,
                                  key_stride, values_t, value_stride, first_count + r, head_dim, scale, scratch,
                                  out + r * row_stride);
        }
        return;
    }
#endif
    for (size_t r = 0; r < rows; r++) {
        for (size_t h = 0; h < group; h++) {
            const size_t offset = r * row_stride + h * head_dim;
            maia_attention(query + offset, keys, key_stride, values_t, value_stride, first_count + r, head_dim, scale,
                           1, scratch, out + offset);
        }
    }
}

int maia_kernel_level(void) {
    static int detected = -1;
    if (detected < 0) {
        int level = 0;
#if MAIA_HAVE_AVX2_KERNELS
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c")) {
            level = 1;
            if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw")) {
                level = 2;
            }
        }
#endif
        detected = level;
    }
    return detected < level_limit ? detected : level_limit;
}

int maia_limit_kernel_level(int level) {
    level_limit = level < 0 ? 0 : level;
    return maia_kernel_level();
}

void maia_swiglu(const float *gate, const float *up, float *y, size_t n) {
    // ggml's vectorised loop covers whole registers (16 lanes with AVX-512, 8 otherwise); the rest uses expf.
    const int level = maia_kernel_level();
    size_t i = 0;
#if MAIA_HAVE_AVX512_KERNELS
    if (level >= 2) {
        i = n / 16 * 16;
        swiglu_avx512(gate, up, y, i);
    }
#endif
    const size_t vectorised = i ? i : n / 8 * 8;
#if MAIA_HAVE_AVX2_KERNELS
    if (level == 1) {
        swiglu_avx2(gate, up, y, vectorised);
        i = vectorised;
    }
#endif
    (void)level;
    for (; i < vectorised; i++) y[i] = gate[i] / (1.0f + vexpf(-gate[i])) * up[i];
    for (; i < n; i++) y[i] = gate[i] / (1.0f + expf(-gate[i])) * up[i];
}
