#ifndef MAIA_VECTOR_KERNELS_H
#define MAIA_VECTOR_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Writes to out[r] the dot product of `query` with row r of `rows`, for r in 0..<count.
///
/// A row is `blocks` blocks of 16 bytes holding 32 signed 4-bit codes (-8...7) stored as code + 8: byte j of a
/// block holds dimension j in its low nibble and dimension j + 16 in its high nibble. `query` holds blocks * 32
/// int8 values (-128...127; pad with zeros past the real dimensions).
void maia_int4_dots(const uint8_t *rows, const int8_t *query, size_t blocks, size_t count, int32_t *out);

/// The loop `maia_int4_dots` uses on this thread: 0 portable C, 1 AVX2, 2 AVX-512 VNNI (all give the same sums).
int maia_int4_kernel_level(void);

/// Caps the level this thread uses (so that tests check every loop the CPU can run); returns the previous cap.
int maia_int4_limit_kernel_level(int level);

#endif
