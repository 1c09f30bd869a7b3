// Attention for a batch of query rows with AVX-512, included by maia_inference_kernels.c only.
//
// llama.cpp (AVX-512 build, batches of two or more tokens) computes K·q and V·p with llamafile's tinyBLAS<16>: one
// 16-lane accumulator per output, reduced like GCC expands _mm512_reduce_add_ps. attention_avx512 does that one
// query at a time; this kernel does the same operations for all the query heads that share a key/value head (GQA)
// and a few consecutive rows at once, so that each key and value chunk is widened from half once for all of them,
// and sums 16 keys' accumulators with one transposed reduction that adds the same pairs in the same tree.
#if MAIA_HAVE_AVX512_KERNELS

enum { ROWS_MAX_QUERIES = 8, ROWS_MAX_HEAD = 128 };

// v[k] = reduce16_avx512(a[k]) for 16 accumulators: lanes i + i+8, then i + i+4, i + i+2, 0 + 1, as in
// reduce16_avx512, but four registers' reductions share each shuffle and add.
MAIA_AVX512_INLINE static inline __m512 reduce16x16_avx512(const __m512 *a) {
    __m512 b[8], c[4], d[2];
    for (int k = 0; k < 8; k++) {
        // Lanes 0-7: key k's x_i + x_{i+8}; lanes 8-15: key k + 8's.
        b[k] = _mm512_add_ps(_mm512_shuffle_f32x4(a[k], a[k + 8], 0x44), _mm512_shuffle_f32x4(a[k], a[k + 8], 0xEE));
    }
    for (int k = 0; k < 4; k++) {
        // Quarters: keys k, k + 8, k + 4, k + 12, each with its four sums x_i + x_{i+4}.
        c[k] = _mm512_add_ps(_mm512_shuffle_f32x4(b[k], b[k + 4], 0x88), _mm512_shuffle_f32x4(b[k], b[k + 4], 0xDD));
    }
    for (int k = 0; k < 2; k++) {
        // Per quarter: lanes 0-1 the two sums of c[k]'s key, lanes 2-3 those of c[k + 2]'s.
        d[k] = _mm512_add_ps(_mm512_shuffle_ps(c[k], c[k + 2], _MM_SHUFFLE(1, 0, 1, 0)),
                             _mm512_shuffle_ps(c[k], c[k + 2], _MM_SHUFFLE(3, 2, 3, 2)));
    }
    const __m512 e = _mm512_add_ps(_mm512_shuffle_ps(d[0], d[1], _MM_SHUFFLE(2, 0, 2, 0)),
                                   _mm512_shuffle_ps(d[0], d[1], _MM_SHUFFLE(3, 1, 3, 1)));
    // e holds keys 0 2 1 3 | 8 10 9 11 | 4 6 5 7 | 12 14 13 15.
    return _mm512_permutexvar_ps(_mm512_setr_epi32(0, 2, 1, 3, 8, 10, 9, 11, 4, 6, 5, 7, 12, 14, 13, 15), e);
}

// V·p for `queries` (a constant after inlining) probability rows, two value rows at a time: each value chunk is
// widened once for every query. One accumulator per output over chunks of 16 positions (tinyBLAS<16>).
MAIA_AVX512_INLINE static inline void attention_values_avx512(const int queries, const uint16_t *values_t,
                                                              size_t value_stride, size_t head_dim,
                                                              const float *probabilities, size_t padded, size_t reach,
                                                              float *const *out) {
    for (size_t d = 0; d < head_dim; d += 2) {
        __m512 acc[ROWS_MAX_QUERIES][2];
#pragma clang loop unroll(full)
        for (int m = 0; m < queries; m++) acc[m][0] = acc[m][1] = _mm512_setzero_ps();
        const uint16_t *v0 = values_t + d * value_stride, *v1 = v0 + value_stride;
        for (size_t i = 0; i < reach; i += 16) {
            const __m512 a0 = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(v0 + i)));
            const __m512 a1 = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(v1 + i)));
#pragma clang loop unroll(full)
            for (int m = 0; m < queries; m++) {
                const __m512 p = _mm512_loadu_ps(probabilities + m * padded + i);
                acc[m][0] = _mm512_fmadd_ps(a0, p, acc[m][0]);
                acc[m][1] = _mm512_fmadd_ps(a1, p, acc[m][1]);
            }
        }
#pragma clang loop unroll(full)
        for (int m = 0; m < queries; m++) {
            out[m][d] = reduce16_avx512(acc[m][0]);
            out[m][d + 1] = reduce16_avx512(acc[m][1]);
        }
    }
}

