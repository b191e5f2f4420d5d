// The encoder's element-wise functions over glibc's vector math library (libmvec), eight lanes
// at a time where the processor has AVX2. Written in C because Swift cannot call libmvec's
// functions: they take and return AVX registers. erf is most of BERT's feed-forward cost when
// taken one float at a time through libm.
#include "CVectorMath.h"
#include <math.h>

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2"))) __m256 _ZGVdN8v_erff(__m256);
__attribute__((target("avx2"))) __m256 _ZGVdN8v_expf(__m256);

__attribute__((target("avx2,fma")))
static size_t gelu_avx2(float *x, size_t count) {
    const __m256 half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1.0f), root = _mm256_set1_ps(0.70710678118654752f);
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        __m256 e = _ZGVdN8v_erff(_mm256_mul_ps(v, root));
        _mm256_storeu_ps(x + i, _mm256_mul_ps(_mm256_mul_ps(half, v), _mm256_add_ps(one, e)));
    }
    return i;
}

__attribute__((target("avx2,fma")))
static size_t exp_avx2(float *x, size_t count, float shift) {
    const __m256 s = _mm256_set1_ps(shift);
    size_t i = 0;
    for (; i + 8 <= count; i += 8) _mm256_storeu_ps(x + i, _ZGVdN8v_expf(_mm256_sub_ps(_mm256_loadu_ps(x + i), s)));
    return i;
}

__attribute__((target("avx2,fma")))
static size_t dots_avx2(const signed char *rows, const float *scales, size_t count, size_t dimension,
                        const float *query, float *out) {
    if (dimension % 8 != 0) return 0;
    for (size_t r = 0; r < count; r++) {
        const signed char *row = rows + r * dimension;
        __m256 sum = _mm256_setzero_ps();
        for (size_t i = 0; i < dimension; i += 8) {
            __m256i wide = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(row + i)));
            sum = _mm256_fmadd_ps(_mm256_cvtepi32_ps(wide), _mm256_loadu_ps(query + i), sum);
        }
        __m128 half = _mm_add_ps(_mm256_castps256_ps128(sum), _mm256_extractf128_ps(sum, 1));
        half = _mm_add_ps(half, _mm_movehl_ps(half, half));
        half = _mm_add_ss(half, _mm_shuffle_ps(half, half, 1));
        out[r] = scales[r] * _mm_cvtss_f32(half);
    }
    return count;
}

static int has_avx2(void) { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

int kq_has_avx512(void) {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512cd");
}
#else
static size_t dots_avx2(const signed char *rows, const float *scales, size_t count, size_t dimension,
                        const float *query, float *out) { (void)rows; (void)scales; (void)count; (void)dimension; (void)query; (void)out; return 0; }
static size_t gelu_avx2(float *x, size_t count) { (void)x; (void)count; return 0; }
static size_t exp_avx2(float *x, size_t count, float shift) { (void)x; (void)count; (void)shift; return 0; }
static int has_avx2(void) { return 0; }
int kq_has_avx512(void) { return 0; }
#endif

void kq_gelu(float *x, size_t count) {
    size_t i = has_avx2() ? gelu_avx2(x, count) : 0;
    for (; i < count; i++) x[i] = 0.5f * x[i] * (1.0f + erff(x[i] * 0.70710678118654752f));
}

void kq_exp_shifted(float *x, size_t count, float shift) {
    size_t i = has_avx2() ? exp_avx2(x, count, shift) : 0;
    for (; i < count; i++) x[i] = expf(x[i] - shift);
}

void kq_scaled_dots_i8(const signed char *rows, const float *scales, size_t count, size_t dimension,
                       const float *query, float *out) {
    if (has_avx2() && dots_avx2(rows, scales, count, dimension, query, out) == count) return;
    for (size_t r = 0; r < count; r++) {
        float sum = 0;
        for (size_t i = 0; i < dimension; i++) sum += query[i] * (float)rows[r * dimension + i];
        out[r] = scales[r] * sum;
    }
}
