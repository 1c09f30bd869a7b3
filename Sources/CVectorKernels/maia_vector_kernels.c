#include "maia_vector_kernels.h"

// Swift code in this package is compiled for the x86-64 baseline (SSE2; no unsafe flags), which has no byte
// multiply-add. This file also compiles an AVX2 version and picks it at run time when the CPU has AVX2.

static int32_t query_sum(const int8_t *query, size_t blocks) {
    int32_t sum = 0;
    for (size_t i = 0; i < blocks * 32; i++) sum += query[i];
    return sum;
}

static void dots_portable(const uint8_t *rows, const int8_t *query, size_t blocks, size_t count, int32_t *out) {
    const int32_t offset = 8 * query_sum(query, blocks);
    for (size_t r = 0; r < count; r++) {
        const uint8_t *row = rows + r * blocks * 16;
        int32_t sum = 0;
        for (size_t b = 0; b < blocks; b++) {
            for (size_t j = 0; j < 16; j++) {
                const uint8_t byte = row[b * 16 + j];
                sum += (int32_t)(byte & 0x0F) * query[b * 32 + j] + (int32_t)(byte >> 4) * query[b * 32 + j + 16];
            }
        }
        out[r] = sum - offset;
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

__attribute__((target("avx2"))) static void dots_avx2(
    const uint8_t *rows, const int8_t *query, size_t blocks, size_t count, int32_t *out) {
    const int32_t offset = 8 * query_sum(query, blocks);
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m256i ones = _mm256_set1_epi16(1);
    for (size_t r = 0; r < count; r++) {
        const uint8_t *row = rows + r * blocks * 16;
        __m256i acc = _mm256_setzero_si256();
        for (size_t b = 0; b < blocks; b++) {
            __m128i packed = _mm_loadu_si128((const __m128i *)(row + b * 16));
            __m128i low = _mm_and_si128(packed, nibble);
            __m128i high = _mm_and_si128(_mm_srli_epi16(packed, 4), nibble);
            __m256i codes = _mm256_inserti128_si256(_mm256_castsi128_si256(low), high, 1);
            __m256i q = _mm256_loadu_si256((const __m256i *)(query + b * 32));
            // Unsigned codes (0...15) times signed query bytes: pairs fit in int16 without saturating.
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_maddubs_epi16(codes, q), ones));
        }
        __m128i sum = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
        sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0x4E));
        sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0xB1));
        out[r] = _mm_cvtsi128_si32(sum) - offset;
    }
}

void maia_int4_dots(const uint8_t *rows, const int8_t *query, size_t blocks, size_t count, int32_t *out) {
    if (__builtin_cpu_supports("avx2")) {
        dots_avx2(rows, query, blocks, count, out);
    } else {
        dots_portable(rows, query, blocks, count, out);
    }
}
#else
void maia_int4_dots(const uint8_t *rows, const int8_t *query, size_t blocks, size_t count, int32_t *out) {
    dots_portable(rows, query, blocks, count, out);
}
#endif
