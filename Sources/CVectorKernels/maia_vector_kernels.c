#include "maia_vector_kernels.h"

// Swift code in this package is compiled for the x86-64 baseline (SSE2; no unsafe flags), where an int8 dot
// product has no multiply-add instruction. This file compiles an AVX2 version alongside the portable one and picks
// it at run time when the CPU has AVX2, which makes the scan memory-bound instead of compute-bound.

static void dots_portable(const int8_t *rows, const int8_t *query, size_t dimensions, size_t count, int32_t *out) {
    for (size_t r = 0; r < count; r++) {
        const int8_t *row = rows + r * dimensions;
        int32_t sum = 0;
        for (size_t i = 0; i < dimensions; i++) sum += (int32_t)row[i] * (int32_t)query[i];
        out[r] = sum;
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

__attribute__((target("avx2"))) static void dots_avx2(
    const int8_t *rows, const int8_t *query, size_t dimensions, size_t count, int32_t *out) {
    const size_t whole = dimensions / 32 * 32;
    const __m256i ones = _mm256_set1_epi16(1);
    for (size_t r = 0; r < count; r++) {
        const int8_t *row = rows + r * dimensions;
        __m256i acc = _mm256_setzero_si256();
        for (size_t i = 0; i < whole; i += 32) {
            __m256i x = _mm256_loadu_si256((const __m256i *)(row + i));
            __m256i y = _mm256_loadu_si256((const __m256i *)(query + i));
            // maddubs multiplies unsigned by signed bytes: |x| times y with x's sign moved onto y.
            __m256i pairs = _mm256_maddubs_epi16(_mm256_sign_epi8(x, x), _mm256_sign_epi8(y, x));
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(pairs, ones));
        }
        __m128i sum = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
        sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0x4E));
        sum = _mm_add_epi32(sum, _mm_shuffle_epi32(sum, 0xB1));
        int32_t total = _mm_cvtsi128_si32(sum);
        for (size_t i = whole; i < dimensions; i++) total += (int32_t)row[i] * (int32_t)query[i];
        out[r] = total;
    }
}

void maia_int8_dots(const int8_t *rows, const int8_t *query, size_t dimensions, size_t count, int32_t *out) {
    if (__builtin_cpu_supports("avx2")) {
        dots_avx2(rows, query, dimensions, count, out);
    } else {
        dots_portable(rows, query, dimensions, count, out);
    }
}
#else
void maia_int8_dots(const int8_t *rows, const int8_t *query, size_t dimensions, size_t count, int32_t *out) {
    dots_portable(rows, query, dimensions, count, out);
}
#endif
