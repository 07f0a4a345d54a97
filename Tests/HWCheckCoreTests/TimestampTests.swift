import Testing
@testable import HWCheckCore

@Suite struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2026-03-01T08:30:00Z", Int64(1_772_353_800)),
        ("2026-03-01T10:30:00+02:00", Int64(1_772_353_800)),
        ("2026-03-01T08:30:00.250Z", Int64(1_772_353_800)),
        ("2000-02-29T23:59:59Z", Int64(951_868_799)),
    ])
    func parses(text: String, seconds: Int64) {
        #expect(Timestamp.parse(text) == seconds)
    }

    @Test func rejectsAndRoundTrips() {
        for bad in ["", "2026-03-01", "2026-13-01T00:00:00Z", "2026-03-01T08:30:00", "2026-03-01T08:30:00Zjunk"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
        for seconds: Int64 in [0, 951_868_799, 1_772_353_800, 4_102_444_800] {
            #expect(Timestamp.parse(Timestamp.format(seconds)) == seconds)
        }
        #expect(Timestamp.format(1_772_353_800) == "2026-03-01T08:30:00Z")
    }
}
