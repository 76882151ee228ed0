import Foundation
import PraktikaDomain
import Vapor

/// `praktika analyze`: reads text on standard input and prints, for each word the index keeps,
/// `token<TAB>key` (a word of several dictionary entries gets one line per key), so that anyone can
/// see why a document matches. `--query` analyses the text as a search query instead.
struct AnalyzeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "query", help: "analyse as a search query (Latin words also as the Bulgarian words they transliterate)")
        var query: Bool
    }

    var help: String { "Prints token<TAB>key for each word of the text on standard input, as the search index sees it." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let analyzer = SearchSettings.installed
        var output = ""
        output.reserveCapacity(1 << 20)
        while let line = readLine(strippingNewline: true) {
            let words = signature.query ? analyzer.query(line) : analyzer.document(line)
            for (token, keys) in words {
                for key in keys { output += "\(token)\t\(key)\n" }
            }
            if output.utf8.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
