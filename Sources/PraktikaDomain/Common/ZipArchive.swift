/// A ZIP archive of stored (uncompressed) entries: what an Office document needs to be a valid
/// package. Office and LibreOffice open stored entries as they open deflated ones.
public enum ZipArchive {
    public static func stored(_ entries: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        func le(_ value: Int, _ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = Int(CRC32.checksum(entry.bytes[...]))
            let offset = out.count
            // Version 2.0, flag 0x800 (UTF-8 names), stored, no time.
            let common =
                le(20, 2) + le(0x800, 2) + le(0, 2) + le(0, 2) + le(0x21, 2) + le(crc, 4) + le(entry.bytes.count, 4)
                + le(entry.bytes.count, 4) + le(name.count, 2) + le(0, 2)
            out += le(0x0403_4B50, 4) + common + name + entry.bytes
            directory += le(0x0201_4B50, 4) + le(20, 2) + common + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(offset, 4) + name
        }
        let start = out.count
        out += directory
        out +=
            le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(entries.count, 2) + le(entries.count, 2) + le(directory.count, 4)
            + le(start, 4) + le(0, 2)
        return out
    }
}

/// CRC-32 (ISO 3309), as PNG chunks and ZIP entries carry it.
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    public static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
