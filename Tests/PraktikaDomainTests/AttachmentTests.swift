import Foundation
import Testing

@testable import PraktikaDomain

@Suite("Attachments")
struct AttachmentTests {
    static let pdf = Array("%PDF-1.4\n%âãÏÓ\n1 0 obj\n".utf8)
    /// A one-pixel grey PNG, as an image program writes it.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00,
        0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B, 0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78,
        0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x48, 0xAF, 0xA4, 0x71, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44,
        0xAE, 0x42, 0x60, 0x82,
    ]
    static let pptx = ZipArchive.stored([
        ("[Content_Types].xml", Array("<Types/>".utf8)), ("ppt/presentation.xml", Array("<p:presentation/>".utf8)),
    ])

    @Test("the kind comes from the bytes, and must agree with the name")
    func sniffing() {
        #expect(AttachmentKind.sniff(Self.pdf) == .pdf)
        #expect(AttachmentKind.sniff(Self.png) == .png)
        #expect(AttachmentKind.sniff([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(AttachmentKind.sniff(Self.pptx) == .pptx)
        #expect(AttachmentKind.sniff(Array("<html><script>alert(1)</script>".utf8)) == nil)
        #expect(AttachmentKind.sniff(Array("MZ\u{90}\0".utf8)) == nil)

        #expect(AttachmentKind.check(filename: "Слайдове.pdf", bytes: Self.pdf).kind == .pdf)
        #expect(AttachmentKind.check(filename: "снимка.JPG", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0xFF, 0xD9]).kind == .jpeg)
        #expect(AttachmentKind.check(filename: "cut.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]).error?.key == .attachmentBroken)
        #expect(AttachmentKind.check(filename: "report.pdf", bytes: Self.png).error?.key == .attachmentExtension)
        #expect(AttachmentKind.check(filename: "page.html", bytes: Array("<html>".utf8)).error?.key == .attachmentKind)
        #expect(AttachmentKind.check(filename: "", bytes: Self.pdf).error?.key == .validationRequired)
        let bigPhoto = [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: 6 * 1024 * 1024)
        #expect(AttachmentKind.check(filename: "big.jpg", bytes: bigPhoto).error?.key == .attachmentTooLarge)
        let bigPDF = Self.pdf + [UInt8](repeating: 0, count: 11 * 1024 * 1024)
        #expect(AttachmentKind.check(filename: "big.pdf", bytes: bigPDF).error?.key == .attachmentTooLarge)
    }

    @Test("a file must hold together: no page in its first kilobyte, a whole picture, an archive of a document's size")
    func structure() {
        #expect(AttachmentKind.check(filename: "pixel.png", bytes: Self.png).kind == .png)
        #expect(AttachmentKind.check(filename: "slides.pptx", bytes: Self.pptx).kind == .pptx)
        // A web page after the picture's header, after its end, or in a text chunk of its own.
        let afterHeader = Array(Self.png.prefix(8)) + Array("<html><script>alert(1)</script>".utf8)
        #expect(AttachmentKind.check(filename: "a.png", bytes: afterHeader).error?.key == .attachmentBroken)
        #expect(AttachmentKind.check(filename: "a.png", bytes: Self.png + [0x00, 0x01]).error?.key == .attachmentBroken)
        var corrupted = Self.png
        corrupted[20] ^= 0xFF
        #expect(AttachmentKind.check(filename: "a.png", bytes: corrupted).error?.key == .attachmentBroken, "a chunk's checksum")
        let polyglot = Array("%PDF-1.4\n<!DOCTYPE html><body onload=alert(1)>".utf8)
        #expect(AttachmentKind.check(filename: "a.pdf", bytes: polyglot).error?.key == .attachmentBroken)
        #expect(AttachmentKind.check(filename: "a.pdf", bytes: Self.pdf).kind == .pdf)
        // An archive that declares gigabytes, one with the ZIP64 marker, one with twenty thousand entries.
        var bomb = Self.pptx
        let directory = bomb.count - 22 - (46 + 19) - (46 + 20)
        bomb[directory + 24..<directory + 28] = [0x00, 0x00, 0x00, 0x80]
        #expect(AttachmentKind.check(filename: "bomb.pptx", bytes: bomb).error?.key == .attachmentArchiveTooLarge)
        bomb[directory + 24..<directory + 28] = [0xFF, 0xFF, 0xFF, 0xFF]
        #expect(AttachmentKind.check(filename: "bomb.pptx", bytes: bomb).error?.key == .attachmentArchiveTooLarge)
        let many = ZipArchive.stored(
            [("[Content_Types].xml", Array("<Types/>".utf8)), ("word/document.xml", [])] + (0..<20_000).map { ("word/m\($0)", []) })
        #expect(AttachmentKind.check(filename: "many.docx", bytes: many).error?.key == .attachmentArchiveTooLarge)
        #expect(AttachmentKind.check(filename: "cut.pptx", bytes: Array(Self.pptx.dropLast(30))).error?.key == .attachmentBroken)
    }

    @Test("names sent back in headers keep letters and lose paths and quotes")
    func safeNames() {
        #expect(AttachmentKind.safeName("../../etc/passwd") == "passwd")
        #expect(AttachmentKind.safeName("Умна \"диаграма\".pdf") == "Умна__диаграма_.pdf")
        #expect(AttachmentKind.safeName(".htaccess") == "file.htaccess")
    }
}