// `rows` (≤ ROWS_MAX_QUERIES / group) consecutive query rows × `group` heads sharing one key/value head; row r sees
// `first_count + r` positions. Queries and outputs: head h of row r at `r * row_stride + h * head_dim`.
MAIA_AVX512 static void attention_rows_avx512(const float *query, size_t row_stride, size_t group, size_t rows,
                                             const uint16_t *keys, size_t key_stride, const uint16_t *values_t,
                                             size_t value_stride, size_t first_count, size_t head_dim, float scale,
                                             float *scratch, float *out) {
    const size_t queries = group * rows;
    const size_t n = first_count + rows - 1;
    const size_t padded = (n + 15) / 16 * 16;
    const size_t chunks = head_dim / 16;
    float *widened = scratch;                            // 16 keys × head_dim
    float *q = widened + 16 * head_dim;                  // queries × head_dim, rounded to half
    float *scores = q + ROWS_MAX_QUERIES * head_dim;     // queries × padded
    float *probabilities = scores + ROWS_MAX_QUERIES * padded;  // queries × padded
    float *outputs[ROWS_MAX_QUERIES];
    for (size_t m = 0; m < queries; m++) {
        const size_t offset = m / group * row_stride + m % group * head_dim;
        outputs[m] = out + offset;
        for (size_t c = 0; c < chunks; c++) {
            const __m256i half = _mm512_cvtps_ph(_mm512_loadu_ps(query + offset + 16 * c), _MM_FROUND_TO_NEAREST_INT);
            _mm512_storeu_ps(q + m * head_dim + 16 * c, _mm512_cvtph_ps(half));
        }
    }
    // Scores, 16 keys at a time: the keys widened once, then each query's 16 dot products reduced together.
    for (size_t k0 = 0; k0 < n; k0 += 16) {
        const size_t present = n - k0 < 16 ? n - k0 : 16;
        for (size_t j = 0; j < 16; j++) {
            for (size_t c = 0; c < chunks; c++) {
                const __m512 k = j < present ? _mm512_cvtph_ps(_mm256_loadu_si256(
                                                   (const __m256i *)(keys + (k0 + j) * key_stride + 16 * c)))
                                             : _mm512_setzero_ps();
                _mm512_storeu_ps(widened + j * head_dim + 16 * c, k);
            }
        }
        for (size_t m = 0; m < queries; m++) {
            __m512 acc[16];
#pragma clang loop unroll(full)
            for (int j = 0; j < 16; j++) acc[j] = _mm512_setzero_ps();
            for (size_t c = 0; c < chunks; c++) {
                const __m512 qc = _mm512_loadu_ps(q + m * head_dim + 16 * c);
#pragma clang loop unroll(full)
                for (int j = 0; j < 16; j++) {
                    acc[j] = _mm512_fmadd_ps(_mm512_loadu_ps(widened + j * head_dim + 16 * c), qc, acc[j]);
                }
            }
            _mm512_storeu_ps(scores + m * padded + k0, _mm512_mul_ps(reduce16x16_avx512(acc), _mm512_set1_ps(scale)));
        }
    }
    // Softmax per query over its own positions, as attention_avx512 (the others are masked, as llama.cpp's mask
    // does: exp(-inf) = 0); probabilities past them are zero up to the batch's reach.
    for (size_t m = 0; m < queries; m++) {
        float *s = scores + m * padded;
        float *p = probabilities + m * padded;
        const size_t count = first_count + m / group;
        const size_t rounded = (count + 15) / 16 * 16;
        for (size_t i = count; i < rounded; i++) s[i] = -INFINITY;
        __m512 top = _mm512_set1_ps(-INFINITY);
        for (size_t i = 0; i < rounded; i += 16) top = _mm512_max_ps(top, _mm512_loadu_ps(s + i));
        const __m512 max = _mm512_set1_ps(_mm512_reduce_max_ps(top));
        double sum = 0;
        for (size_t i = 0; i < rounded; i += 16) {
            const __m512 v = vexpf16_avx512(_mm512_sub_ps(_mm512_loadu_ps(s + i), max));
            _mm512_storeu_ps(s + i, v);
            sum += (double)reduce16_avx512(v);
        }
        const __m512 inverse = _mm512_set1_ps((float)(1.0 / sum));
        for (size_t i = 0; i < rounded; i += 16) {
            const __m256i half = _mm512_cvtps_ph(_mm512_mul_ps(_mm512_loadu_ps(s + i), inverse),
                                                 _MM_FROUND_TO_NEAREST_INT);
            _mm512_storeu_ps(p + i, _mm512_cvtph_ps(half));
        }
        for (size_t i = rounded; i < padded; i++) p[i] = 0;
    }
    // A probability of zero adds nothing (the accumulator starts at +0 and never becomes -0), so every query runs
    // to the last row's reach.
    switch (queries) {
#define MAIA_VALUES_CASE(count) \
    case count: attention_values_avx512(count, values_t, value_stride, head_dim, probabilities, padded, padded, outputs); break;
        MAIA_VALUES_CASE(1)
        MAIA_VALUES_CASE(2)
        MAIA_VALUES_CASE(3)
        MAIA_VALUES_CASE(4)
        MAIA_VALUES_CASE(5)
        MAIA_VALUES_CASE(6)
        MAIA_VALUES_CASE(7)
        MAIA_VALUES_CASE(8)
#undef MAIA_VALUES_CASE
    default: break;
    }
}
#endif
