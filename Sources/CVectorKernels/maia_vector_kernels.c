#include "maia_vector_kernels.h"

// Swift code in this package is compiled for the x86-64 baseline (SSE2; no unsafe flags), which has no byte
// multiply-add. This file also compiles AVX2 and AVX-512 VNNI versions and picks one at run time.

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
#include <string.h>

// Up to 4,096 dimensions; wider queries take the AVX2 loop (the split query is kept on the stack).
enum { MAX_VNNI_BLOCKS = 128 };

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

#define MAIA_VNNI512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni,avx2")))

// One row's sums of code × query, in 16 int32 lanes. Four blocks at a time: the low nibbles of 64 bytes are the first
// 16 dimensions of each of four blocks, so the query is split once into those dimensions (`low_query`) and the
// others (`high_query`), and VNNI multiplies and adds unsigned codes by signed query bytes into int32 in one step.
MAIA_VNNI512 static inline __attribute__((always_inline)) __m512i row_sums_vnni512(
    const uint8_t *row, const int8_t *low_query, const int8_t *high_query, size_t blocks) {
    const __m512i nibble = _mm512_set1_epi8(0x0F);
    __m512i acc = _mm512_setzero_si512();
    size_t b = 0;
    for (; b + 4 <= blocks; b += 4) {
        const __m512i packed = _mm512_loadu_si512((const void *)(row + b * 16));
        acc = _mm512_dpbusd_epi32(acc, _mm512_and_si512(packed, nibble),
                                  _mm512_loadu_si512((const void *)(low_query + b * 16)));
        acc = _mm512_dpbusd_epi32(acc, _mm512_and_si512(_mm512_srli_epi16(packed, 4), nibble),
                                  _mm512_loadu_si512((const void *)(high_query + b * 16)));
    }
    __m128i tail = _mm_setzero_si128();
    for (; b < blocks; b++) {
        const __m128i packed = _mm_loadu_si128((const __m128i *)(row + b * 16));
        const __m128i low_nibble = _mm512_castsi512_si128(nibble);
        tail = _mm_dpbusd_epi32(tail, _mm_and_si128(packed, low_nibble),
                                _mm_loadu_si128((const __m128i *)(low_query + b * 16)));
        tail = _mm_dpbusd_epi32(tail, _mm_and_si128(_mm_srli_epi16(packed, 4), low_nibble),
                                _mm_loadu_si128((const __m128i *)(high_query + b * 16)));
    }
    return _mm512_add_epi32(acc, _mm512_zextsi128_si512(tail));
}

MAIA_VNNI512 static inline __m256i folded_vnni512(__m512i sums) {
    return _mm256_add_epi32(_mm512_castsi512_si256(sums), _mm512_extracti64x4_epi64(sums, 1));
}

// Rows four at a time, so that their horizontal sums share one reduction (it cost as much as a 384-d row's
// products). 150K rows of 384 dimensions: ~1.25 ms against ~1.8 ms for dots_avx2 (docs/storage.md).
MAIA_VNNI512 static void dots_vnni512(
    const uint8_t *rows, const int8_t *query, size_t blocks, size_t count, int32_t *out) {
    const int32_t offset = 8 * query_sum(query, blocks);
    int8_t low_query[MAX_VNNI_BLOCKS * 16], high_query[MAX_VNNI_BLOCKS * 16];
    for (size_t b = 0; b < blocks; b++) {
        memcpy(low_query + b * 16, query + b * 32, 16);
        memcpy(high_query + b * 16, query + b * 32 + 16, 16);
    }
    const size_t stride = blocks * 16;
    size_t r = 0;
    for (; r + 4 <= count; r += 4) {
        const uint8_t *row = rows + r * stride;
        const __m256i s0 = folded_vnni512(row_sums_vnni512(row, low_query, high_query, blocks));
        const __m256i s1 = folded_vnni512(row_sums_vnni512(row + stride, low_query, high_query, blocks));
        const __m256i s2 = folded_vnni512(row_sums_vnni512(row + 2 * stride, low_query, high_query, blocks));
        const __m256i s3 = folded_vnni512(row_sums_vnni512(row + 3 * stride, low_query, high_query, blocks));
        const __m256i pairs = _mm256_hadd_epi32(_mm256_hadd_epi32(s0, s1), _mm256_hadd_epi32(s2, s3));
        const __m128i sums = _mm_add_epi32(_mm256_castsi256_si128(pairs), _mm256_extracti128_si256(pairs, 1));
        _mm_storeu_si128((__m128i *)(out + r), _mm_sub_epi32(sums, _mm_set1_epi32(offset)));
    }
    for (; r < count; r++) {
        out[r] = _mm512_reduce_add_epi32(row_sums_vnni512(rows + r * stride, low_query, high_query, blocks)) - offset;
    }
}

static int detected_level(void) {
    static int detected = -1;
    if (detected < 0) {
        int level = 0;
        if (__builtin_cpu_supports("avx2")) {
            level = 1;
            if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni")) {
                level = 2;
            }
        }
        detected = level;
    }
    return detected;
}
#else
static int detected_level(void) { return 0; }
#endif

static _Thread_local int level_limit = 2;

int maia_int4_kernel_level(void) {
    const int detected = detected_level();
    return detected < level_limit ? detected : level_limit;
}

int maia_int4_limit_kernel_level(int level) {
    const int previous = level_limit;
    level_limit = level < 0 ? 0 : level;
    return previous;
}

void maia_int4_dots(const uint8_t *rows, const int8_t *query, size_t blocks, size_t count, int32_t *out) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    const int level = maia_int4_kernel_level();
    if (level == 2 && blocks <= MAX_VNNI_BLOCKS) {
        dots_vnni512(rows, query, blocks, count, out);
        return;
    }
    if (level >= 1) {
        dots_avx2(rows, query, blocks, count, out);
        return;
    }
#endif
    dots_portable(rows, query, blocks, count, out);
}
