import CEthtool
import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// Permanent MAC addresses from the running kernel (SIOCETHTOOL, ETHTOOL_GPERMADDR; no root needed).
public struct EthtoolPermanentAddresses: PermanentAddressReader {
    public init() {}

    public func permanentAddress(of interface: String) -> PermanentAddress {
        var buffer = [UInt8](repeating: 0, count: 32)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            hwcheck_permanent_address(interface, pointer.baseAddress, Int32(pointer.count))
        }
        if length >= 0 { return .bytes(Array(buffer.prefix(Int(length)))) }
        switch -length {
        // The interface is in the recording but not in this kernel (a replay in a private mount namespace):
        // the same answer a recorded root gives.
        case ENODEV, ENXIO: return .notAvailable
        default: return .failed(errno: -length)
        }
    }
}
