// AVX-512 versions of the attention and SwiGLU kernels, included by maia_inference_kernels.c only.
//
// llama.cpp is compiled for the machine it runs on (GGML_NATIVE), and on a CPU with AVX-512F and -DQ ggml takes
// other code paths than on an AVX2 one: a 16-lane exponential that folds the polynomial's 1 in and scales with
// `vscalefps`, softmax sums of 16 lanes, f16 dot products of 16 lanes (four accumulators in `ggml_vec_dot_f16`, one
// in llamafile's tinyBLAS). Greedy decoding must round like the reference on the same machine, so these kernels
// reproduce those paths operation for operation (ggml 0.25.3: vec.h, vec.cpp, simd-mappings.h, llamafile/sgemm.cpp).
#if MAIA_HAVE_AVX2_KERNELS
#define MAIA_HAVE_AVX512_KERNELS 1

#define MAIA_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma,f16c")))
#define MAIA_AVX512_INLINE __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma,f16c"), always_inline))

// `_mm512_reduce_add_ps` as GCC expands it (the build llama.cpp's setup compiles): lanes i and i + 8, then i and
// i + 4, then i and i + 2, then 0 and 1. Written out so that no compiler may reassociate it differently.
MAIA_AVX512_INLINE static inline float reduce16_avx512(__m512 x) {
    const __m256 a = _mm256_add_ps(_mm512_castps512_ps256(x), _mm512_extractf32x8_ps(x, 1));
    const __m128 b = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    const __m128 c = _mm_add_ps(b, _mm_movehl_ps(b, b));
    return _mm_cvtss_f32(_mm_add_ss(c, _mm_movehdup_ps(c)));
}

// ggml_v_expf for AVX-512 (vec.h): unlike the AVX2 version, the polynomial includes its constant 1 and the power
// of two is applied with scalef, so the results differ in the last bit for some inputs.
MAIA_AVX512_INLINE static inline __m512 vexpf16_avx512(__m512 x) {
    const __m512 r = _mm512_set1_ps(0x1.8p23f);
    const __m512 z = _mm512_fmadd_ps(x, _mm512_set1_ps(0x1.715476p+0f), r);
    const __m512 n = _mm512_sub_ps(z, r);
    const __m512 b = _mm512_fnmadd_ps(n, _mm512_set1_ps(0x1.7f7d1cp-20f),
                                      _mm512_fnmadd_ps(n, _mm512_set1_ps(0x1.62e4p-1f), x));
    const __mmask16 d = _mm512_cmp_ps_mask(_mm512_abs_ps(n), _mm512_set1_ps(192), _CMP_GT_OQ);
    const __m512 u = _mm512_mul_ps(b, b);
    const __m512 j = _mm512_fmadd_ps(
        _mm512_fmadd_ps(_mm512_fmadd_ps(_mm512_set1_ps(0x1.0e4020p-7f), b, _mm512_set1_ps(0x1.573e2ep-5f)), u,
                        _mm512_fmadd_ps(_mm512_set1_ps(0x1.555e66p-3f), b, _mm512_set1_ps(0x1.fffdb6p-2f))),
        u, _mm512_fmadd_ps(_mm512_set1_ps(0x1.ffffecp-1f), b, _mm512_set1_ps(1.0f)));
    const __m512 res = _mm512_scalef_ps(j, n);
    if (_mm512_kortestz(d, d)) return res;
    const __m512 zero = _mm512_setzero_ps();
    const __m512 alt = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(n, zero, _CMP_LE_OQ), _mm512_set1_ps(INFINITY), zero);
    return _mm512_mask_blend_ps(d, res, alt);
}

MAIA_AVX512 static void swiglu_avx512(const float *gate, const float *up, float *y, size_t n) {
    for (size_t i = 0; i + 16 <= n; i += 16) {
        const __m512 x = _mm512_loadu_ps(gate + i);
        const __m512 e = vexpf16_avx512(_mm512_sub_ps(_mm512_setzero_ps(), x));
        const __m512 silu = _mm512_div_ps(x, _mm512_add_ps(_mm512_set1_ps(1), e));
        _mm512_storeu_ps(y + i, _mm512_mul_ps(silu, _mm512_loadu_ps(up + i)));
    }
}

