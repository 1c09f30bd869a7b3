#if canImport(Accelerate)
import Accelerate
#else
import COpenBLAS
#endif

/// The one BLAS routine the encoder needs: single-precision matrix multiply on row-major matrices.
///
/// On Linux it is OpenBLAS (Debian's `libopenblas-dev`), on Apple platforms Accelerate.
enum BLAS {
    /// Makes every BLAS call run on its calling thread; the encoder parallelises across cores itself.
    ///
    /// OpenBLAS's own threads repack the whole weight matrix for each small multiply and spin while they
    /// wait, which costs more than it gains at the sizes one sentence produces. This setting is
    /// process-wide; it is applied once, when the first model loads.
    static let singleThreaded: Void = {
        #if !canImport(Accelerate)
        openblas_set_num_threads(1)
        #endif
    }()

    /// `C = alpha · A · op(B) + beta · C`, where `A` is `m×k`, `op(B)` is `k×n` (`B` stored `n×k` when
    /// `transposeB`), `C` is `m×n`, each with its row stride (`lda`, `ldb`, `ldc`).
    static func gemm(
        transposeB: Bool,
        m: Int,
        n: Int,
        k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>,
        lda: Int,
        b: UnsafePointer<Float>,
        ldb: Int,
        beta: Float,
        c: UnsafeMutablePointer<Float>,
        ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor,
            CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            Int32(m),
            Int32(n),
            Int32(k),
            alpha,
            a,
            Int32(lda),
            b,
            Int32(ldb),
            beta,
            c,
            Int32(ldc)
        )
    }
}
