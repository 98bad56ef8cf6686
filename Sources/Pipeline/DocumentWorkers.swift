public import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Long-lived threads that run per-document work under the run's time limit (`StageContext.withTimeLimit`).
///
/// The work runs on threads of its own, not on the Swift concurrency pool, so a runaway document cannot starve the
/// pool. It used to start one thread per document, each with an empty allocator cache and a 16 MB stack to map and
/// fault in, and a timer per document; here workers live on from one document to the next, and one watchdog thread
/// per pool keeps the time limits.
///
/// Each job names the most jobs its caller wants running at once (`width`, the run's concurrency); the pool starts
/// a worker for a queued job only while fewer than that many are alive, and queues the rest. Callers keep about twice
/// `width` jobs submitted, so a worker that finishes takes the next job at once instead of idling while its caller
/// hears back and submits another. A job's time limit starts when a worker takes it, so waiting in the queue never
/// counts against it.
///
/// A job past its limit is abandoned, not killed (Swift cannot stop a thread): its caller gets
/// `DocumentTimeLimitExceeded`, and its worker is lowered to the lowest CPU priority, stops counting as alive (a
/// replacement starts for queued jobs), runs on to the end of the job keeping its CPU and memory until then, and then
/// exits instead of coming back to the pool.
public final class DocumentWorkers: @unchecked Sendable {
    /// The pool per-document stages use unless a context names another.
    public static let shared = DocumentWorkers()

    /// Parsers recurse; workers get more stack than a secondary thread's default.
    static let stackSize = 16 << 20

    /// Seconds a worker waits for a job before it exits, so a process done with documents does not keep its threads.
    public let idleSeconds: Double

    /// Guards everything below it; idle workers wait on it for jobs.
    private let condition = NSCondition()
    /// Jobs not yet taken, oldest first from `head`.
    private var queue: [Job] = []
    private var head = 0
    /// Workers alive and not abandoned.
    private var live = 0
    /// Of `live`, those running a job.
    private var running = 0
    /// Every worker thread started so far (for tests and diagnostics).
    private var started = 0
    /// The workers running a job, each with its deadline.
    private var busy: [Worker] = []
    /// Whether the watchdog thread runs, and the time (`monotonicSeconds`) it will look next; nil while it waits for
    /// no deadline. A job whose deadline comes earlier wakes it.
    private var watching = false
    private var nextLook: Double?
    /// The watchdog sleeps on `alarm` until its next look or until `rung`.
    private let alarm = NSCondition()
    private var rung = false

    /// Creates a pool; `idleSeconds` is how long an idle worker waits for work before it exits.
    public init(idleSeconds: Double = 30) {
        self.idleSeconds = idleSeconds
    }

    /// How many worker threads this pool has started since it was created: `width` for a batch, plus one for each
    /// worker abandoned past a time limit while jobs were queued (and again after workers went idle for `idleSeconds`).
    public var threadsStarted: Int {
        condition.lock()
        defer { condition.unlock() }
        return started
    }

    /// Runs `body` on a worker, at most `width` at once; past `limit` seconds of running the caller gets
    /// `DocumentTimeLimitExceeded` and the worker is abandoned (see the type's comment). `hang` makes the job sleep past
    /// the limit first (the test hook).
    func run<T: Sendable>(limit: Double, width: Int, hang: Bool,
                          _ body: @escaping @Sendable () throws -> T) async -> Result<T, any Error> {
        await withCheckedContinuation { continuation in
            let outcome = Outcome<T>()
            submit(Job(width: max(1, width), limit: limit, work: {
                if hang { Thread.sleep(forTimeInterval: limit * 4 + 5) }
                outcome.result = Result { try body() }
            }, answer: { timedOut in
                // Called once: by the worker when the body returned in time, else by the watchdog.
                continuation.resume(returning: timedOut ? .failure(DocumentTimeLimitExceeded(seconds: limit)) : outcome.result!)
            }))
        }
    }

    /// Queues a job and wakes an available worker, or starts one when none is available and the job's caller allows.
    private func submit(_ job: Job) {
        condition.lock()
        queue.append(job)
        let start = reserveWorker()
        if !start { condition.signal() }
        condition.unlock()
        if start { startThread(name: "claimtrack worker") { [self] in work() } }
    }

    /// With the lock held: whether queued jobs outnumber the available workers while the oldest one's caller allows
    /// another worker; if so, counts the worker about to start.
    private func reserveWorker() -> Bool {
        guard head < queue.count, queue.count - head > live - running, live < queue[head].width else { return false }
        live += 1
        started += 1
        return true
    }

    private func startThread(name: String, _ main: @escaping @Sendable () -> Void) {
        let thread = Thread(block: main)
        thread.stackSize = Self.stackSize
        thread.name = name
        thread.start()
    }