// A row of halves or floats (`half`) · a float row, `n` a multiple of 16: llamafile's tinyBLAS<16> (one
// accumulator), which llama.cpp uses for f16 and f32 products when the batch has two or more tokens.
MAIA_AVX512_INLINE static inline __m512 load16_avx512(const void *x, int half, size_t i) {
    return half ? _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)((const uint16_t *)x + i)))
                : _mm512_loadu_ps((const float *)x + i);
}

MAIA_AVX512_INLINE static inline float dot_f16_single_avx512(const void *x, int half, const float *y, size_t n) {
    __m512 acc = _mm512_setzero_ps();
    for (size_t i = 0; i < n; i += 16) acc = _mm512_fmadd_ps(load16_avx512(x, half, i), _mm512_loadu_ps(y + i), acc);
    return reduce16_avx512(acc);
}

// The same with ggml_vec_dot_f16/_f32's four accumulators over steps of 64, joined 0+2, 1+3, 0+1 (one-token
// batches). `n` a multiple of 64.
MAIA_AVX512_INLINE static inline float dot_f16_wide_avx512(const void *x, int half, const float *y, size_t n) {
    __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    for (size_t i = 0; i < n; i += 64) {
        for (int a = 0; a < 4; a++) {
            acc[a] = _mm512_fmadd_ps(load16_avx512(x, half, i + a * 16), _mm512_loadu_ps(y + i + a * 16), acc[a]);
        }
    }
    acc[0] = _mm512_add_ps(acc[0], acc[2]);
    acc[1] = _mm512_add_ps(acc[1], acc[3]);
    return reduce16_avx512(_mm512_add_ps(acc[0], acc[1]));
}

MAIA_AVX512_INLINE static inline float dot_f16_avx512(const void *x, int half, const float *y, size_t n, int batched) {
    return batched ? dot_f16_single_avx512(x, half, y, n) : dot_f16_wide_avx512(x, half, y, n);
}

// One attention head as the AVX-512 build of llama.cpp computes it without flash attention (see maia_attention).
MAIA_AVX512 static void attention_avx512(const float *query, const uint16_t *keys, size_t key_stride,
                                        const uint16_t *values_t, size_t value_stride, size_t count, size_t head_dim,
                                        float scale, int batched, float *scratch, float *out) {
    // Zero-padded probabilities: 16 lanes for tinyBLAS, 64 for ggml_vec_dot_f16's four accumulators.
    const size_t padded = (count + 63) / 64 * 64;
    const size_t reach = batched ? (count + 15) / 16 * 16 : padded;
    float *scores = scratch;
    float *probabilities = scratch + padded;
    float *q = probabilities + padded;
    for (size_t d = 0; d < head_dim; d += 16) {
        const __m256i half = _mm512_cvtps_ph(_mm512_loadu_ps(query + d), _MM_FROUND_TO_NEAREST_INT);
        _mm512_storeu_ps(q + d, _mm512_cvtph_ps(half));
    }
    float max = -INFINITY;
    for (size_t i = 0; i < count; i++) {
        scores[i] = dot_f16_avx512(keys + i * key_stride, 1, q, head_dim, batched) * scale;
        if (scores[i] > max) max = scores[i];
    }
    // ggml_vec_soft_max_f32: 16 at a time, each group summed in float before joining the double total.
    const size_t rounded = (count + 15) / 16 * 16;
    for (size_t i = count; i < rounded; i++) scores[i] = -INFINITY;
    double sum = 0;
    for (size_t i = 0; i < rounded; i += 16) {
        const __m512 v = vexpf16_avx512(_mm512_sub_ps(_mm512_loadu_ps(scores + i), _mm512_set1_ps(max)));
        _mm512_storeu_ps(scores + i, v);
        sum += (double)reduce16_avx512(v);
    }
    const __m512 inverse = _mm512_set1_ps((float)(1.0 / sum));
    for (size_t i = 0; i < rounded; i += 16) {
        const __m256i half = _mm512_cvtps_ph(_mm512_mul_ps(_mm512_loadu_ps(scores + i), inverse),
                                             _MM_FROUND_TO_NEAREST_INT);
        _mm512_storeu_ps(probabilities + i, _mm512_cvtph_ps(half));
    }
    for (size_t i = rounded; i < padded; i++) probabilities[i] = 0;
    for (size_t d = 0; d < head_dim; d++) {
        out[d] = dot_f16_avx512(values_t + d * value_stride, 1, probabilities, reach, batched);
    }
}
#else
#define MAIA_HAVE_AVX512_KERNELS 0
#endif
