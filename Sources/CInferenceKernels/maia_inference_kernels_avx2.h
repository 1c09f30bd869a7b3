// AVX2 + FMA + F16C versions of the dot products, included by maia_inference_kernels.c only.
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define MAIA_HAVE_AVX2_KERNELS 1
#include <immintrin.h>

#define MAIA_AVX2 __attribute__((target("avx2,fma,f16c")))
// Inlined even in debug builds (-O0), where a call per helper would make the kernels several times slower.
#define MAIA_AVX2_INLINE __attribute__((target("avx2,fma,f16c"), always_inline))

MAIA_AVX2_INLINE static inline float hsum8_avx2(__m256 x) {
    __m128 sum = _mm_add_ps(_mm256_extractf128_ps(x, 1), _mm256_castps256_ps128(x));
    sum = _mm_add_ps(sum, _mm_movehl_ps(sum, sum));
    sum = _mm_add_ss(sum, _mm_movehdup_ps(sum));
    return _mm_cvtss_f32(sum);
}

// 32 four-bit codes as bytes: the low nibbles are values 0...15, the high nibbles 16...31.
MAIA_AVX2_INLINE static inline __m256i nibbles_avx2(const uint8_t *packed) {
    const __m128i bytes = _mm_loadu_si128((const __m128i *)packed);
    const __m256i both = _mm256_insertf128_si256(_mm256_castsi128_si256(bytes), _mm_srli_epi16(bytes, 4), 1);
    return _mm256_and_si256(both, _mm256_set1_epi8(0x0F));
}

// Eight lanes of four unsigned-by-signed byte products each, as floats.
MAIA_AVX2_INLINE static inline __m256 products_us8_avx2(__m256i unsigned_bytes, __m256i signed_bytes) {
    const __m256i pairs = _mm256_maddubs_epi16(unsigned_bytes, signed_bytes);
    return _mm256_cvtepi32_ps(_mm256_madd_epi16(_mm256_set1_epi16(1), pairs));
}

MAIA_AVX2_INLINE static inline __m256 products_i8_avx2(__m256i x, __m256i y) {
    return products_us8_avx2(_mm256_sign_epi8(x, x), _mm256_sign_epi8(y, x));
}

MAIA_AVX2 static float dot_q4_0_avx2(const block_q4_0 *x, const block_q8_0 *y, size_t blocks) {
    __m256 acc = _mm256_setzero_ps();
    for (size_t b = 0; b < blocks; b++) {
        const __m256 d = _mm256_set1_ps(_cvtsh_ss(x[b].d) * _cvtsh_ss(y[b].d));
        const __m256i qx = _mm256_sub_epi8(nibbles_avx2(x[b].qs), _mm256_set1_epi8(8));
        const __m256i qy = _mm256_loadu_si256((const __m256i *)y[b].qs);
        acc = _mm256_fmadd_ps(d, products_i8_avx2(qx, qy), acc);
    }
    return hsum8_avx2(acc);
}

MAIA_AVX2 static float dot_q4_1_avx2(const block_q4_1 *x, const block_q8_1 *y, size_t blocks) {
    __m256 acc = _mm256_setzero_ps();
    float summs = 0;
    for (size_t b = 0; b < blocks; b++) {
        summs = fmaf(_cvtsh_ss(x[b].m), _cvtsh_ss(y[b].s), summs);
        const __m256 d = _mm256_set1_ps(_cvtsh_ss(x[b].d) * _cvtsh_ss(y[b].d));
        const __m256i qx = nibbles_avx2(x[b].qs);
        const __m256i qy = _mm256_loadu_si256((const __m256i *)y[b].qs);
        acc = _mm256_fmadd_ps(d, products_us8_avx2(qx, qy), acc);
    }
    return hsum8_avx2(acc) + summs;
}

