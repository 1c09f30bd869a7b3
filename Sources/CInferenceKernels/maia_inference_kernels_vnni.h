// The Q4_1 · Q8_1 product for batches of tokens with AVX-512 VNNI, included by maia_inference_kernels.c only.
//
// llama.cpp computes each (weight row, token) product on its own (ggml_vec_dot_q4_1_q8_1): per block, 8 lanes of
// four byte products summed as integers, converted to float, and accumulated with fma(d_x * d_y, lane, acc); then
// the 8 lanes are summed (hsum_float_8) and the minimums' term added. The integer sums are exact however they are
// formed, and each lane's float operations only depend on that lane, so two (row, token) products can share one
// 16-lane register: lanes 0-7 for one token, 8-15 for the next. This kernel does exactly that, for 4 weight rows ×
// 8 tokens at a time, unpacking each weight block once for 8 tokens and reading each activation block once for 4
// rows; `vpdpbusd` forms the four-product sums in one instruction. Every lane sees the same operations in the same
// order as in dot_q4_1_avx2, so the results are those of llama.cpp to the last bit.
#if MAIA_HAVE_AVX2_KERNELS
#define MAIA_HAVE_VNNI_KERNELS 1
#include <stdlib.h>

#define MAIA_VNNI __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx512vnni,avx2,fma,f16c")))
#define MAIA_VNNI_INLINE \
    __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx512vnni,avx2,fma,f16c"), always_inline))

enum { VNNI_TOKENS = 8, VNNI_ROWS = 4 };

// One block of a pair of tokens: their 32 quantised values each, and the scales d_y spread over the lanes that
// belong to each token (8 × token A, 8 × token B).
typedef struct {
    int8_t qs[64];
    float d[16];
} q8_1_pair_block;

// Reorders `count` (≤ 8) activation rows of Q8_1 blocks into pairs, block by block; a lone last token is paired
// with itself (its second half is computed and dropped). `sums[b * 8 + t]` is token t's d_y · Σq of block b.
MAIA_VNNI static void pack_q8_1_pairs(const uint8_t *act, size_t act_stride, size_t count, size_t blocks,
                                      q8_1_pair_block *pairs, float *sums) {
    const size_t pair_count = (count + 1) / 2;
    for (size_t b = 0; b < blocks; b++) {
        for (size_t p = 0; p < pair_count; p++) {
            const size_t second = 2 * p + 1 < count ? 2 * p + 1 : 2 * p;
            const block_q8_1 *ya = (const block_q8_1 *)(act + 2 * p * act_stride) + b;
            const block_q8_1 *yb = (const block_q8_1 *)(act + second * act_stride) + b;
            q8_1_pair_block *out = pairs + b * pair_count + p;
            const __m512i qs = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)ya->qs)),
                                                  _mm256_loadu_si256((const __m256i *)yb->qs), 1);
            _mm512_store_si512((__m512i *)out->qs, qs);
            const __m512 d = _mm512_insertf32x8(_mm512_set1_ps(_cvtsh_ss(ya->d)), _mm256_set1_ps(_cvtsh_ss(yb->d)), 1);
            _mm512_store_ps(out->d, d);
        }
        for (size_t t = 0; t < VNNI_TOKENS; t++) {
            sums[b * VNNI_TOKENS + t] = t < count ? _cvtsh_ss(((const block_q8_1 *)(act + t * act_stride))[b].s) : 0;
        }
    }
}

// hsum8_avx2 on each half of `acc`.
MAIA_VNNI_INLINE static inline void halves_sum_vnni(__m512 acc, float *first, float *second) {
    *first = hsum8_avx2(_mm512_castps512_ps256(acc));
    *second = hsum8_avx2(_mm512_extractf32x8_ps(acc, 1));
}

