import Foundation
import Testing

@testable import PraktikaDomain

@Suite("Attachments")
struct AttachmentTests {
    static let pdf = Array("%PDF-1.4\n%âãÏÓ\n1 0 obj\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
    static let pptx: [UInt8] =
        [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 26) + Array("[Content_Types].xml....ppt/presentation.xml".utf8)

    @Test("the kind comes from the bytes, and must agree with the name")
    func sniffing() {
        #expect(AttachmentKind.sniff(Self.pdf) == .pdf)
        #expect(AttachmentKind.sniff(Self.png) == .png)
        #expect(AttachmentKind.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(AttachmentKind.sniff(Self.pptx) == .pptx)
        #expect(AttachmentKind.sniff(Array("<html><script>alert(1)</script>".utf8)) == nil)
        #expect(AttachmentKind.sniff(Array("MZ\u{90}\0".utf8)) == nil)

        #expect(AttachmentKind.check(filename: "Слайдове.pdf", bytes: Self.pdf).kind == .pdf)
        #expect(AttachmentKind.check(filename: "снимка.JPG", bytes: [0xFF, 0xD8, 0xFF, 0xE0]).kind == .jpeg)
        #expect(AttachmentKind.check(filename: "report.pdf", bytes: Self.png).error?.key == .attachmentExtension)
        #expect(AttachmentKind.check(filename: "page.html", bytes: Array("<html>".utf8)).error?.key == .attachmentKind)
        #expect(AttachmentKind.check(filename: "", bytes: Self.pdf).error?.key == .validationRequired)
        let bigPhoto = [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: 6 * 1024 * 1024)
        #expect(AttachmentKind.check(filename: "big.jpg", bytes: bigPhoto).error?.key == .attachmentTooLarge)
        let bigPDF = Self.pdf + [UInt8](repeating: 0, count: 11 * 1024 * 1024)
        #expect(AttachmentKind.check(filename: "big.pdf", bytes: bigPDF).error?.key == .attachmentTooLarge)
    }

    @Test("names sent back in headers keep letters and lose paths and quotes")
    func safeNames() {
        #expect(AttachmentKind.safeName("../../etc/passwd") == "passwd")
        #expect(AttachmentKind.safeName("Умна \"диаграма\".pdf") == "Умна__диаграма_.pdf")
        #expect(AttachmentKind.safeName(".htaccess") == "file.htaccess")
    }
}