    /// A worker's loop: take the oldest job, run it, answer, repeat; exit after `idleSeconds` without work, or when the
    /// watchdog abandoned its job.
    private func work() {
        let worker = Worker()
        condition.lock()
        while true {
            guard head < queue.count else {
                let woken = condition.wait(until: Date(timeIntervalSinceNow: idleSeconds))
                if !woken, head == queue.count {
                    live -= 1
                    condition.unlock()
                    return
                }
                continue
            }
            let job = queue[head]
            head += 1
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            }
            running += 1
            worker.job = job
            worker.deadline = monotonicSeconds() + job.limit
            busy.append(worker)
            let ring = watch(until: worker.deadline)
            condition.unlock()
            if ring { ringAlarm() }
            job.work()
            condition.lock()
            // The watchdog answered for this job and took this worker out of the pool.
            if worker.abandoned {
                condition.unlock()
                return
            }
            busy.removeAll { $0 === worker }
            worker.job = nil
            running -= 1
            // Available again before the caller hears back.
            condition.unlock()
            job.answer(false)
            condition.lock()
        }
    }

    /// With the lock held, for a job just started with this deadline: starts the watchdog if it is not running, and
    /// says whether it must be woken to look earlier than it planned.
    private func watch(until deadline: Double) -> Bool {
        if !watching {
            watching = true
            nextLook = deadline
            startThread(name: "claimtrack watchdog") { [self] in watchdog() }
            return false
        }
        if let next = nextLook, next <= deadline { return false }
        nextLook = deadline
        return true
    }

    private func ringAlarm() {
        alarm.lock()
        rung = true
        alarm.signal()
        alarm.unlock()
    }

    /// The watchdog's loop: answer every job past its deadline, then sleep until the earliest deadline left (a job
    /// with an earlier one rings the alarm). With the limits of a run all alike, it wakes about once per limit.
    private func watchdog() {
        while true {
            condition.lock()
            let now = monotonicSeconds()
            let overdue = busy.filter { $0.deadline <= now }
            busy.removeAll { $0.deadline <= now }
            for worker in overdue {
                worker.abandoned = true
                running -= 1
                live -= 1
            }
            let late = overdue.compactMap(\.job)
            var replacements = 0
            while reserveWorker() { replacements += 1 }
            nextLook = busy.map(\.deadline).min()
            if nextLook == nil, live == 0, queue.count == head {
                watching = false
                condition.unlock()
                return
            }
            let sleep = (nextLook ?? now + idleSeconds) - now
            condition.unlock()
            for _ in 0..<replacements { startThread(name: "claimtrack worker") { [self] in work() } }
            for worker in overdue { worker.demote() }
            for job in late { job.answer(true) }
            alarm.lock()
            let until = Date(timeIntervalSinceNow: sleep)
            while !rung, alarm.wait(until: until) {}
            rung = false
            alarm.unlock()
        }
    }
}

/// Seconds on a clock that never jumps (time since boot).
private func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// One document's work: run on a worker, then answered once, with its result or as timed out.
private final class Job: Sendable {
    /// The most jobs its caller runs at once.
    let width: Int
    /// Seconds it may run.
    let limit: Double
    /// Runs the body and keeps its result.
    let work: @Sendable () -> Void
    /// Resumes the caller: with the kept result, or with `DocumentTimeLimitExceeded` when `timedOut`.
    let answer: @Sendable (_ timedOut: Bool) -> Void

    init(width: Int, limit: Double, work: @escaping @Sendable () -> Void, answer: @escaping @Sendable (Bool) -> Void) {
        self.width = width; self.limit = limit; self.work = work; self.answer = answer
    }
}

/// A job's result, written and then read by the worker that ran it.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// A worker thread; `job`, `deadline` and `abandoned` are guarded by the pool's lock.
private final class Worker: @unchecked Sendable {
    /// The kernel thread id, so an abandoned worker can be demoted; 0 where it cannot be read.
    let threadID: pid_t
    var job: Job?
    var deadline = 0.0
    /// The watchdog answered for this worker's job: the worker leaves the pool when the job returns.
    var abandoned = false

    /// Reads the calling thread's id; made on the worker itself.
    init() {
        #if os(Linux)
        // Glibc's gettid() is not visible to Swift; /proc/thread-self links to "<pid>/task/<tid>".
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")) ?? ""
        threadID = link.split(separator: "/").last.flatMap { pid_t($0) } ?? 0
        #else
        threadID = 0
        #endif
    }

    /// Lowers the worker to the lowest CPU priority (nice 19), so the rest of the batch keeps the cores while it runs
    /// on to the end of its abandoned job.
    func demote() {
        #if os(Linux)
        if threadID > 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(threadID), 19) }
        #endif
    }
}