// `rows_in_tile` (1 or 4) weight rows from `r0` × `pair_count` (1...4) pairs of packed tokens. Inlined with
// constant tile sizes, so that the accumulators stay in registers.
MAIA_VNNI_INLINE static inline void q4_1_tile_vnni(const block_q4_1 *rows, size_t blocks, size_t r0,
                                                   const int rows_in_tile, const int pair_count,
                                                   const q8_1_pair_block *pairs, const float *sums, size_t count,
                                                   float *out, size_t out_stride) {
    __m512 acc[VNNI_ROWS][VNNI_TOKENS / 2];
    __m256 summs[VNNI_ROWS];
    // Fully unrolled (the counts are constants after inlining), so that the accumulators live in registers.
#pragma clang loop unroll(full)
    for (int r = 0; r < rows_in_tile; r++) {
        summs[r] = _mm256_setzero_ps();
#pragma clang loop unroll(full)
        for (int p = 0; p < pair_count; p++) acc[r][p] = _mm512_setzero_ps();
    }
    const __m512i low_nibbles = _mm512_set1_epi8(0x0F);
    for (size_t b = 0; b < blocks; b++) {
        const __m256 s = _mm256_load_ps(sums + b * VNNI_TOKENS);
#pragma clang loop unroll(full)
        for (int r = 0; r < rows_in_tile; r++) {
            const block_q4_1 *x = rows + (r0 + r) * blocks + b;
            // [low nibbles, high nibbles] in each 256-bit half: the 32 codes of the block, for both tokens.
            const __m512i packed = _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)x->qs));
            const __m512i codes =
                _mm512_and_si512(_mm512_mask_blend_epi64(0xCC, packed, _mm512_srli_epi16(packed, 4)), low_nibbles);
            // ggml: summs += m_x * s_y (fused by GCC), per token.
            summs[r] = _mm256_fmadd_ps(_mm256_set1_ps(_cvtsh_ss(x->m)), s, summs[r]);
            const __m512 dx = _mm512_set1_ps(_cvtsh_ss(x->d));
#pragma clang loop unroll(full)
            for (int p = 0; p < pair_count; p++) {
                const q8_1_pair_block *y = pairs + b * pair_count + p;
                const __m512 d = _mm512_mul_ps(dx, _mm512_load_ps(y->d));
                const __m512i lanes =
                    _mm512_dpbusd_epi32(_mm512_setzero_si512(), codes, _mm512_load_si512((const __m512i *)y->qs));
                acc[r][p] = _mm512_fmadd_ps(d, _mm512_cvtepi32_ps(lanes), acc[r][p]);
            }
        }
    }
    for (int r = 0; r < rows_in_tile; r++) {
        float minimums[VNNI_TOKENS];
        _mm256_storeu_ps(minimums, summs[r]);
        for (int p = 0; p < pair_count; p++) {
            float first, second;
            halves_sum_vnni(acc[r][p], &first, &second);
            out[2 * p * out_stride + r0 + r] = first + minimums[2 * p];
            if (2 * (size_t)p + 1 < count) out[(2 * p + 1) * out_stride + r0 + r] = second + minimums[2 * p + 1];
        }
    }
}

#define MAIA_Q4_1_ROWS_VNNI(pair_count)                                                                           \
    do {                                                                                                          \
        size_t r = row_begin;                                                                                     \
        for (; r + VNNI_ROWS <= row_end; r += VNNI_ROWS) {                                                        \
            q4_1_tile_vnni(rows, blocks, r, VNNI_ROWS, pair_count, pairs, sums, count, tile_out, out_stride);      \
        }                                                                                                         \
        for (; r < row_end; r++) q4_1_tile_vnni(rows, blocks, r, 1, pair_count, pairs, sums, count, tile_out, out_stride); \
    } while (0)

// Returns 0 (nothing written) when the scratch cannot be allocated; the caller then takes the AVX2 kernel.
MAIA_VNNI static int matmul_q4_1_vnni(const block_q4_1 *rows, size_t blocks, size_t row_begin, size_t row_end,
                                      const uint8_t *act, size_t act_stride, size_t tokens, float *out,
                                      size_t out_stride) {
    q8_1_pair_block *pairs = aligned_alloc(64, blocks * (VNNI_TOKENS / 2) * sizeof(q8_1_pair_block));
    float *sums = aligned_alloc(64, (blocks * VNNI_TOKENS * sizeof(float) + 63) / 64 * 64);
    if (!pairs || !sums) {
        free(pairs);
        free(sums);
        return 0;
    }
    for (size_t t0 = 0; t0 < tokens; t0 += VNNI_TOKENS) {
        const size_t count = tokens - t0 < VNNI_TOKENS ? tokens - t0 : VNNI_TOKENS;
        pack_q8_1_pairs(act + t0 * act_stride, act_stride, count, blocks, pairs, sums);
        float *tile_out = out + t0 * out_stride;
        switch ((count + 1) / 2) {
        case 4: MAIA_Q4_1_ROWS_VNNI(4); break;
        case 3: MAIA_Q4_1_ROWS_VNNI(3); break;
        case 2: MAIA_Q4_1_ROWS_VNNI(2); break;
        default: MAIA_Q4_1_ROWS_VNNI(1); break;
        }
    }
    free(pairs);
    free(sums);
    return 1;
}
#else
#define MAIA_HAVE_VNNI_KERNELS 0
#endif
