import Foundation
import Synchronization
import Testing

@testable import MaiaInference

/// The forward pass's threads (`WorkerPool`, `maia_worker_pool.c`): every piece of a region runs once and the region
/// has finished when `run` returns, whether the workers were spinning or asleep.
@Suite("Worker pool of the forward pass")
struct WorkerPoolTests {
    /// Runs one region over `count` items with `pool` and returns how often each item was visited.
    private func visits(_ pool: WorkerPool, count: Int) -> [Int] {
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(count, 1))
        defer { counts.deallocate() }
        counts.initialize(repeating: 0)
        pool.run(count) { range, part in
            #expect(part >= 0 && part < pool.threads)
            for item in range { counts[item] += 1 }
        }
        return Array(counts.prefix(count))
    }

    @Test("every item of a region is visited once, for 1 to 4 threads and counts from 0 to 37", arguments: 1...4)
    func everyItemOnce(threads: Int) throws {
        let pool = try WorkerPool(threads: threads)
        for count in 0...37 {
            #expect(visits(pool, count: count) == [Int](repeating: 1, count: count), "\(count) items")
        }
    }

    @Test("thousands of regions in a row, as a generation runs them, each complete when run returns")
    func manyRegions() throws {
        let pool = try WorkerPool(threads: 2)
        var total = 0
        for region in 0..<5_000 { total += visits(pool, count: 2 + region % 7).reduce(0, +) }
        #expect(total == (0..<5_000).reduce(0) { $0 + 2 + $1 % 7 })
    }

    @Test("a region after the workers have gone to sleep still runs on every thread")
    func afterSleep() throws {
        let pool = try WorkerPool(threads: 3)
        for _ in 0..<3 {
            // Longer than the workers spin (1 ms): they sleep and must be woken.
            usleep(20_000)
            let threads = Mutex<Set<UInt>>([])
            pool.run(3) { _, _ in
                let id = UInt(bitPattern: Int(pthread_self()))
                threads.withLock { _ = $0.insert(id) }
                usleep(1_000)
            }
            #expect(threads.withLock { $0.count } == 3, "each part on its own thread")
        }
    }
}
