#ifndef MAIA_VECTOR_KERNELS_H
#define MAIA_VECTOR_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Writes to out[r] the dot product of `query` with row r of `rows` (count rows of `dimensions` int8 values,
/// stored one after another), for r in 0..<count.
///
/// Every value must be in -127...127 (never -128): the AVX2 path multiplies |row| by sign-adjusted query values
/// with a saturating 16-bit pairwise add, which is exact only in that range.
void maia_int8_dots(const int8_t *rows, const int8_t *query, size_t dimensions, size_t count, int32_t *out);

#endif
