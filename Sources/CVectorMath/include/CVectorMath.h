#ifndef KQ_VECTOR_MATH_H
#define KQ_VECTOR_MATH_H
#include <stddef.h>

/// x = GELU(x) = x/2 · (1 + erf(x/√2)), the exact form BERT uses, in place.
void kq_gelu(float *x, size_t count);

/// x = exp(x - shift), in place.
void kq_exp_shifted(float *x, size_t count, float shift);

/// out[r] = scales[r] · Σ query[i] · rows[r · dimension + i], for `count` rows of int8 values.
void kq_scaled_dots_i8(const signed char *rows, const float *scales, size_t count, size_t dimension,
                       const float *query, float *out);

/// Whether the processor runs AVX-512 (F, BW, DQ, VL, CD), the set OpenBLAS's SkylakeX kernels use.
int kq_has_avx512(void);

#endif
