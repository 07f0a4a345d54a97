// libFuzzer entry point for the "json-reader" check (Fuzz/Checks/FuzzChecks.swift). Built and run by scripts/fuzz.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let problems = FuzzChecks.jsonReader(bytes)
    if !problems.isEmpty { fatalError("json-reader: " + problems.joined(separator: "; ")) }
    return 0
}
