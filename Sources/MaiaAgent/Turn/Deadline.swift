/// Runs work that must finish by a deadline, cancelling it when the deadline passes.
enum Deadline {
    /// The deadline passed before the work finished.
    struct Exceeded: Error {}

    /// The result of `operation`, or `Exceeded` once `deadline` has passed (the operation is then cancelled).
    static func run<T: Sendable>(
        until deadline: ContinuousClock.Instant,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else { throw Exceeded() }
            return result
        }
    }
}
