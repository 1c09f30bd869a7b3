import Dispatch

/// Runs `body` on `parts` contiguous pieces of `0..<count` at once (the last piece takes the rest) and returns
/// when all have finished.
///
/// The pieces write disjoint parts of raw buffers, which the compiler cannot check; that is why `body` crosses
/// into Dispatch's workers as `nonisolated(unsafe)`. It never outlives this call.
func inParallel(_ count: Int, parts: Int, _ body: (_ range: Range<Int>, _ part: Int) -> Void) {
    let parts = max(1, min(parts, count))
    guard parts > 1 else {
        body(0..<count, 0)
        return
    }
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            body(count * part / parts..<count * (part + 1) / parts, part)
        }
    }
}
