import CInferenceKernels

/// The threads of one session's forward pass: the caller's and `threads - 1` workers that spin briefly between
/// regions (`maia_worker_pool.h`). A token's ~150 short regions each woke a Dispatch worker from sleep, which made
/// generation with 2 threads slower than llama.cpp's, whose threads spin.
final class WorkerPool {
    private let pool: OpaquePointer?
    /// The threads that share each region, the caller's included.
    let threads: Int

    init(threads: Int) throws(InferenceError) {
        self.threads = threads
        pool = maia_worker_pool_create(Int32(threads - 1))
        guard pool != nil else {
            throw InferenceError(
                .outOfResources,
                "the system refused \(threads - 1) worker threads; set fewer threads (1 needs none)"
            )
        }
    }

    deinit { maia_worker_pool_destroy(pool) }

    /// Runs `body` on `threads` contiguous pieces of `0..<count` at once (the last piece takes the rest; fewer
    /// pieces when `count` is smaller) and returns when all have finished.
    ///
    /// The pieces write disjoint parts of raw buffers, which the compiler cannot check; `body` reaches the workers
    /// through a raw pointer and never outlives this call.
    func run(_ count: Int, _ body: (_ range: Range<Int>, _ part: Int) -> Void) {
        let parts = max(1, min(threads, count))
        guard parts > 1 else {
            body(0..<count, 0)
            return
        }
        withoutActuallyEscaping(body) { body in
            var region = Region(count: count, parts: parts, body: body)
            withUnsafeMutablePointer(to: &region) { region in
                maia_worker_pool_run(
                    pool,
                    { context, part in
                        let region = context!.assumingMemoryBound(to: Region.self).pointee
                        let part = Int(part)
                        region.body(
                            region.count * part / region.parts..<region.count * (part + 1) / region.parts,
                            part
                        )
                    },
                    region,
                    Int32(parts)
                )
            }
        }
    }

    private struct Region {
        let count: Int
        let parts: Int
        let body: (Range<Int>, Int) -> Void
    }
}
