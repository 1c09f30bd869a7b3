import Dispatch

extension BertEncoder {
    /// Runs `body` on `parts` contiguous pieces of `0..<count` at once, each boundary a multiple of
    /// `alignment` (the last piece takes the rest), and returns when all have finished.
    ///
    /// The pieces write disjoint parts of raw buffers, which the compiler cannot check; that is why `body`
    /// crosses into Dispatch's workers as `nonisolated(unsafe)`. It never outlives this call.
    static func inParallel(
        _ count: Int,
        parts: Int,
        alignment: Int = 1,
        _ body: (_ range: Range<Int>, _ part: Int) -> Void
    ) {
        let parts = max(1, min(parts, count / max(alignment, 1)))
        guard parts > 1 else {
            body(0..<count, 0)
            return
        }
        let boundaries = (0...parts).map { part in
            part == parts ? count : (count * part / parts) / alignment * alignment
        }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                body(boundaries[part]..<boundaries[part + 1], part)
            }
        }
    }
}