MAIA_AVX2 static float dot_q8_0_avx2(const block_q8_0 *x, const block_q8_0 *y, size_t blocks) {
    __m256 acc = _mm256_setzero_ps();
    for (size_t b = 0; b < blocks; b++) {
        const __m256 d = _mm256_set1_ps(_cvtsh_ss(x[b].d) * _cvtsh_ss(y[b].d));
        const __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
        const __m256i qy = _mm256_loadu_si256((const __m256i *)y[b].qs);
        acc = _mm256_fmadd_ps(d, products_i8_avx2(qx, qy), acc);
    }
    return hsum8_avx2(acc);
}

// The same exponential as `vexpf` in maia_inference_kernels.c, eight lanes at once (identical results).
MAIA_AVX2_INLINE static inline __m256 vexpf8_avx2(__m256 x) {
    const __m256 r = _mm256_set1_ps(0x1.8p23f);
    const __m256 z = _mm256_fmadd_ps(x, _mm256_set1_ps(0x1.715476p+0f), r);
    const __m256 n = _mm256_sub_ps(z, r);
    const __m256 b = _mm256_fnmadd_ps(n, _mm256_set1_ps(0x1.7f7d1cp-20f),
                                      _mm256_fnmadd_ps(n, _mm256_set1_ps(0x1.62e4p-1f), x));
    const __m256i e = _mm256_slli_epi32(_mm256_castps_si256(z), 23);
    const __m256 k = _mm256_castsi256_ps(_mm256_add_epi32(e, _mm256_castps_si256(_mm256_set1_ps(1))));
    const __m256 absn = _mm256_andnot_ps(_mm256_set1_ps(-0.f), n);
    const __m256i c = _mm256_castps_si256(_mm256_cmp_ps(absn, _mm256_set1_ps(126), _CMP_GT_OQ));
    const __m256 u = _mm256_mul_ps(b, b);
    const __m256 j = _mm256_fmadd_ps(
        _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_set1_ps(0x1.0e4020p-7f), b, _mm256_set1_ps(0x1.573e2ep-5f)), u,
                        _mm256_fmadd_ps(_mm256_set1_ps(0x1.555e66p-3f), b, _mm256_set1_ps(0x1.fffdb6p-2f))),
        u, _mm256_mul_ps(_mm256_set1_ps(0x1.ffffecp-1f), b));
    if (!_mm256_movemask_ps(_mm256_castsi256_ps(c))) return _mm256_fmadd_ps(j, k, k);
    const __m256i g = _mm256_and_si256(_mm256_castps_si256(_mm256_cmp_ps(n, _mm256_setzero_ps(), _CMP_LE_OQ)),
                                       _mm256_set1_epi32((int)0x82000000u));
    const __m256 s1 = _mm256_castsi256_ps(_mm256_add_epi32(g, _mm256_set1_epi32(0x7f000000)));
    const __m256 s2 = _mm256_castsi256_ps(_mm256_sub_epi32(e, g));
    const __m256i d = _mm256_castps_si256(_mm256_cmp_ps(absn, _mm256_set1_ps(192), _CMP_GT_OQ));
    return _mm256_or_ps(
        _mm256_and_ps(_mm256_castsi256_ps(d), _mm256_mul_ps(s1, s1)),
        _mm256_andnot_ps(_mm256_castsi256_ps(d),
                         _mm256_or_ps(_mm256_and_ps(_mm256_castsi256_ps(c), _mm256_mul_ps(_mm256_fmadd_ps(s2, j, s2), s1)),
                                      _mm256_andnot_ps(_mm256_castsi256_ps(c), _mm256_fmadd_ps(k, j, k)))));
}

// exp(scores - max) in place for `count` scores (zero past them up to a multiple of 8), returning the sum as the
// scalar path computes it.
MAIA_AVX2 static double softmax_numerators_avx2(float *scores, size_t count, float max) {
    double sum = 0;
    const size_t rounded = (count + 7) / 8 * 8;
    for (size_t i = count; i < rounded; i++) scores[i] = -INFINITY;
    for (size_t i = 0; i < rounded; i += 8) {
        const __m256 v = vexpf8_avx2(_mm256_sub_ps(_mm256_loadu_ps(scores + i), _mm256_set1_ps(max)));
        _mm256_storeu_ps(scores + i, v);
        sum += (double)hsum8_avx2(v);
    }
    return sum;
}

