#ifndef MAIA_INFERENCE_KERNELS_H
#define MAIA_INFERENCE_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// GGML tensor types the runtime reads (the values are GGUF's type codes).
enum maia_ggml_type {
    MAIA_TYPE_F32 = 0,
    MAIA_TYPE_F16 = 1,
    MAIA_TYPE_Q4_0 = 2,
    MAIA_TYPE_Q4_1 = 3,
    MAIA_TYPE_Q8_0 = 8,
    MAIA_TYPE_Q8_1 = 9,
};

/// Whether the AVX2 + FMA + F16C kernels run on this CPU (chosen once at run time).
int maia_has_avx2(void);

/// The kernels this CPU runs: 0 portable C (the arithmetic of llama.cpp's AVX2 build), 1 AVX2 + FMA + F16C (the
/// same results, faster), 2 AVX-512 F/DQ/VL/BW (the arithmetic of llama.cpp's AVX-512 build, which a native build
/// of llama.cpp uses on such a CPU). Detected once, capped by `maia_limit_kernel_level`.
int maia_kernel_level(void);

/// Caps the kernel level for kernels called on this thread (tests compare the paths); returns the level in effect.
int maia_limit_kernel_level(int level);

/// The type a weight row of `type` is multiplied with: activations are converted to it first, as llama.cpp does
/// (`vec_dot_type`: Q8_0 for Q4_0 and Q8_0, Q8_1 for Q4_1, F16 for F16, F32 for F32).
int maia_vec_dot_type(int type);

/// Bytes of one row of `n` values of `type` (`n` a multiple of the type's block size).
size_t maia_row_bytes(int type, size_t n);

/// Converts `n` floats to `type`'s row format (`n` a multiple of 32 for the quantised types), rounding like
/// llama.cpp's AVX2 code (scale 127 / max |x|, round half to even).
void maia_convert_row(int type, const float *x, void *out, size_t n);

/// Converts one row of `n` values of `type` back to floats (embedding lookup).
void maia_dequantize_row(int type, const void *row, float *out, size_t n);

/// For each token t in 0..<tokens and row r in row_begin..<row_end: out[t * out_stride + r] = dot(weight row r,
/// activation row t). `weights` holds rows of `n` values of `type`; `activations` holds `tokens` rows of
/// `maia_vec_dot_type(type)`, `act_stride` bytes apart. `batched` (nonzero when the forward pass evaluates two or
/// more tokens, whatever `tokens` is) selects the summation order of f16 weights, as in `maia_attention`.
void maia_matmul(int type, const void *weights, size_t n, size_t row_begin, size_t row_end, const void *activations,
                 size_t act_stride, size_t tokens, int batched, float *out, size_t out_stride);

/// IEEE half <-> float for `n` values.
void maia_f32_to_f16(const float *x, uint16_t *out, size_t n);
void maia_f16_to_f32(const uint16_t *x, float *out, size_t n);

/// One attention head for one query, over `count` cached positions, as llama.cpp computes it without flash
/// attention: scores = K·q (q rounded to half), scaled by `scale`, softmax, then the probabilities rounded to half
/// and multiplied with the transposed values. `batched` (nonzero when the forward pass evaluates two or more
/// tokens) selects the reduction order llama.cpp then uses (llamafile's tinyBLAS instead of ggml_vec_dot_f16).
///
/// `keys`: `count` rows of `head_dim` halves, `key_stride` halves apart. `values_t`: `head_dim` rows of cached
/// positions, `value_stride` halves apart, zero past `count` up to a multiple of 64. `scratch`: room for
/// 2 * (count + 64) + head_dim floats. Writes `head_dim` floats to `out`.
void maia_attention(const float *query, const uint16_t *keys, size_t key_stride, const uint16_t *values_t,
                    size_t value_stride, size_t count, size_t head_dim, float scale, int batched, float *scratch,
                    float *out);

/// Attention for `rows` consecutive query rows of a batch of two or more tokens, for the `group` query heads that
/// share one key/value head: the results of `maia_attention` (batched) for each, computed together (each key and
/// value chunk widened once for all of them). Row r sees `first_count + r` positions. Head h of row r reads its
/// query at `query + r * row_stride + h * head_dim` and writes `head_dim` floats at the same offset of `out`.
/// `scratch`: `maia_attention_rows_scratch(context, head_dim)` floats, for up to `context` cached positions.
void maia_attention_rows(const float *query, size_t row_stride, size_t group, size_t rows, const uint16_t *keys,
                         size_t key_stride, const uint16_t *values_t, size_t value_stride, size_t first_count,
                         size_t head_dim, float scale, float *scratch, float *out);

/// Floats of scratch `maia_attention_rows` needs for up to `context` positions (also enough for `maia_attention`).
size_t maia_attention_rows_scratch(size_t context, size_t head_dim);

/// y[i] = silu(gate[i]) * up[i], with llama.cpp's vectorised exponential.
void maia_swiglu(const float *gate, const float *up, float *y, size_t n);

#endif
