import CInferenceKernels

/// The tensor element types the runtime runs, with GGUF's type codes.
public enum GGMLType: UInt32, Sendable, CaseIterable {
    case f32 = 0
    case f16 = 1
    case q4_0 = 2
    case q4_1 = 3
    case q8_0 = 8

    /// Values per block: a row's length must be a multiple of it.
    public var blockSize: Int {
        switch self {
        case .f32, .f16: return 1
        case .q4_0, .q4_1, .q8_0: return 32
        }
    }

    /// Bytes of a row of `count` values.
    public func rowBytes(_ count: Int) -> Int {
        maia_row_bytes(Int32(rawValue), count)
    }

    /// The type name as llama.cpp prints it.
    public var name: String {
        switch self {
        case .f32: return "F32"
        case .f16: return "F16"
        case .q4_0: return "Q4_0"
        case .q4_1: return "Q4_1"
        case .q8_0: return "Q8_0"
        }
    }
}
