/// FNV-1a, 64 bits: a fast hash of short byte strings (dictionary forms, facet lines) for tables
/// that compare the bytes themselves on a hit, so that its collisions cost a probe, not a wrong answer.
public enum FNV1a {
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
