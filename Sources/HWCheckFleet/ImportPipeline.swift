// The reading half of `fleet` and `fleet import`, on its own thread: parse (and for import compact and hash)
// reports while the other thread indexes devices or writes SQLite, one core each. A bounded queue of batches
// between them keeps memory flat and lets the reader run ahead by at most `capacity` batches.

import Dispatch
import HWCheckCore
import Synchronization

/// A report ready for the inventory: its summary, compact text and content hash.
public struct PreparedReport: Sendable {
    public var summary: ReportSummary
    public var origin: ReportOrigin
    public var modificationTime: Int64?
    /// The report's UTF-8 text without white space outside strings (`Compact`).
    public var json: [UInt8]
    /// SHA-256 of `json`, lower-case hex.
    public var sha256: String
}

/// What the reading thread hands over: a prepared item, or an input it skipped.
public enum PipelineItem<Item: Sendable>: Sendable {
    case item(Item)
    case problem(InputProblem)
}

/// Reads reports on another thread and hands over `transform`ed items in batches through a bounded queue.
public final class ReportPipeline<Item: Sendable>: Sendable {
    static var batchSize: Int { 256 }
    private let slots: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    private let capacity: Int
    /// Batches ready, and whether the consumer gave up. `nil` in the queue marks the end.
    private let state = Mutex<(batches: [[PipelineItem<Item>]?], cancelled: Bool)>(([], false))
    /// Bytes of the reports read so far (for the progress line's estimate).
    private let bytes = Atomic<Int>(0)

    /// Bytes of the reports read so far, by the reading thread.
    public var bytesRead: Int { bytes.load(ordering: .relaxed) }

    public init(capacity: Int) {
        self.capacity = capacity
        slots = DispatchSemaphore(value: capacity)
    }

    /// Starts reading `inputs` on another thread; `transform` runs there, with a scratch buffer of its own.
    public func start(_ inputs: [String], stream: ReportStream, transform: @escaping @Sendable (ReportDocument, inout [UInt8]) -> Item) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            var batch: [PipelineItem<Item>] = []
            batch.reserveCapacity(Self.batchSize)
            var scratch: [UInt8] = []
            stream.read(inputs, onProblem: { batch.append(.problem($0)) }) { (document: ReportDocument) throws(Never) in
                batch.append(.item(transform(document, &scratch)))
                bytes.add(document.text.count, ordering: .relaxed)
                if batch.count >= Self.batchSize {
                    put(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            put(batch)
            put(nil)
        }
    }

    /// Blocks while `capacity` batches wait; drops everything once the consumer cancelled.
    private func put(_ batch: [PipelineItem<Item>]?) {
        if state.withLock({ $0.cancelled }) { return }
        slots.wait()
        state.withLock { $0.batches.append(batch) }
        filled.signal()
    }

    /// The next batch, or nil at the end of the input.
    public func next() -> [PipelineItem<Item>]? {
        filled.wait()
        let batch = state.withLock { $0.batches.removeFirst() }
        slots.signal()
        return batch
    }

    /// The consumer stops: a reader blocked on the full queue is released and drops the rest.
    public func cancel() {
        state.withLock { $0.cancelled = true }
        for _ in 0..<capacity { slots.signal() }
    }
}

extension PreparedReport {
    /// Compacts and hashes a document (on the reading thread of `fleet import`); `blocks`: SHA-256's block function
    /// on the CPU's SHA instructions, when the caller has one.
    public static func prepare(_ document: ReportDocument, scratch _: inout [UInt8], blocks: SHA256Blocks? = nil) -> PreparedReport {
        let compact = Compact.bytes(document.text)
        var hasher = SHA256(blocks: blocks)
        compact.withUnsafeBytes { hasher.update($0) }
        return PreparedReport(summary: document.summary, origin: document.origin, modificationTime: document.modificationTime,
                              json: compact, sha256: Hex.encode(hasher.finalize()))
    }
}

extension FleetAnalyzer {
    /// Reads and analyses `inputs`: parsing on a second thread, the device index on this one.
    public static func analyse(_ inputs: [String], stream: ReportStream = ReportStream(),
                               onProgress: (_ reports: Int, _ bytes: Int) -> Void = { _, _ in },
                               onProblem: (InputProblem) -> Void) -> FleetResult {
        var reports = 0
        var analyzer = FleetAnalyzer()
        let pipeline = ReportPipeline<FleetDevice>(capacity: 8)
        pipeline.start(inputs, stream: stream) { document, _ in
            FleetDevice(summary: document.summary, origin: document.origin, modificationTime: document.modificationTime)
        }
        while let batch = pipeline.next() {
            for entry in batch {
                switch entry {
                case .item(let device):
                    analyzer.add(device)
                    reports += 1
                case .problem(let problem):
                    onProblem(problem)
                    analyzer.addProblem(problem)
                }
            }
            onProgress(reports, pipeline.bytesRead)
        }
        return analyzer.finish()
    }

    /// Reads and analyses reports from an open descriptor (a pipe from `hwcheck-inventory latest`), on this
    /// thread; `source` names them ("fleet.db").
    public static func analyse(descriptor: Int32, source: String, stream: ReportStream = ReportStream(),
                               onProblem: (InputProblem) -> Void) -> FleetResult {
        var analyzer = FleetAnalyzer()
        var problems: [InputProblem] = []
        stream.readDescriptor(descriptor, source: source, modificationTime: nil, onProblem: { problems.append($0) }) {
            (document: ReportDocument) throws(Never) in
            analyzer.add(FleetDevice(summary: document.summary, origin: document.origin, modificationTime: nil))
        }
        for problem in problems {
            onProblem(problem)
            analyzer.addProblem(problem)
        }
        return analyzer.finish()
    }
}