MAIA_AVX2 static void swiglu_avx2(const float *gate, const float *up, float *y, size_t n) {
    for (size_t i = 0; i + 8 <= n; i += 8) {
        const __m256 x = _mm256_loadu_ps(gate + i);
        const __m256 e = vexpf8_avx2(_mm256_sub_ps(_mm256_setzero_ps(), x));
        const __m256 silu = _mm256_div_ps(x, _mm256_add_ps(_mm256_set1_ps(1), e));
        _mm256_storeu_ps(y + i, _mm256_mul_ps(silu, _mm256_loadu_ps(up + i)));
    }
}

MAIA_AVX2 static void f32_to_f16_avx2(const float *x, uint16_t *out, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        _mm_storeu_si128((__m128i *)(out + i), _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT));
    }
    for (; i < n; i++) out[i] = _cvtss_sh(x[i], _MM_FROUND_TO_NEAREST_INT);
}

// Q8_0 / Q8_1 activation blocks as llama.cpp's AVX2 quantize_row_q8_0/q8_1 computes them, and as quantize_q8_0/q8_1
// do lane by lane: |max| (exact in any order), scale 127 / max, one product per value rounded half to even by
// cvtps (the same rounding as nearbyintf in the default mode), the integer sum exact.
MAIA_AVX2 static void quantize_q8_avx2(const float *x, void *out, size_t n, int with_sum) {
    const size_t block_bytes = with_sum ? sizeof(block_q8_1) : sizeof(block_q8_0);
    const size_t qs_offset = with_sum ? offsetof(block_q8_1, qs) : offsetof(block_q8_0, qs);
    const __m256 sign = _mm256_set1_ps(-0.0f);
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    for (size_t b = 0; b < n / 32; b++) {
        const float *v = x + b * 32;
        uint8_t *block = (uint8_t *)out + b * block_bytes;
        __m256 v0 = _mm256_loadu_ps(v), v1 = _mm256_loadu_ps(v + 8), v2 = _mm256_loadu_ps(v + 16),
               v3 = _mm256_loadu_ps(v + 24);
        __m256 m = _mm256_max_ps(_mm256_andnot_ps(sign, v0), _mm256_andnot_ps(sign, v1));
        m = _mm256_max_ps(m, _mm256_max_ps(_mm256_andnot_ps(sign, v2), _mm256_andnot_ps(sign, v3)));
        __m128 m4 = _mm_max_ps(_mm256_extractf128_ps(m, 1), _mm256_castps256_ps128(m));
        m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
        m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
        const float amax = _mm_cvtss_f32(m4);
        const float d = amax / 127.f;
        const __m256 id = _mm256_set1_ps(amax != 0.0f ? 127.f / amax : 0.0f);
        const __m256i i0 = _mm256_cvtps_epi32(_mm256_mul_ps(v0, id)), i1 = _mm256_cvtps_epi32(_mm256_mul_ps(v1, id)),
                      i2 = _mm256_cvtps_epi32(_mm256_mul_ps(v2, id)), i3 = _mm256_cvtps_epi32(_mm256_mul_ps(v3, id));
        const __m256i bytes = _mm256_permutevar8x32_epi32(
            _mm256_packs_epi16(_mm256_packs_epi32(i0, i1), _mm256_packs_epi32(i2, i3)), order);
        _mm256_storeu_si256((__m256i *)(block + qs_offset), bytes);
        const uint16_t dh = float_to_half(d);
        memcpy(block, &dh, 2);
        if (with_sum) {
            const __m256i s8 = _mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3));
            __m128i s4 = _mm_add_epi32(_mm256_castsi256_si128(s8), _mm256_extracti128_si256(s8, 1));
            s4 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, _MM_SHUFFLE(1, 0, 3, 2)));
            s4 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, _MM_SHUFFLE(2, 3, 0, 1)));
            const uint16_t sh = float_to_half(d * (float)_mm_cvtsi128_si32(s4));
            memcpy(block + 2, &sh, 2);
        }
    }
}

