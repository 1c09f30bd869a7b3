import CInferenceKernels

/// The kernels the runtime runs on this CPU, chosen once at run time, and whose arithmetic they reproduce.
///
/// llama.cpp rounds differently depending on the instruction set it was compiled for: a native build on a CPU with
/// AVX-512 takes 16-lane paths (another exponential, other summation orders) where an AVX2 build takes 8-lane ones.
/// MAIA's kernels follow the build a native compile of llama.cpp picks on the same CPU, so that greedy decoding
/// chooses the same tokens as the llama.cpp that `scripts/setup.sh` installs there.
public enum InferenceKernels: Int, Sendable, CustomStringConvertible {
    /// Portable C, with the arithmetic of llama.cpp's AVX2 build.
    case portable = 0
    /// AVX2 + FMA + F16C: the same results as `portable`, faster.
    case avx2 = 1
    /// AVX-512 F/DQ/VL/BW: the arithmetic of llama.cpp's AVX-512 build.
    case avx512 = 2

    /// The kernels this process runs.
    public static var current: InferenceKernels { InferenceKernels(rawValue: Int(maia_kernel_level())) ?? .portable }

    /// The llama.cpp build whose results these kernels reproduce: "avx512" or "avx2" (the value the reference
    /// fixture records as `kernels`).
    public var referenceBuild: String { self == .avx512 ? "avx512" : "avx2" }

    public var description: String {
        switch self {
        case .portable: "portable C (llama.cpp AVX2 arithmetic)"
        case .avx2: "AVX2 (llama.cpp AVX2 arithmetic)"
        case .avx512: "AVX-512 (llama.cpp AVX-512 arithmetic)"
        }
    }
}
