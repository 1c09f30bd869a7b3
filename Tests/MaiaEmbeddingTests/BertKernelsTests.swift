import Foundation
import Testing

@testable import MaiaEmbedding

@Suite("Encoder kernels")
struct BertKernelsTests {
    @Test("the branch-free erf is within 1e-6 of the C library's everywhere that matters")
    func erfAccuracy() {
        var worst: Double = 0
        for step in -8000...8000 {
            let x = Float(step) / 1000
            worst = max(worst, abs(Double(BertKernels.erf(x)) - Foundation.erf(Double(x))))
        }
        #expect(worst < 1e-6)
        #expect(abs(BertKernels.erf(100) - 1) < 1e-6)
        #expect(abs(BertKernels.erf(-100) + 1) < 1e-6)
        #expect(BertKernels.erf(0) == 0)
    }

    @Test("softmax rows sum to one and keep order")
    func softmax() {
        var values: [Float] = [1, 2, 3, -1000, 0, 1000]
        values.withUnsafeMutableBufferPointer { BertKernels.softmaxRows($0.baseAddress!, rows: 2, columns: 3) }
        #expect(abs(values[0..<3].reduce(0, +) - 1) < 1e-6)
        #expect(values[0] < values[1] && values[1] < values[2])
        #expect(values[5] == 1)
    }
}
