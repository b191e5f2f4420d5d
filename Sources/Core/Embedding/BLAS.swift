import Foundation

import CVectorMath

/// OpenBLAS's `cblas_sgemm`, loaded when the encoder first needs it (`dlopen`), not linked:
/// a linked OpenBLAS starts its thread pool in its constructor, in every kq process, and most
/// commands never embed anything (`kq --version` took a millisecond longer linked).
///
/// Two settings are made before loading:
/// - `OPENBLAS_NUM_THREADS=1` unless the environment sets it: kq runs the encoder on threads of
///   its own, one batch each, and OpenBLAS's threads spinning on a 384-wide product cost more
///   than they gave (a fifth of the time was the scheduler).
/// - `OPENBLAS_CORETYPE=SKYLAKEX` on a processor (and kernel) with AVX-512, whatever the
///   environment says: Debian's OpenBLAS 0.3.21 does not know newer processors (this machine's
///   AMD family 26) and falls back to its AVX2 kernels, which is also what this machine's
///   `OPENBLAS_CORETYPE=Haswell` asks for, set for other programs' sake. The AVX2 kernels ran
///   the encoder at 4,050 word pieces a second on a core (8,400 on two), the AVX-512 ones at
///   6,480 (12,600), and the AVX2 figure is already near those units' peak, 21 million
///   floating-point operations a word piece. Elsewhere the environment's choice stands.
enum BLAS {
    enum Transpose: Int32 {
        case none = 111, transposed = 112
    }

    private typealias SGEMM = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
                                              UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    private static let rowMajor: Int32 = 101

    /// The library's entry point, or why it could not be loaded.
    private static let loaded: Result<SGEMM, SentenceEncoder.Failure> = {
        setenv("OPENBLAS_NUM_THREADS", "1", 0)
        if kq_has_avx512() != 0 { setenv("OPENBLAS_CORETYPE", "SKYLAKEX", 1) }
        for name in ["libopenblas.so.0", "libopenblas.so"] {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL), let symbol = dlsym(handle, "cblas_sgemm") {
                return .success(unsafeBitCast(symbol, to: SGEMM.self))
            }
        }
        return .failure(SentenceEncoder.Failure(description: "OpenBLAS is not installed (libopenblas-dev; scripts/install-deps installs it)"))
    }()

    /// Throws when OpenBLAS cannot be loaded.
    static func check() throws { _ = try loaded.get() }

    /// C = alpha · op(A) · op(B) + beta · C, row-major; `check()` must have succeeded.
    static func sgemm(_ a: Transpose, _ b: Transpose, m: Int, n: Int, k: Int, alpha: Float,
                      _ x: UnsafePointer<Float>, lda: Int, _ y: UnsafePointer<Float>, ldb: Int,
                      beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard case .success(let sgemm) = loaded else { preconditionFailure("BLAS.check() first") }
        sgemm(rowMajor, a.rawValue, b.rawValue, Int32(m), Int32(n), Int32(k), alpha, x, Int32(lda), y, Int32(ldb), beta, c, Int32(ldc))
    }
}
