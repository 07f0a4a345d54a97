// The reading half of `fleet import`, on its own thread: parse, compact and hash reports while the other
// thread writes SQLite. A bounded queue of batches between them keeps memory flat and lets the reader run
// ahead by at most `capacity` batches.

import Dispatch
import HWCheckCore
import Synchronization

/// A report ready for the inventory: its summary, compact text and content hash.
struct PreparedReport: Sendable {
    var summary: ReportSummary
    var origin: ReportOrigin
    var modificationTime: Int64?
    /// The report without white space outside strings (`Compact`).
    var json: String
    /// SHA-256 of `json`, lower-case hex.
    var sha256: String
}

enum ImportItem: Sendable {
    case report(PreparedReport)
    case problem(InputProblem)
}

final class ImportPipeline: Sendable {
    static let batchSize = 256
    private let slots: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    /// Batches ready, and whether the consumer gave up. `nil` in the queue marks the end.
    private let state = Mutex<(batches: [[ImportItem]?], cancelled: Bool)>(([], false))

    init(capacity: Int) {
        slots = DispatchSemaphore(value: capacity)
    }

    /// Starts reading `inputs` on another thread.
    func start(_ inputs: [String], stream: ReportStream) {
        let pipeline = self
        DispatchQueue.global(qos: .userInitiated).async {
            var batch: [ImportItem] = []
            batch.reserveCapacity(Self.batchSize)
            var compact: [UInt8] = []
            stream.read(inputs, onProblem: { batch.append(.problem($0)) }) { (document: ReportDocument) throws(Never) in
                Compact.write(document.text, into: &compact)
                let sha = compact.withUnsafeBufferPointer { buffer -> String in
                    var hasher = SHA256()
                    hasher.update(buffer)
                    return Hex.encode(hasher.finalize())
                }
                batch.append(.report(PreparedReport(summary: document.summary, origin: document.origin,
                                                    modificationTime: document.modificationTime,
                                                    json: String(decoding: compact, as: UTF8.self), sha256: sha)))
                if batch.count >= Self.batchSize {
                    pipeline.put(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            pipeline.put(batch)
            pipeline.put(nil)
        }
    }

    /// Blocks while `capacity` batches wait; drops everything once the consumer cancelled.
    private func put(_ batch: [ImportItem]?) {
        if state.withLock({ $0.cancelled }) { return }
        slots.wait()
        state.withLock { $0.batches.append(batch) }
        filled.signal()
    }

    /// The next batch, or nil at the end of the input.
    func next() -> [ImportItem]? {
        filled.wait()
        let batch = state.withLock { $0.batches.removeFirst() }
        slots.signal()
        return batch
    }

    /// The consumer stops: the reader finishes without blocking (its remaining output is dropped).
    func cancel() {
        state.withLock { $0.cancelled = true }
        for _ in 0..<ImportPipeline.slotRelease { slots.signal() }
    }

    /// Enough signals to release a reader blocked on a full queue, whatever the capacity.
    private static let slotRelease = 1024
}