MAIA_AVX2 static float dot_avx2(int type, const void *row, const void *act, size_t n) {
    switch (type) {
    case MAIA_TYPE_Q4_0: return dot_q4_0_avx2(row, act, n / 32);
    case MAIA_TYPE_Q4_1: return dot_q4_1_avx2(row, act, n / 32);
    case MAIA_TYPE_Q8_0: return dot_q8_0_avx2(row, act, n / 32);
    default: return 0; // F16 and F32 rows go through matmul_float
    }
}
// Row r of Q4_1 weights against up to four activation rows at once: each weight block is unpacked once for all of
// them. Every (row, token) pair still accumulates block by block in its own register, so the results are those of
// dot_q4_1_avx2.
MAIA_AVX2 static void matmul_q4_1_avx2(const block_q4_1 *rows, size_t blocks, size_t row_begin, size_t row_end,
                                      const uint8_t *act, size_t act_stride, size_t tokens, float *out,
                                      size_t out_stride) {
    for (size_t t0 = 0; t0 < tokens; t0 += 4) {
        const size_t count = tokens - t0 < 4 ? tokens - t0 : 4;
        const block_q8_1 *y[4];
        for (size_t k = 0; k < 4; k++) y[k] = (const block_q8_1 *)(act + (t0 + (k < count ? k : 0)) * act_stride);
        for (size_t r = row_begin; r < row_end; r++) {
            const block_q4_1 *x = rows + r * blocks;
            __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
            float summs[4] = {0, 0, 0, 0};
            for (size_t b = 0; b < blocks; b++) {
                const float dx = _cvtsh_ss(x[b].d), mx = _cvtsh_ss(x[b].m);
                const __m256i qx = nibbles_avx2(x[b].qs);
                for (size_t k = 0; k < count; k++) {
                    summs[k] = fmaf(mx, _cvtsh_ss(y[k][b].s), summs[k]);
                    const __m256 d = _mm256_set1_ps(dx * _cvtsh_ss(y[k][b].d));
                    const __m256i qy = _mm256_loadu_si256((const __m256i *)y[k][b].qs);
                    acc[k] = _mm256_fmadd_ps(d, products_us8_avx2(qx, qy), acc[k]);
                }
            }
            for (size_t k = 0; k < count; k++) out[(t0 + k) * out_stride + r] = hsum8_avx2(acc[k]) + summs[k];
        }
    }
}

// The same for Q8_0 weights (the token embedding used as the output projection).
MAIA_AVX2 static void matmul_q8_0_avx2(const block_q8_0 *rows, size_t blocks, size_t row_begin, size_t row_end,
                                      const uint8_t *act, size_t act_stride, size_t tokens, float *out,
                                      size_t out_stride) {
    for (size_t t0 = 0; t0 < tokens; t0 += 4) {
        const size_t count = tokens - t0 < 4 ? tokens - t0 : 4;
        const block_q8_0 *y[4];
        for (size_t k = 0; k < 4; k++) y[k] = (const block_q8_0 *)(act + (t0 + (k < count ? k : 0)) * act_stride);
        for (size_t r = row_begin; r < row_end; r++) {
            const block_q8_0 *x = rows + r * blocks;
            __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
            for (size_t b = 0; b < blocks; b++) {
                const float dx = _cvtsh_ss(x[b].d);
                const __m256i qx = _mm256_loadu_si256((const __m256i *)x[b].qs);
                const __m256i ax = _mm256_sign_epi8(qx, qx);
                for (size_t k = 0; k < count; k++) {
                    const __m256 d = _mm256_set1_ps(dx * _cvtsh_ss(y[k][b].d));
                    const __m256i qy = _mm256_loadu_si256((const __m256i *)y[k][b].qs);
                    acc[k] = _mm256_fmadd_ps(d, products_us8_avx2(ax, _mm256_sign_epi8(qy, qx)), acc[k]);
                }
            }
            for (size_t k = 0; k < count; k++) out[(t0 + k) * out_stride + r] = hsum8_avx2(acc[k]);
        }
    }
}
// A row of halves or floats (`half`) · a float row, as dot_f16f32_portable: tinyBLAS<8>'s single accumulator for
// batches of two or more tokens, ggml_vec_dot_f16/_f32's four (joined 0+2, 1+3, 0+1, then the lanes by _mm_hadd_ps)
// for one-token batches.
MAIA_AVX2_INLINE static inline __m256 load8_avx2(const void *x, int half, size_t i) {
    return half ? _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)((const uint16_t *)x + i)))
                : _mm256_loadu_ps((const float *)x + i);
}

