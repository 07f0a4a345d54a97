import GRDB
@testable import HWCheckInventory

/// A database as the v1 schema left it (JSON as text, no json_size) holding one report, written at `file`
/// through the migrator's first step; returns that report's JSON.
func writeVersion1Database(_ file: String) throws -> String {
    let old = SyntheticDevice(hostId: "uuid-old", b1: "O1", b2: "O2", b3: "O3", b4: "aa:00:00:00:00:70", collectedAt: "2026-01-01T08:00:00Z").json()
    let queue = try DatabaseQueue(path: file)
    try FleetDatabase.migrator.migrate(queue, upTo: "v1")
    try queue.write { db in
        try db.execute(sql: "INSERT INTO devices (id, device_key, host_id) VALUES (1, 'hostId+B1+B3=uuid-old|O1|O3', 'uuid-old')")
        try db.execute(sql: """
            INSERT INTO reports (device_id, collected_at, time_source, verdict, source, imported_at, sha256, json)
            VALUES (1, '2026-01-01T08:00:00Z', 'collectedAt', 'compliant', 'old.json', '2026-01-02T00:00:00Z', 'x', ?)
            """, arguments: [old])
    }
    return old
}
