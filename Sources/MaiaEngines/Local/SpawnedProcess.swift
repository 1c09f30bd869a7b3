import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn`, with every signal unblocked and at its default disposition.
///
/// Foundation's `Process` passes the parent's signal mask on: a Swift process has SIGTERM blocked and SIGINT
/// ignored on some threads (the CLI ignores SIGINT to handle Ctrl-C itself), so a child started from one never saw
/// SIGTERM and every stop waited for the SIGKILL deadline. Resetting the mask and dispositions in the child
/// (`POSIX_SPAWN_SETSIGMASK`, `POSIX_SPAWN_SETSIGDEF`) lets the server shut down when asked.
final class SpawnedProcess {
    /// How the process ended.
    enum Exit: Sendable, Hashable {
        case exited(Int32)
        case signalled(Int32)
    }

    let processIdentifier: pid_t
    private(set) var exit: Exit?

    /// Starts `executable` with `arguments`, stdin from /dev/null and stdout and stderr appended to `log`.
    init(executable: URL, arguments: [String], log: URL) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for variable in environment { free(variable) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable.path, &actions, &attributes, argv, &environment)
        guard status == 0 else {
            throw LocalServerError("cannot launch \(executable.path): \(String(cString: strerror(status)))")
        }
        processIdentifier = pid
    }

    /// Whether the process still runs; reaps it once it has ended.
    var isRunning: Bool {
        guard exit == nil else { return false }
        var status: Int32 = 0
        let reaped = waitpid(processIdentifier, &status, WNOHANG)
        guard reaped == processIdentifier else { return reaped == 0 }
        // WIFEXITED / WTERMSIG are macros Swift cannot import: the low 7 bits hold the signal, 0 for a normal exit.
        let signal = status & 0x7f
        exit = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        return false
    }

    /// Sends `signal` to the process while it runs.
    func send(_ signal: Int32) {
        if isRunning { kill(processIdentifier, signal) }
    }
}