MAIA_AVX2_INLINE static inline float dot_f16f32_avx2(const void *x, int half, const float *y, size_t n, int batched) {
    if (batched && n % 8 == 0) {
        __m256 acc = _mm256_setzero_ps();
        for (size_t i = 0; i < n; i += 8) acc = _mm256_fmadd_ps(load8_avx2(x, half, i), _mm256_loadu_ps(y + i), acc);
        return hsum8_avx2(acc);
    }
    __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
    const size_t whole = n / 32 * 32;
    for (size_t i = 0; i < whole; i += 32) {
        for (int a = 0; a < 4; a++) {
            acc[a] = _mm256_fmadd_ps(load8_avx2(x, half, i + a * 8), _mm256_loadu_ps(y + i + a * 8), acc[a]);
        }
    }
    acc[0] = _mm256_add_ps(acc[0], acc[2]);
    acc[1] = _mm256_add_ps(acc[1], acc[3]);
    acc[0] = _mm256_add_ps(acc[0], acc[1]);
    const __m128 t0 = _mm_add_ps(_mm256_castps256_ps128(acc[0]), _mm256_extractf128_ps(acc[0], 1));
    const __m128 t1 = _mm_hadd_ps(t0, t0);
    double sum = _mm_cvtss_f32(_mm_hadd_ps(t1, t1));
    for (size_t i = whole; i < n; i++) {
        const float value = half ? _cvtsh_ss(((const uint16_t *)x)[i]) : ((const float *)x)[i];
        sum += (double)(value * y[i]);
    }
    return (float)sum;
}

// One attention head (see maia_attention) with the same arithmetic as the portable path: the query and the
// probabilities are rounded to halves once and widened once, instead of once per key or per value row.
MAIA_AVX2 static void attention_avx2(const float *query, const uint16_t *keys, size_t key_stride,
                                    const uint16_t *values_t, size_t value_stride, size_t count, size_t head_dim,
                                    float scale, int batched, float *scratch, float *out) {
    const size_t padded = (count + 31) / 32 * 32;
    const size_t reach = batched ? (count + 7) / 8 * 8 : padded;
    float *scores = scratch;
    float *probabilities = scratch + padded;
    float *q = probabilities + padded;
    for (size_t d = 0; d < head_dim; d += 8) {
        const __m128i half = _mm256_cvtps_ph(_mm256_loadu_ps(query + d), _MM_FROUND_TO_NEAREST_INT);
        _mm256_storeu_ps(q + d, _mm256_cvtph_ps(half));
    }
    float max = -INFINITY;
    for (size_t i = 0; i < count; i++) {
        scores[i] = dot_f16f32_avx2(keys + i * key_stride, 1, q, head_dim, batched) * scale;
        if (scores[i] > max) max = scores[i];
    }
    const double sum = softmax_numerators_avx2(scores, count, max);
    const __m256 inverse = _mm256_set1_ps((float)(1.0 / sum));
    const size_t rounded = (count + 7) / 8 * 8;
    for (size_t i = 0; i < rounded; i += 8) {
        const __m128i half = _mm256_cvtps_ph(_mm256_mul_ps(_mm256_loadu_ps(scores + i), inverse),
                                             _MM_FROUND_TO_NEAREST_INT);
        _mm256_storeu_ps(probabilities + i, _mm256_cvtph_ps(half));
    }
    for (size_t i = rounded; i < padded; i++) probabilities[i] = 0;
    for (size_t d = 0; d < head_dim; d++) {
        out[d] = dot_f16f32_avx2(values_t + d * value_stride, 1, probabilities, reach, batched);
    }
}
#else
#define MAIA_HAVE_AVX2_KERNELS 0
#endif
